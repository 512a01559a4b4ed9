import {
	failed,
	nextBatch,
	nextRecordings,
	settle,
	type OutboxRecord,
	type SyncOutcome
} from './outbox';
import type { OutboxStore } from './outbox-store';

/**
 * Why a send did not get answers: no network (or a dropped connection), the session expired or belongs to
 * another account (nothing is sent until the same learner signs in again), or the server failed.
 */
export type SendFailure = 'offline' | 'signed-out' | 'server';

export type SendResult<T> = { ok: true; value: T } | { ok: false; failure: SendFailure };

export interface SyncTransport {
	/** Posts a batch of attempts and reviews of `accountId`; the server answers for each record. */
	postBatch(
		accountId: string,
		records: OutboxRecord<'attempt' | 'review'>[]
	): Promise<SendResult<SyncOutcome[]>>;
	/** Posts one recording (one request each, idempotent by its id). */
	postRecording(
		accountId: string,
		record: OutboxRecord<'recording'>
	): Promise<SendResult<SyncOutcome>>;
}

export type FlushReport = {
	sent: number;
	refused: { id: string; reason: string }[];
	/** Set when the flush stopped before the queue was empty. */
	stopped?: SendFailure;
};

/**
 * Sends one account's outbox: recordings first, one by one (an attempt waits for its recordings), then
 * attempts and reviews in batches, until the queue is empty or a send fails. Deletes only what the server
 * acknowledged (a refused record is kept, marked, for the learner to see); on a failure the records sent keep their place and wait longer (exponential back-off).
 */
export async function flushOutbox(
	store: OutboxStore,
	transport: SyncTransport,
	accountId: string,
	clock: { now: () => number; random: () => number } = { now: Date.now, random: Math.random }
): Promise<FlushReport> {
	const report: FlushReport = { sent: 0, refused: [] };
	for (const record of nextRecordings(await store.all(accountId), accountId, clock.now())) {
		const result = await transport.postRecording(accountId, record);
		if (!result.ok) {
			if (result.failure !== 'signed-out')
				await store.update([failed(record, clock.now(), clock.random())]);
			return { ...report, stopped: result.failure };
		}
		const settled = settle([record], [result.value], clock.now(), clock.random);
		await store.remove(settled.remove);
		await store.update(settled.refuse);
		report.sent += settled.remove.length + settled.refuse.length;
		report.refused.push(...settled.refused);
	}
	// Each round sends a batch the last round did not: a record the server did not answer about waits
	// (back-off), so the loop ends.
	for (let round = 0; round < 10_000; round++) {
		const batch = nextBatch(await store.all(accountId), accountId, clock.now());
		if (batch.length === 0) break;
		const result = await transport.postBatch(accountId, batch);
		if (!result.ok) {
			if (result.failure !== 'signed-out')
				await store.update(batch.map((r) => failed(r, clock.now(), clock.random())));
			return { ...report, stopped: result.failure };
		}
		const settled = settle(batch, result.value, clock.now(), clock.random);
		await store.remove(settled.remove);
		await store.update([...settled.retry, ...settled.refuse]);
		report.sent += settled.remove.length + settled.refuse.length;
		report.refused.push(...settled.refused);
	}
	return report;
}
