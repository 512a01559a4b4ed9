import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { readOwnRecording } from '$lib/server/learning/recordings';
import { recordingContentType } from '$lib/server/rating/audio-type';

/** A learner's own lesson recording (to listen back); nobody else's. */
export const GET: RequestHandler = (event) =>
	actAs(event, 'learner', async (actor) => {
		const found = await readOwnRecording(db, actor.id, event.params.recordingId);
		if (!found) error(404, m.error_not_found());
		return new Response(new Uint8Array(found.bytes), {
			headers: {
				'content-type': recordingContentType(found.mimeType),
				'cache-control': 'private, no-store'
			}
		});
	});
