import { describe, expect, it } from 'vitest';
import {
	backoffMs,
	compareRecords,
	nextBatch,
	nextRecordings,
	refusalKind,
	refusedRecords,
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

	it('removes what the server has, keeps refused records marked with the reason, backs off the rest', () => {
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
		expect(result.remove).toEqual(['ok', 'dup']);
		expect(result.refused).toEqual([{ id: 'bad', status: 'refused', reason: 'invalid grade' }]);
		expect(result.refuse).toEqual([
			expect.objectContaining({ id: 'bad', refused: { reason: 'invalid grade', at: 1000 } })
		]);
		expect(result.retry).toEqual([expect.objectContaining({ id: 'lost', tries: 1 })]);
		expect(result.retry[0].notBefore).toBeGreaterThan(1000);
	});

	it('never sends a refused record again, does not count it as waiting, and lists it apart', () => {
		const bad = review('bad', { refused: { reason: 'forbidden', at: 5 } });
		const ok = review('ok', { seq: 2 });
		expect(nextBatch([bad, ok], 'a', 10).map((r) => r.id)).toEqual(['ok']);
		expect(waitingCount([bad, ok], 'a')).toBe(1);
		expect(refusedRecords([bad, ok], 'a').map((r) => r.id)).toEqual(['bad']);
		expect(refusedRecords([bad, ok], 'b')).toEqual([]);
	});

	it('a lesson does not wait for a recording the server refused', () => {
		const recording = {
			...review('rec'),
			kind: 'recording',
			payload: { mimeType: 'audio/webm', blob: new Blob(['x']) },
			refused: { reason: 'recording too large', at: 1 }
		} as OutboxRecord;
		const attempt = review('lesson', { after: ['rec'], seq: 2 });
		expect(nextRecordings([recording], 'a', 10)).toEqual([]);
		expect(nextBatch([recording, attempt], 'a', 10).map((r) => r.id)).toEqual(['lesson']);
	});

	it("tells the learner why in plain categories, whatever the server's words", () => {
		expect(refusalKind('forbidden')).toBe('gone');
		expect(refusalKind('no such card')).toBe('gone');
		expect(refusalKind('time too old')).toBe('too-old');
		expect(refusalKind('time in the future')).toBe('clock');
		expect(refusalKind('invalid payload.grade')).toBe('damaged');
		expect(refusalKind('recording too large')).toBe('damaged');
		expect(refusalKind('review id taken')).toBe('other');
	});

	it('backs off exponentially, with jitter, up to ten minutes', () => {
		expect(backoffMs(0, 0.5)).toBe(0);
		expect(backoffMs(1, 1)).toBe(2000);
		expect(backoffMs(3, 1)).toBe(8000);
		expect(backoffMs(3, 0)).toBe(4000);
		expect(backoffMs(40, 1)).toBe(600_000);
	});
});
