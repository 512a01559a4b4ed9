import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog, ratingRequest, recording } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import type { CandidateContext } from '$lib/server/screening/context';
import { publicItemId } from '$lib/server/screening/item-ids';
import { submitRecording, submitWriting } from '$lib/server/screening/rated-part';
import { ratedTasksOf } from '$lib/server/screening/rated-tasks';
import {
	myRatings,
	rate,
	ratingForRater,
	ratingQueue,
	reopenRating
} from '$lib/server/rating/service';
import { BELOW_LEVEL_1 } from '$lib/screening/rubric';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import { wavOfSeconds } from '../factories/audio';
import {
	actorOf,
	answerAdaptivePart,
	attemptRow,
	makeProgram,
	registerCandidate
} from '../factories/screening';

/**
 * Issue 9, the rated part's trust: a timed speaking task refuses a recording clearly shorter than it
 * asks (measured from the file), "no rateable response" gives no level, and raters can take a rating
 * back until the result is final, see what they rated, and know the program — never the candidate.
 */

const FULL_MARKS = { '0': 3, '1': 3, '2': 3 };
const NO_MARKS = { '0': 0, '1': 0, '2': 0 };

withTestDatabase(
	'rated part: timed speaking, no rateable response, undo and history',
	(database) => {
		let db: DB;
		let officer: Actor;
		let instructor: Actor;
		let colleague: Actor;
		let otherInstructor: Actor;
		let programId: string;

		beforeAll(async () => {
			db = database.db;
			await seedItemBanks(db);
			const school = await makeOrganization(db);
			const elsewhere = await makeOrganization(db);
			officer = await actorOf(
				db,
				(await makeUser(db, { roles: [{ organizationId: school.id, role: 'admissions' }] })).id
			);
			instructor = await actorOf(
				db,
				(await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] })).id
			);
			colleague = await actorOf(
				db,
				(await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] })).id
			);
			otherInstructor = await actorOf(
				db,
				(await makeUser(db, { roles: [{ organizationId: elsewhere.id, role: 'instructor' }] })).id
			);
			programId = await makeProgram(db, officer, school.id, {
				name: 'Cao cấp lý luận chính trị',
				intake: 'Khoá 2027',
				skillMinimums: { writing: 1, speaking: 1 },
				ratedSections: ['writing', 'speaking'],
				timeLimitMinutes: 90
			});
		});

		/** A candidate who answered the adaptive part (all right or all wrong) and now meets the rated tasks. */
		async function candidateInRatedPart(fullName: string, correct: boolean) {
			const { ctx } = await registerCandidate(db, officer, programId, fullName);
			const row = await answerAdaptivePart(db, ctx, correct ? 'right' : 'wrong');
			return { ctx, row };
		}

		async function writeThenSpeak(ctx: CandidateContext, attemptId: string, speech: Uint8Array) {
			const [writing, speaking] = await ratedTasksOf(db, attemptId);
			let row = await attemptRow(db, attemptId);
			await submitWriting(db, row, ctx, {
				itemId: publicItemId(row, writing.itemId),
				text: 'Bài viết.'
			});
			row = await attemptRow(db, attemptId);
			return submitRecording(db, row, ctx, {
				itemId: publicItemId(row, speaking.itemId),
				bytes: speech,
				mimeType: 'audio/wav'
			});
		}

		async function requestsOf(attemptId: string) {
			return db
				.select()
				.from(ratingRequest)
				.where(and(eq(ratingRequest.source, 'screening'), eq(ratingRequest.sourceId, attemptId)))
				.orderBy(ratingRequest.skill);
		}

		it('refuses a recording clearly shorter than a "2–3 minute" task, measured from the file', async () => {
			const { ctx, row } = await candidateInRatedPart('ບຸນມີ', true);
			const speaking = (await ratedTasksOf(db, row.id)).find((t) => t.skill === 'speaking')!;
			// All correct: the level-5 task, "khoảng 2–3 phút".
			expect(speaking.speakingTime).toEqual({ fromSeconds: 120, toSeconds: 180 });
			const stored = async () => (await db.select({ id: recording.id }).from(recording)).length;
			const before = await stored();

			// 26 seconds: refused, whatever the browser might claim; nothing stored, the task stays current.
			expect(await writeThenSpeak(ctx, row.id, wavOfSeconds(26))).toEqual({
				ok: false,
				reason: 'too_short',
				minimumSeconds: 60
			});
			// Bytes that are not measurable audio cannot show the length: refused too.
			const again = await attemptRow(db, row.id);
			expect(
				await submitRecording(db, again, ctx, {
					itemId: publicItemId(again, speaking.itemId),
					bytes: new TextEncoder().encode('not a recording at all'),
					mimeType: 'audio/webm'
				})
			).toEqual({ ok: false, reason: 'unreadable' });
			expect(await stored()).toBe(before);
			expect(await requestsOf(row.id)).toHaveLength(0);

			// A minute and a bit: accepted, stored with the measured length.
			expect(
				await submitRecording(db, again, ctx, {
					itemId: publicItemId(again, speaking.itemId),
					bytes: wavOfSeconds(65),
					mimeType: 'audio/wav'
				})
			).toEqual({ ok: true, closed: true });
			const [request] = (await requestsOf(row.id)).filter((r) => r.skill === 'speaking');
			const [saved] = await db
				.select({ durationMs: recording.durationMs })
				.from(recording)
				.where(eq(recording.id, request.response.recordingId!));
			expect(saved.durationMs).toBe(65_000);
		});

		it('gives "below level 1", not level 1, to no rateable response — and the candidate fails', async () => {
			const { ctx, row } = await candidateInRatedPart('ສົມພອນ', false);
			const tasks = await ratedTasksOf(db, row.id);
			// All wrong: the lowest tasks, written for level 1 (where 0 points used to give "level 1").
			expect(tasks.map((t) => t.level)).toEqual([expect.any(Number), 1]);
			expect(await writeThenSpeak(ctx, row.id, wavOfSeconds(5))).toEqual({
				ok: true,
				closed: true
			});
			for (const request of await requestsOf(row.id))
				expect(await rate(db, instructor, request.id, { criterionScores: NO_MARKS })).toEqual({
					ok: true,
					level: BELOW_LEVEL_1
				});
			const final = await attemptRow(db, row.id);
			expect(final.status).toBe('completed');
			expect(final.skillLevels?.writing).toBe(BELOW_LEVEL_1);
			expect(final.skillLevels?.speaking).toBe(BELOW_LEVEL_1);
			expect(final.passed).toBe(false);
		});

		it('lets the rater take a rating back until the result is final, names the program, never the candidate', async () => {
			const { ctx, row } = await candidateInRatedPart('ຄຳຫຼ້າ ວົງສະຫວັນ', true);
			await writeThenSpeak(ctx, row.id, wavOfSeconds(130));
			const [speaking, writing] = await requestsOf(row.id);

			// The queue names the program and the task's level; nothing names the candidate.
			const queue = await ratingQueue(db, instructor);
			const queued = queue.find((q) => q.id === writing.id)!;
			expect(queued.origin).toBe('Cao cấp lý luận chính trị · Khoá 2027');
			expect(queued.itemLevel).toBeGreaterThanOrEqual(1);
			expect(JSON.stringify(queue)).not.toContain('ຄຳຫຼ້າ');

			// Not the last answer of the attempt: it can be undone after saving.
			expect((await ratingForRater(db, instructor, writing.id)).last).toBe(false);
			const first = await rate(db, instructor, writing.id, { criterionScores: FULL_MARKS });
			expect(first.ok).toBe(true);
			expect((await ratingForRater(db, instructor, writing.id)).canReopen).toBe(true);

			// Only the rater who gave it; another organization is refused outright.
			expect(await reopenRating(db, colleague, writing.id)).toEqual({
				ok: false,
				error: 'not_reopenable'
			});
			await expect(reopenRating(db, otherInstructor, writing.id)).rejects.toBeInstanceOf(Forbidden);
			expect(await reopenRating(db, instructor, writing.id)).toEqual({ ok: true });
			const [reopened] = await db
				.select()
				.from(ratingRequest)
				.where(eq(ratingRequest.id, writing.id));
			expect(reopened).toMatchObject({ status: 'pending', level: null, criterionScores: null });
			expect((await ratingQueue(db, instructor)).map((q) => q.id)).toContain(writing.id);
			const entries = await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.subjectId, writing.id), eq(auditLog.action, 'rating_reopened')));
			expect(entries).toHaveLength(1);
			expect(entries[0]).toMatchObject({
				actorId: instructor.id,
				before: { status: 'rated', level: (first as { level: number }).level },
				after: { status: 'pending' }
			});
			// Taken back once: a second undo finds nothing to take back.
			expect(await reopenRating(db, instructor, writing.id)).toEqual({
				ok: false,
				error: 'not_reopenable'
			});

			// Rated again, then the last answer: the page warns, and saving it makes the result final.
			await rate(db, instructor, writing.id, { criterionScores: { '0': 2, '1': 2, '2': 2 } });
			expect((await ratingForRater(db, instructor, speaking.id)).last).toBe(true);
			await rate(db, instructor, speaking.id, { criterionScores: FULL_MARKS });
			expect((await attemptRow(db, row.id)).status).toBe('completed');
			expect(await reopenRating(db, instructor, speaking.id)).toEqual({
				ok: false,
				error: 'not_reopenable'
			});
			expect(await reopenRating(db, instructor, writing.id)).toEqual({
				ok: false,
				error: 'not_reopenable'
			});

			// The history: what I rated, when, points and level, final now; the colleague's is empty.
			const mine = (await myRatings(db, instructor)).filter((r) =>
				[writing.id, speaking.id].includes(r.id)
			);
			expect(mine).toHaveLength(2);
			expect(mine.map((r) => r.canReopen)).toEqual([false, false]);
			const writingEntry = mine.find((r) => r.id === writing.id)!;
			expect(writingEntry).toMatchObject({
				skill: 'writing',
				origin: 'Cao cấp lý luận chính trị · Khoá 2027',
				criterionScores: { '0': 2, '1': 2, '2': 2 }
			});
			expect(writingEntry.ratedAt).toBeInstanceOf(Date);
			expect(JSON.stringify(mine)).not.toContain('ຄຳຫຼ້າ');
			expect(await myRatings(db, colleague)).toEqual([]);
			expect(await myRatings(db, otherInstructor)).toEqual([]);
		});
	}
);
