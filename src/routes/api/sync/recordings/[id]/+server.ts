import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { MAX_RECORDING_BYTES } from '$lib/server/learning/attempts';
import { applyRecording } from '$lib/server/sync/service';

/**
 * One speaking recording from the outbox, its bytes as the body (one request per recording, never one huge
 * request; a resent upload is answered `duplicate`). Headers: `content-type` (audio), `x-account-id` (the
 * account whose outbox it is), `x-duration-ms` (optional).
 */
export const PUT: RequestHandler = (event) => {
	if (!event.locals.user) return json({ error: 'signed-out' }, { status: 401 });
	return actAs(event, 'learner', async (actor) => {
		const headers = event.request.headers;
		if (headers.get('x-account-id') !== actor.id)
			return json({ error: 'other-account' }, { status: 409 });
		const id = event.params.id;
		const declared = Number(headers.get('content-length') ?? 0);
		if (declared > MAX_RECORDING_BYTES)
			return json({ id, status: 'refused', reason: 'recording too large' });
		const bytes = new Uint8Array(await event.request.arrayBuffer());
		const duration = Number(headers.get('x-duration-ms'));
		const outcome = await applyRecording(db, actor.id, {
			id,
			mimeType: headers.get('content-type') ?? '',
			bytes,
			durationMs:
				Number.isInteger(duration) && duration > 0 && duration < 3_600_000 ? duration : null
		});
		return json(outcome, { headers: { 'cache-control': 'no-store' } });
	});
};
