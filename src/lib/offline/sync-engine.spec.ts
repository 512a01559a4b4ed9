import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compareRecords, type OutboxRecord, type SyncOutcome } from './outbox';
import { IdbOutboxStore, MemoryOutboxStore, openOfflineDb, type OutboxStore } from './outbox-store';
import { flushOutbox, type SyncTransport } from './sync-engine';

const reviewPayload = (vocabularyId: string) => ({
	courseId: 'c',
	vocabularyId,
	grade: 3 as const,
	mode: 'recall' as const,
	reviewedAt: '2026-12-01T00:00:00.000Z'
});

/** A server that applies each id once and refuses records whose vocabulary is 'bad'. */
function fakeServer() {
	const applied = new Map<string, number>();
	const answer = (r: OutboxRecord): SyncOutcome => {
		if (r.kind === 'review' && r.payload.vocabularyId === 'bad')
			return { id: r.id, status: 'refused', reason: 'no such card' };
		if (applied.has(r.id)) return { id: r.id, status: 'duplicate' };
		applied.set(r.id, 1);
		return { id: r.id, status: 'accepted' };
	};
	return { applied, answer };
}

function transport(
	server: ReturnType<typeof fakeServer>,
	faults: { loseAnswer?: number; offline?: number; signedOut?: boolean } = {}
): SyncTransport & { posts: number } {
	const t = {
		posts: 0,
		async postBatch(_account: string, records: OutboxRecord<'attempt' | 'review'>[]) {
			t.posts++;
			if (faults.signedOut) return { ok: false as const, failure: 'signed-out' as const };
			if (faults.offline && faults.offline-- > 0)
				return { ok: false as const, failure: 'offline' as const };
			const value = records.map(server.answer);
			// The server applied the batch, but the answer never reaches the phone.
			if (faults.loseAnswer && faults.loseAnswer-- > 0)
				return { ok: false as const, failure: 'offline' as const };
			return { ok: true as const, value };
		},
		async postRecording(_account: string, record: OutboxRecord<'recording'>) {
			t.posts++;
			return { ok: true as const, value: server.answer(record) };
		}
	};
	return t;
}

const clockAt = (start: number) => {
	const clock = { t: start, now: () => clock.t, random: () => 0.5 };
	return clock;
};

describe('sync engine', () => {
	it('keeps records of the same millisecond apart (the client id is the key)', async () => {
		const store = new IdbOutboxStore(openOfflineDb);
		const now = 1_700_000_000_000;
		const a = await store.add('acct-ms', 'review', reviewPayload('v1'), { now });
		const b = await store.add('acct-ms', 'review', reviewPayload('v2'), { now });
		expect(a.id).not.toBe(b.id);
		expect(b.seq).toBeGreaterThan(a.seq);
		expect(await store.all('acct-ms')).toHaveLength(2);
	});

	it('a reload (a new connection) finds the queue as it was', async () => {
		const first = await openOfflineDb();
		const before = new IdbOutboxStore(async () => first);
		await before.add('acct-reload', 'review', reviewPayload('v1'));
		await before.add('acct-reload', 'review', reviewPayload('v2'));
		first.close();
		const after = new IdbOutboxStore(openOfflineDb);
		// IndexedDB gives them by key (the random id): queue order is the device counter's.
		const records = (await after.all('acct-reload')).sort(compareRecords);
		expect(records.map((r) => r.payload)).toEqual([reviewPayload('v1'), reviewPayload('v2')]);
	});

	it('an answer lost on the way back: the batch is sent again and the server says duplicate', async () => {
		const store = new MemoryOutboxStore();
		await store.add('a', 'review', reviewPayload('v1'));
		await store.add('a', 'review', reviewPayload('v2'));
		const server = fakeServer();
		const t = transport(server, { loseAnswer: 1 });
		const clock = clockAt(0);
		const first = await flushOutbox(store, t, 'a', clock);
		expect(first.stopped).toBe('offline');
		expect(server.applied.size).toBe(2);
		expect(await store.all()).toHaveLength(2);
		// Not before the back-off is over.
		await flushOutbox(store, t, 'a', clock);
		expect(t.posts).toBe(1);
		clock.t += 60_000;
		const second = await flushOutbox(store, t, 'a', clock);
		expect(second).toEqual({ sent: 2, refused: [] });
		expect(await store.all()).toEqual([]);
		expect(server.applied.size).toBe(2);
	});

	it('an invalid record in a batch is refused and kept apart on the phone; the others go, nothing stays stuck', async () => {
		const store = new MemoryOutboxStore();
		await store.add('a', 'review', reviewPayload('v1'));
		const bad = await store.add('a', 'review', reviewPayload('bad'));
		await store.add('a', 'review', reviewPayload('v3'));
		const server = fakeServer();
		const report = await flushOutbox(store, transport(server), 'a', clockAt(0));
		expect(report.refused).toEqual([{ id: bad.id, status: 'refused', reason: 'no such card' }]);
		expect(report.sent).toBe(3);
		expect(await store.all()).toEqual([
			expect.objectContaining({ id: bad.id, refused: { reason: 'no such card', at: 0 } })
		]);
		expect(server.applied.size).toBe(2);
		// Not sent again on the next flush.
		const again = await flushOutbox(store, transport(server), 'a', clockAt(60_000));
		expect(again).toEqual({ sent: 0, refused: [] });
	});

	it('sends recordings one per request before the attempt that needs them', async () => {
		const store: OutboxStore = new MemoryOutboxStore();
		const rec = await store.add('a', 'recording', {
			mimeType: 'audio/webm',
			blob: new Blob(['x'])
		});
		await store.add(
			'a',
			'attempt',
			{ lessonId: 'l', finishedAt: '2026-12-01T00:00:00.000Z', answers: [] },
			{ after: [rec.id] }
		);
		const order: string[] = [];
		const server = fakeServer();
		const t = transport(server);
		const report = await flushOutbox(
			store,
			{
				postRecording: async (acct, r) => (order.push(r.kind), t.postRecording(acct, r)),
				postBatch: async (acct, rs) => (order.push(...rs.map((r) => r.kind)), t.postBatch(acct, rs))
			},
			'a',
			clockAt(0)
		);
		expect(order).toEqual(['recording', 'attempt']);
		expect(report.sent).toBe(2);
	});

	it('an expired session sends nothing and keeps everything, without backing off', async () => {
		const store = new MemoryOutboxStore();
		await store.add('a', 'review', reviewPayload('v1'));
		const report = await flushOutbox(
			store,
			transport(fakeServer(), { signedOut: true }),
			'a',
			clockAt(0)
		);
		expect(report.stopped).toBe('signed-out');
		expect((await store.all())[0].tries).toBe(0);
	});
});
