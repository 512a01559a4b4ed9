import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { parseJson } from '$lib/validation';
import { syncBatch } from '$lib/server/sync/records';
import { applyBatch } from '$lib/server/sync/service';

/**
 * A batch from the phone's outbox (JSON `{ accountId, records }`): finished lessons and reviews, each with
 * its client id. Answers `{ results: [{ id, status: accepted | duplicate | refused, reason? }] }`, one per
 * record. 401 without a session and 409 when the batch is another account's: the phone then sends nothing
 * until that learner signs in again.
 */
export const POST: RequestHandler = (event) => {
	if (!event.locals.user) return json({ error: 'signed-out' }, { status: 401 });
	return actAs(event, 'learner', async (actor) => {
		const batch = await parseJson(syncBatch, event.request);
		if (!batch) return json({ error: 'invalid batch' }, { status: 400 });
		if (batch.accountId !== actor.id) return json({ error: 'other-account' }, { status: 409 });
		const results = await applyBatch(db, actor.id, batch.records);
		return json({ results }, { headers: { 'cache-control': 'no-store' } });
	});
};
