import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { offlineManifest } from '$lib/server/offline/manifest';
import { etagOf, noneMatchHits } from '$lib/server/operations/etag';

/**
 * The course's offline manifest, for a learner enrolled in it (another learner: 403; no course: 404),
 * fetched when the learner downloads (the course map's page data has the sizes it shows before).
 * Never stored by the service worker. The browser keeps it and asks again each time (`no-cache` with
 * an ETag): an unchanged course answers 304 with no body, so the check for a newer published version
 * at each connection costs a phone almost no data.
 */
export const GET: RequestHandler = (event) =>
	actAs(
		event,
		'learner',
		async (actor) => {
			const manifest = await offlineManifest(db, actor.id, event.params.courseId);
			if (!manifest) error(404, m.course_error_unknown());
			const body = JSON.stringify(manifest);
			const etag = etagOf(body);
			const headers = {
				'cache-control': 'private, no-cache',
				etag,
				'content-type': 'application/json'
			};
			if (noneMatchHits(event.request.headers.get('if-none-match'), etag))
				return new Response(null, { status: 304, headers });
			return new Response(body, { headers });
		},
		{ forbidden: m.course_not_enrolled }
	);
