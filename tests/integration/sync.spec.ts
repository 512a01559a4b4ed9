import { beforeAll, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	lesson,
	lessonAnswer,
	lessonAttempt,
	recording,
	reviewCard,
	reviewLog
} from '$lib/server/db/schema';
import { seedCourses } from '$lib/server/learning/seed';
import { enrol } from '$lib/server/learning/courses';
import { submitAttempt } from '$lib/server/learning/attempts';
import { applyBatch, applyRecording } from '$lib/server/sync/service';
import type { Exercise } from '$lib/course/types';
import { newCard, review, type SrsGrade } from '$lib/srs';
import type { OutboxRecord } from '$lib/offline/outbox';
import { MemoryOutboxStore } from '$lib/offline/outbox-store';
import { flushOutbox, type SyncTransport } from '$lib/offline/sync-engine';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import { rightAttempt, rightResponse } from '../factories/lesson-answers';

const FIXTURES = 'tests/fixtures/courses';
const VI_LESSON = 'vi-for-lo.vfx-u1-l1';
const DEVICES = 50;
const RECORDS_PER_DEVICE = 200;
const DAY = 24 * 60 * 60_000;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A network that loses requests before the server, loses answers after it, posts batches twice and
 * shuffles them: the faults a phone on 3G meets.
 */
function flakyTransport(db: DB, userId: string, random: () => number): SyncTransport {
	const shuffle = <T>(list: T[]) =>
		list
			.map((x) => [random(), x] as const)
			.sort((a, b) => a[0] - b[0])
			.map(([, x]) => x);
	return {
		async postBatch(accountId, records) {
			if (accountId !== userId) return { ok: false, failure: 'signed-out' };
			if (random() < 0.1) return { ok: false, failure: 'offline' };
			const wire = JSON.parse(
				JSON.stringify(shuffle(records.map(({ id, kind, payload }) => ({ id, kind, payload }))))
			);
			let results = await applyBatch(db, userId, wire);
			if (random() < 0.1) results = await applyBatch(db, userId, wire);
			if (random() < 0.1) return { ok: false, failure: 'offline' };
			return { ok: true, value: results };
		},
		async postRecording(accountId, record) {
			if (random() < 0.1) return { ok: false, failure: 'offline' };
			const bytes = new Uint8Array(await record.payload.blob.arrayBuffer());
			const input = { id: record.id, mimeType: record.payload.mimeType, bytes, durationMs: 900 };
			let outcome = await applyRecording(db, userId, input);
			if (random() < 0.1) outcome = await applyRecording(db, userId, input);
			if (random() < 0.1) return { ok: false, failure: 'offline' };
			return { ok: true, value: outcome };
		}
	};
}

