import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { NotAllowed } from '$lib/server/learning/errors';
import { readOwnRecording } from '$lib/server/learning/recordings';
import { recordingContentType } from '$lib/server/rating/audio-type';

/** A learner's own lesson recording (to listen back); nobody else's. */
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'learner');
	const found = await readOwnRecording(db, user.id, event.params.recordingId).catch(
		(e: unknown) => {
			if (e instanceof NotAllowed) error(403, m.error_forbidden());
			throw e;
		}
	);
	if (!found) error(404, m.error_not_found());
	return new Response(new Uint8Array(found.bytes), {
		headers: {
			'content-type': recordingContentType(found.mimeType),
			'cache-control': 'private, no-store'
		}
	});
};
