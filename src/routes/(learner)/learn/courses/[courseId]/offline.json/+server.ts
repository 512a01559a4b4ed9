import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { offlineManifest } from '$lib/server/offline/manifest';

/**
 * The course's offline manifest, for a learner enrolled in it (another learner: 403; no course: 404).
 * Never stored by the service worker (`.json` data of the learner's own, fetched fresh to compare
 * versions).
 */
export const GET: RequestHandler = (event) =>
	actAs(
		event,
		'learner',
		async (actor) => {
			const manifest = await offlineManifest(db, actor.id, event.params.courseId);
			if (!manifest) error(404, m.course_error_unknown());
			return json(manifest, { headers: { 'cache-control': 'private, no-store' } });
		},
		{ forbidden: m.course_not_enrolled }
	);