withTestDatabase('outbox sync under faults', (database) => {
	let db: DB;
	let exercises: Exercise[];
	let vocabularyIds: string[];
	const learners: { id: string }[] = [];
	const start = Date.now();

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, FIXTURES);
		const org = await makeOrganization(db);
		const [row] = await db.select().from(lesson).where(eq(lesson.id, VI_LESSON));
		exercises = row.exercises;
		vocabularyIds = row.vocabulary.map((v) => v.id);
		for (let i = 0; i < DEVICES; i++) {
			const learner = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
			await enrol(db, learner.id, 'vi-for-lo');
			// The cards exist from a lesson finished 30 days ago, before every synced review.
			const past = new Date(start - 30 * DAY);
			await submitAttempt(
				db,
				learner.id,
				rightAttempt(crypto.randomUUID(), VI_LESSON, exercises, past),
				past
			);
			learners.push(learner);
		}
	}, 120_000);

	it('10,000 records from 50 devices: every valid one exactly once, every invalid one refused with a reason', async () => {
		const random = prng(20261206);
		const valid = {
			reviews: new Set<string>(),
			attempts: new Set<string>(),
			recordings: new Set<string>()
		};
		const invalid = new Set<string>();
		const stores = learners.map(() => new MemoryOutboxStore());

		// Fill each device's outbox: reviews at random times of the last ten days (queued out of time
		// order), a few finished lessons with their recordings, and 1 % invalid records.
		for (const [d, learner] of learners.entries()) {
			const store = stores[d];
			let invalidHere = 0;
			for (let n = 0; n < RECORDS_PER_DEVICE;) {
				const roll = random();
				if (n >= 50 + 100 * invalidHere && invalidHere < 2) {
					invalidHere++;
					invalid.add(await addInvalid(store, learner.id, n, random));
					n++;
				} else if (roll < 0.02 && n + 2 <= RECORDS_PER_DEVICE) {
					const rec = await store.add(learner.id, 'recording', {
						mimeType: 'audio/webm',
						blob: new Blob([new Uint8Array([26, 69, 223, 163, n % 256])])
					});
					const attemptId = crypto.randomUUID();
					await store.add(
						learner.id,
						'attempt',
						{
							lessonId: VI_LESSON,
							finishedAt: new Date(start - random() * 10 * DAY).toISOString(),
							answers: exercises.map((e) => ({
								id: crypto.randomUUID(),
								exerciseId: e.id,
								response: rightResponse(e),
								...(e.kind === 'speak' ? { recordingId: rec.id } : {})
							}))
						},
						{ id: attemptId, after: [rec.id] }
					);
					valid.recordings.add(rec.id);
					valid.attempts.add(attemptId);
					n += 2;
				} else {
					const r = await store.add(learner.id, 'review', {
						courseId: 'vi-for-lo',
						vocabularyId: vocabularyIds[Math.floor(random() * vocabularyIds.length)],
						grade: (1 + Math.floor(random() * 4)) as SrsGrade,
						mode: 'recall',
						// A phone reviews in time order; one in five comes from the learner's other device,
						// at any time of the last ten days (merged by review time on the server).
						reviewedAt: new Date(
							random() < 0.2
								? start - random() * 10 * DAY
								: start - 10 * DAY + (n / RECORDS_PER_DEVICE) * 9 * DAY
						).toISOString()
					});
					valid.reviews.add(r.id);
					n++;
				}
			}
		}
		const total = stores.reduce((sum, s) => sum + s.records.size, 0);
		expect(total).toBe(DEVICES * RECORDS_PER_DEVICE);
		expect(invalid.size).toBe(DEVICES * 2);

		// Sync every device until nothing waits in its outbox (refused records stay on the phone, marked,
		// for the learner to see); a fake clock jumps past each back-off.
		const refused = new Map<string, string>();
		const waiting = (d: number) => [...stores[d].records.values()].filter((r) => !r.refused).length;
		await Promise.all(
			learners.map(async (learner, d) => {
				let now = start;
				const transport = flakyTransport(db, learner.id, prng(d + 1));
				for (let round = 0; waiting(d) > 0; round++) {
					if (round > 500) throw new Error(`device ${d} never sent its outbox`);
					const report = await flushOutbox(stores[d], transport, learner.id, {
						now: () => now,
						random
					});
					for (const r of report.refused) refused.set(r.id, r.reason);
					now += 11 * 60_000;
				}
			})
		);

		// Every invalid record was refused with a reason, and nothing valid was; the refused ones are what
		// is left on the phones, each marked with its reason.
		for (const id of invalid) expect(refused.get(id), id).toMatch(/\w/);
		const kept = stores.flatMap((s) => [...s.records.values()]);
		expect(kept.map((r) => r.id).sort()).toEqual([...invalid].sort());
		expect(kept.every((r) => r.refused?.reason)).toBe(true);
		expect([...refused.keys()].filter((id) => !invalid.has(id))).toEqual([]);

		// Every valid record is in the database exactly once (ids are primary keys, so count them).
		const userIds = learners.map((l) => l.id);
		const logs = await db
			.select({ id: reviewLog.id })
			.from(reviewLog)
			.where(inArray(reviewLog.userId, userIds));
		expect(logs.length).toBe(valid.reviews.size);
		expect(new Set(logs.map((l) => l.id))).toEqual(valid.reviews);
		const attempts = await db
			.select({ id: lessonAttempt.id })
			.from(lessonAttempt)
			.where(inArray(lessonAttempt.id, [...valid.attempts]));
		expect(attempts.length).toBe(valid.attempts.size);
		const recordings = await db
			.select({ clientId: recording.clientId })
			.from(recording)
			.where(inArray(recording.clientId, [...valid.recordings]));
		expect(recordings.length).toBe(valid.recordings.size);
		// Each synced speak answer points at its one recording.
		const spoken = await db
			.select({ recordingId: lessonAnswer.recordingId })
			.from(lessonAnswer)
			.where(
				and(inArray(lessonAnswer.attemptId, [...valid.attempts]), eq(lessonAnswer.kind, 'speak'))
			);
		expect(spoken.length).toBe(valid.attempts.size);
		expect(spoken.every((a) => a.recordingId)).toBe(true);

		// Reviews merged by review time: each card is the replay of its reviews in time order.
		for (const learner of learners.slice(0, 5)) {
			for (const vocabularyId of vocabularyIds)
				await expectReplayOfLog(db, learner.id, vocabularyId);
		}
	}, 120_000);

	it('answers each record of a batch: a malformed one does not fail the others', async () => {
		const learner = learners[0];
		const good = crypto.randomUUID();
		const results = await applyBatch(db, learner.id, [
			{ id: 'x', kind: 'review' },
			{
				id: good,
				kind: 'review',
				payload: {
					courseId: 'vi-for-lo',
					vocabularyId: vocabularyIds[0],
					grade: 3,
					mode: 'recall',
					reviewedAt: new Date().toISOString()
				}
			},
			null
		]);
		expect(results.map((r) => r.status)).toEqual(['refused', 'accepted', 'refused']);
		const again = await applyBatch(db, learner.id, [
			{
				id: good,
				kind: 'review',
				payload: {
					courseId: 'vi-for-lo',
					vocabularyId: vocabularyIds[0],
					grade: 3,
					mode: 'recall',
					reviewedAt: new Date().toISOString()
				}
			}
		]);
		expect(again).toEqual([{ id: good, status: 'duplicate' }]);
		// Another learner cannot take over the id, nor review a card that is not theirs.
		const theirs = await applyBatch(db, learners[1].id, [
			{
				id: good,
				kind: 'review',
				payload: {
					courseId: 'vi-for-lo',
					vocabularyId: vocabularyIds[0],
					grade: 3,
					mode: 'recall',
					reviewedAt: new Date().toISOString()
				}
			}
		]);
		expect(theirs[0]).toMatchObject({ id: good, status: 'refused' });
	});

	it('batches of the same cards posted at the same moment, each twice: every review once, the cards merged by review time', async () => {
		const learner = learners[2];
		const base = Date.now() - 60_000;
		const cards = vocabularyIds.slice(0, 2);
		const reviewAt = (i: number) => ({
			id: crypto.randomUUID(),
			kind: 'review',
			payload: {
				courseId: 'vi-for-lo',
				vocabularyId: cards[i % 2],
				grade: 1 + (i % 4),
				mode: 'recall',
				reviewedAt: new Date(base + i * 1000).toISOString()
			}
		});
		// Two devices' batches, their reviews interleaved in time: whichever is written second goes back
		// before the cards' last reviews (a replay); each batch is also posted twice (a lost answer).
		const a = [0, 2, 4, 6].map(reviewAt);
		const b = [1, 3, 5, 7].map(reviewAt);
		const [a1, b1, a2, b2] = await Promise.all([
			applyBatch(db, learner.id, a),
			applyBatch(db, learner.id, b),
			applyBatch(db, learner.id, a),
			applyBatch(db, learner.id, b)
		]);
		for (const [first, second] of [
			[a1, a2],
			[b1, b2]
		]) {
			// One post of a batch applied it all; the other found it all there already.
			const statuses = [first, second].map((results) => [...new Set(results.map((r) => r.status))]);
			expect(statuses.sort()).toEqual([['accepted'], ['duplicate']]);
		}
		const logged = await db
			.select({ id: reviewLog.id })
			.from(reviewLog)
			.where(
				inArray(
					reviewLog.id,
					[...a, ...b].map((r) => r.id)
				)
			);
		expect(logged.length).toBe(8);
		for (const vocabularyId of cards) await expectReplayOfLog(db, learner.id, vocabularyId);
	});
});

