import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { actorOf, requireUser } from '$lib/server/auth/guards';
import { Forbidden } from '$lib/server/admin/service';
import { recordingForListener } from '$lib/server/rating/service';
import { recordingContentType } from '$lib/server/rating/audio-type';

/**
 * A stored recording, for its owner and for instructors of an organization asked to rate it
 * (policy in $lib/server/rating/policy.ts). Not under a role's area: both learners and instructors
 * come here, so the check is the service's, for every request.
 */
export const GET: RequestHandler = async (event) => {
	requireUser(event);
	let audio: Awaited<ReturnType<typeof recordingForListener>>;
	try {
		audio = await recordingForListener(db, actorOf(event.locals), event.params.id);
	} catch (e) {
		if (e instanceof Forbidden) error(403, m.error_forbidden());
		throw e;
	}
	return new Response(audio.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			// Checked again here: rows stored before uploads were checked are served as bytes.
			'content-type': recordingContentType(audio.mimeType),
			'content-length': String(audio.bytes.byteLength),
			// A person's voice: never kept by shared caches or the service worker.
			'cache-control': 'private, no-store'
		}
	});
};
