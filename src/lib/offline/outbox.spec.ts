import { describe, expect, it } from 'vitest';
import {
	backoffMs,
	compareRecords,
	nextBatch,
	nextRecordings,
	settle,
	waitingCount,
	type OutboxRecord
} from './outbox';

function review(id: string, over: Partial<OutboxRecord> = {}): OutboxRecord {
	return {
		id,
		accountId: 'a',
		kind: 'review',
		payload: {
			courseId: 'c',
			vocabularyId: 'v',
			grade: 3,
			mode: 'recall',
			reviewedAt: '2026-12-01T00:00:00.000Z'
		},
		createdAt: 1000,
		seq: 1,
		tries: 0,
		notBefore: 0,
		...over
	} as OutboxRecord;
}

describe('outbox rules', () => {
	it('orders records of the same millisecond by the device counter, and keeps both', () => {
		const a = review('zzz', { createdAt: 5, seq: 1 });
		const b = review('aaa', { createdAt: 5, seq: 2 });
		expect([b, a].sort(compareRecords).map((r) => r.id)).toEqual(['zzz', 'aaa']);
		expect(nextBatch([b, a], 'a', 10).map((r) => r.id)).toEqual(['zzz', 'aaa']);
	});

	it("sends only the signed-in account's records, and counts them apart", () => {
		const mine = review('m1');
		const theirs = review('t1', { accountId: 'b' });
		expect(nextBatch([mine, theirs], 'a', 10).map((r) => r.id)).toEqual(['m1']);
		expect(waitingCount([mine, theirs], 'b')).toBe(1);
	});

	it('holds an attempt until its recordings are acknowledged, and waits out the back-off', () => {
		const rec = { ...review('r1'), kind: 'recording' } as unknown as OutboxRecord;
		const attempt = { ...review('at1', { after: ['r1'] }), kind: 'attempt' } as OutboxRecord;
		expect(nextBatch([rec, attempt], 'a', 10)).toEqual([]);
		expect(nextRecordings([rec, attempt], 'a', 10).map((r) => r.id)).toEqual(['r1']);
		expect(nextBatch([attempt], 'a', 10).map((r) => r.id)).toEqual(['at1']);
		expect(nextBatch([review('x', { notBefore: 50 })], 'a', 10)).toEqual([]);
		expect(nextBatch([review('x', { notBefore: 50 })], 'a', 50)).toHaveLength(1);
	});

	it('removes what the server answered (refused too) and backs off the rest', () => {
		const sent = [review('ok'), review('dup'), review('bad'), review('lost')];
		const result = settle(
			sent,
			[
				{ id: 'ok', status: 'accepted' },
				{ id: 'dup', status: 'duplicate' },
				{ id: 'bad', status: 'refused', reason: 'invalid grade' }
			],
			1000,
			() => 0.5
		);
		expect(result.remove).toEqual(['ok', 'dup', 'bad']);
		expect(result.refused).toEqual([{ id: 'bad', status: 'refused', reason: 'invalid grade' }]);
		expect(result.retry).toEqual([expect.objectContaining({ id: 'lost', tries: 1 })]);
		expect(result.retry[0].notBefore).toBeGreaterThan(1000);
	});

	it('backs off exponentially, with jitter, up to ten minutes', () => {
		expect(backoffMs(0, 0.5)).toBe(0);
		expect(backoffMs(1, 1)).toBe(2000);
		expect(backoffMs(3, 1)).toBe(8000);
		expect(backoffMs(3, 0)).toBe(4000);
		expect(backoffMs(40, 1)).toBe(600_000);
	});
});