/** One invalid record of several kinds: wrong shape, a clock far ahead, a course not enrolled in, an unanswered lesson. */
/** The learner's card is its logged reviews replayed in time order (how reviews from two devices merge). */
async function expectReplayOfLog(db: DB, userId: string, vocabularyId: string) {
	const [card] = await db
		.select()
		.from(reviewCard)
		.where(and(eq(reviewCard.userId, userId), eq(reviewCard.vocabularyId, vocabularyId)));
	const history = await db
		.select({ grade: reviewLog.rating, reviewedAt: reviewLog.reviewedAt })
		.from(reviewLog)
		.where(and(eq(reviewLog.userId, userId), eq(reviewLog.vocabularyId, vocabularyId)))
		.orderBy(asc(reviewLog.reviewedAt), asc(reviewLog.id));
	let expected = newCard(card.createdAt);
	for (const h of history) expected = review(expected, h.grade as SrsGrade, h.reviewedAt).card;
	expect(card.reps).toBe(history.length);
	expect(card.reps).toBe(expected.reps);
	expect(card.due.getTime()).toBe(expected.due.getTime());
	expect(card.stability).toBeCloseTo(expected.stability, 6);
}

async function addInvalid(
	store: MemoryOutboxStore,
	userId: string,
	n: number,
	random: () => number
) {
	const kind = Math.floor(random() * 4);
	const at = new Date().toISOString();
	let record: OutboxRecord;
	if (kind === 0)
		record = await store.add(userId, 'review', {
			courseId: 'vi-for-lo',
			vocabularyId: 'x',
			grade: 7 as SrsGrade,
			mode: 'recall',
			reviewedAt: at
		});
	else if (kind === 1)
		record = await store.add(userId, 'review', {
			courseId: 'vi-for-lo',
			vocabularyId: 'x',
			grade: 3,
			mode: 'recall',
			reviewedAt: new Date(Date.now() + 3 * DAY).toISOString()
		});
	else if (kind === 2)
		record = await store.add(userId, 'review', {
			courseId: 'lo-for-vi',
			vocabularyId: `not-mine-${n}`,
			grade: 3,
			mode: 'recall',
			reviewedAt: at
		});
	else
		record = await store.add(userId, 'attempt', {
			lessonId: VI_LESSON,
			finishedAt: at,
			answers: [{ id: crypto.randomUUID(), exerciseId: 'nope', response: null }]
		});
	return record.id;
}
