import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { recordingForListener } from '$lib/server/rating/service';
import { recordingContentType } from '$lib/server/rating/audio-type';

/**
 * A stored recording, for its owner and for instructors of an organization asked to rate it
 * (policy in $lib/server/rating/policy.ts). Not under a role's area: both learners and instructors
 * come here, so the check is the service's, for every request.
 */
export const GET: RequestHandler = (event) =>
	actAs(event, 'signed-in', async (actor) => {
		const audio = await recordingForListener(db, actor, event.params.id);
		return new Response(audio.bytes as Uint8Array<ArrayBuffer>, {
			headers: {
				// Checked again here: rows stored before uploads were checked are served as bytes.
				'content-type': recordingContentType(audio.mimeType),
				'content-length': String(audio.bytes.byteLength),
				// A person's voice: never kept by shared caches or the service worker.
				'cache-control': 'private, no-store'
			}
		});
	});
