import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog, ratingRequest, testItem } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import type { CandidateContext } from '$lib/server/screening/context';
import { publicItemId } from '$lib/server/screening/item-ids';
import { expireIfOverdue } from '$lib/server/screening/lifecycle';
import {
	RECORDING_MAX_BYTES,
	saveWritingDraft,
	submitRecording,
	submitWriting
} from '$lib/server/screening/rated-part';
import { currentRatedTask, ratedTasksOf } from '$lib/server/screening/rated-tasks';
import {
	rate,
	ratingForRater,
	ratingQueue,
	recordingForListener
} from '$lib/server/rating/service';
import { levelFromRubric, type Rubric } from '$lib/screening/rubric';
import { checkRequirement } from '$lib/screening/requirement';
import { withTestDatabase } from '../factories/databases';
import { wavOfSeconds } from '../factories/audio';
import { makeOrganization, makeUser } from '../factories/accounts';
import {
	actorOf,
	answerAdaptivePart,
	attemptRow,
	makeProgram,
	registerCandidate
} from '../factories/screening';

const FULL_MARKS = { '0': 3, '1': 3, '2': 3 };
const NO_MARKS = { '0': 0, '1': 0, '2': 0 };
/** A few bytes standing in for an Opus/WebM recording where it is refused before being measured. */
const VOICE = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 6, 7, 8]);
/** A recording the server can measure, long enough for any timed speaking task (2 min 10 s). */
const SPEECH = wavOfSeconds(130);

withTestDatabase('rating queue', (database) => {
	let db: DB;
	let officer: Actor;
	let instructor: Actor;
	let otherInstructor: Actor;
	let otherLearner: Actor;
	let school: { id: string };
	let programId: string;

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		school = await makeOrganization(db);
		const elsewhere = await makeOrganization(db);
		const o = await makeUser(db, { roles: [{ organizationId: school.id, role: 'admissions' }] });
		officer = await actorOf(db, o.id);
		const i = await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] });
		instructor = await actorOf(db, i.id);
		const j = await makeUser(db, { roles: [{ organizationId: elsewhere.id, role: 'instructor' }] });
		otherInstructor = await actorOf(db, j.id);
		const l = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		otherLearner = await actorOf(db, l.id);
		programId = await makeProgram(db, officer, school.id, {
			// The rated skills decide: writing ≥ 5 needs a good rating, speaking ≥ 1 only a rating.
			skillMinimums: { writing: 5, speaking: 1 },
			ratedSections: ['writing', 'speaking']
		});
	});

	const registeredCandidate = (fullName: string) =>
		registerCandidate(db, officer, programId, fullName);

	/** Answers every adaptive item correctly; returns the attempt, now in the rated part. */
	async function finishAdaptivePart(ctx: CandidateContext) {
		const row = await answerAdaptivePart(db, ctx);
		expect(row.status).toBe('in_progress');
		return row;
	}

	async function submitBoth(ctx: CandidateContext, attemptId: string) {
		const tasks = await ratedTasksOf(db, attemptId);
		const writing = tasks.find((t) => t.skill === 'writing')!;
		const speaking = tasks.find((t) => t.skill === 'speaking')!;
		let row = await attemptRow(db, attemptId);
		expect(
			await submitWriting(db, row, ctx, {
				itemId: publicItemId(row, writing.itemId),
				text: 'Tôi tên là Bun-mi.'
			})
		).toEqual({ ok: true, closed: false });
		row = await attemptRow(db, attemptId);
		expect(
			await submitRecording(db, row, ctx, {
				itemId: publicItemId(row, speaking.itemId),
				bytes: SPEECH,
				mimeType: 'audio/wav'
			})
		).toEqual({ ok: true, closed: true });
	}

	async function requestsOf(attemptId: string) {
		return db
			.select()
			.from(ratingRequest)
			.where(and(eq(ratingRequest.source, 'screening'), eq(ratingRequest.sourceId, attemptId)))
			.orderBy(ratingRequest.skill);
	}

	/** The level a score total gives on the task this request is about. */
	async function expectedLevel(requestId: string, scores: Record<string, number>) {
		const view = await ratingForRater(db, instructor, requestId);
		const rubric = view.task!.rubric as Rubric;
		const total = Object.values(scores).reduce((a, b) => a + b, 0);
		return levelFromRubric(view.task!.level, total, rubric.criteria.length * 3);
	}

	it('gives the rated tasks nearest the adaptive level, keeps drafts, and refuses other tasks', async () => {
		const { ctx } = await registeredCandidate('ບຸນມີ');
		const row = await finishAdaptivePart(ctx);
		expect(row.status).toBe('in_progress');
		const tasks = await ratedTasksOf(db, row.id);
		expect(tasks.map((t) => t.skill)).toEqual(['writing', 'speaking']);

		const { overallLevel } = await import('$lib/server/screening/results').then((r) =>
			r.adaptiveResult(row.catState as never)
		);
		for (const task of tasks) {
			const bank = await db
				.select({ level: testItem.level })
				.from(testItem)
				.where(and(eq(testItem.bankId, 'vi-placement'), eq(testItem.kind, task.skill)));
			const nearest = Math.min(...bank.map((b) => Math.abs(b.level - overallLevel)));
			expect(Math.abs(task.level - overallLevel)).toBe(nearest);
		}

		const [writing, speaking] = tasks;
		// The speaking task is not current while the writing task is open.
		expect(
			await submitRecording(db, row, ctx, {
				itemId: publicItemId(row, speaking.itemId),
				bytes: VOICE,
				mimeType: 'audio/webm'
			})
		).toEqual({ ok: false, reason: 'not_current' });
		expect(
			await submitWriting(db, row, ctx, { itemId: publicItemId(row, writing.itemId), text: '   ' })
		).toEqual({
			ok: false,
			reason: 'empty'
		});
		await saveWritingDraft(db, row, ctx, {
			itemId: publicItemId(row, writing.itemId),
			text: 'Tôi tên là'
		});
		const again = currentRatedTask(await ratedTasksOf(db, row.id))!;
		expect(again.itemId).toBe(writing.itemId);
		expect(again.response).toEqual({ text: 'Tôi tên là', submitted: false });
		// Nothing reaches the queue before the candidate submits.
		expect(await requestsOf(row.id)).toHaveLength(0);
		// Submitted writing, then a recording over the 3 MB cap is refused and nothing is stored.
		expect(
			await submitWriting(db, row, ctx, {
				itemId: publicItemId(row, writing.itemId),
				text: 'Tôi tên là Bun-mi.'
			})
		).toEqual({ ok: true, closed: false });
		expect(
			await submitRecording(db, row, ctx, {
				itemId: publicItemId(row, speaking.itemId),
				bytes: new Uint8Array(RECORDING_MAX_BYTES + 1),
				mimeType: 'audio/webm'
			})
		).toEqual({ ok: false, reason: 'too_large' });
		expect(currentRatedTask(await ratedTasksOf(db, row.id))?.itemId).toBe(speaking.itemId);
		expect(await requestsOf(row.id)).toHaveLength(0);
	});

	it('queues both answers for the program organization only, blind, and finalizes with the rated levels', async () => {
		const { ctx, userId } = await registeredCandidate('ສົມໃຈ ພົມມະຈັນ');
		const row = await finishAdaptivePart(ctx);
		await submitBoth(ctx, row.id);
		expect((await attemptRow(db, row.id)).status).toBe('awaiting_rating');
		expect((await attemptRow(db, row.id)).passed).toBeNull();

		const requests = await requestsOf(row.id);
		expect(requests.map((r) => [r.skill, r.organizationId, r.status])).toEqual([
			['speaking', school.id, 'pending'],
			['writing', school.id, 'pending']
		]);
		const writing = requests.find((r) => r.skill === 'writing')!;
		const speaking = requests.find((r) => r.skill === 'speaking')!;
		expect(writing.response).toEqual({ text: 'Tôi tên là Bun-mi.' });

		const queue = await ratingQueue(db, instructor);
		expect(queue.map((q) => q.id)).toEqual(expect.arrayContaining([writing.id, speaking.id]));
		// Oldest first.
		const times = queue.map((q) => q.createdAt.getTime());
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(await ratingQueue(db, otherInstructor)).toEqual([]);
		expect(await ratingQueue(db, officer)).toEqual([]);

		// Blind: what the rater gets carries no name.
		const view = await ratingForRater(db, instructor, writing.id);
		expect(JSON.stringify(view)).not.toContain('ສົມໃຈ');
		expect(view.task?.rubric?.criteria.length).toBe(3);
		await expect(ratingForRater(db, otherInstructor, writing.id)).rejects.toBeInstanceOf(Forbidden);
		await expect(
			rate(db, otherInstructor, writing.id, { criterionScores: FULL_MARKS })
		).rejects.toBeInstanceOf(Forbidden);

		// Scores must fit the rubric.
		expect(
			await rate(db, instructor, writing.id, { criterionScores: { '0': 4, '1': 3 } })
		).toMatchObject({
			ok: false,
			error: 'invalid_scores',
			fields: { '0': 'out_of_range', '2': 'missing' }
		});

		const writingLevel = await expectedLevel(writing.id, FULL_MARKS);
		expect(
			await rate(db, instructor, writing.id, { criterionScores: FULL_MARKS, comment: ' Tốt. ' })
		).toEqual({ ok: true, level: writingLevel });
		// One rating of two: not final yet.
		expect((await attemptRow(db, row.id)).status).toBe('awaiting_rating');
		// Audited, blind: the rater, the level before and after, never the candidate's name.
		const [entry] = await db.select().from(auditLog).where(eq(auditLog.subjectId, writing.id));
		expect(entry).toMatchObject({
			action: 'rating_saved',
			actorId: instructor.id,
			before: { status: 'pending' },
			after: { status: 'rated', level: writingLevel, comment: 'Tốt.' }
		});
		// A second rating of the same answer is refused.
		expect(await rate(db, instructor, writing.id, { criterionScores: NO_MARKS })).toEqual({
			ok: false,
			error: 'already_rated'
		});
		expect((await ratingQueue(db, instructor)).map((q) => q.id)).not.toContain(writing.id);

		const speakingLevel = await expectedLevel(speaking.id, { '0': 2, '1': 2, '2': 2 });
		expect(
			await rate(db, instructor, speaking.id, { criterionScores: { '0': 2, '1': 2, '2': 2 } })
		).toEqual({ ok: true, level: speakingLevel });

		const final = await attemptRow(db, row.id);
		expect(final.status).toBe('completed');
		expect(final.skillLevels?.writing).toBe(writingLevel);
		expect(final.skillLevels?.speaking).toBe(speakingLevel);
		expect(final.skillLevels?.listening).toBeGreaterThanOrEqual(1);
		const expected = checkRequirement(
			{ overallLevel: final.overallLevel!, skillLevels: final.skillLevels! },
			{ minOverallLevel: 1, skillMinimums: { writing: 5, speaking: 1 } }
		);
		expect(final.passed).toBe(expected.passed);
		expect(final.passed).toBe(writingLevel >= 5);
		expect(final.verificationCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		expect(final.validUntil!.getTime()).toBeGreaterThan(final.finishedAt!.getTime());
		const [stored] = await db.select().from(ratingRequest).where(eq(ratingRequest.id, writing.id));
		expect(stored).toMatchObject({ comment: 'Tốt.', ratedBy: instructor.id, level: writingLevel });

		// Recordings: the owner and instructors of the rating organization may listen, nobody else.
		const recordingId = speaking.response.recordingId!;
		const owner = await actorOf(db, userId);
		const heard = (await recordingForListener(db, owner, recordingId)).bytes;
		expect(Buffer.from(heard).equals(Buffer.from(SPEECH))).toBe(true);
		expect((await recordingForListener(db, instructor, recordingId)).mimeType).toBe('audio/wav');
		await expect(recordingForListener(db, otherInstructor, recordingId)).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(recordingForListener(db, otherLearner, recordingId)).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(recordingForListener(db, officer, recordingId)).rejects.toBeInstanceOf(Forbidden);
		await expect(recordingForListener(db, instructor, 'no-such-id')).rejects.toBeInstanceOf(
			Forbidden
		);
	});

	it('fails a candidate whose rated writing is below the minimum, whatever the adaptive part said', async () => {
		const { ctx } = await registeredCandidate('ຄຳແພງ');
		const row = await finishAdaptivePart(ctx);
		await submitBoth(ctx, row.id);
		const requests = await requestsOf(row.id);
		// Two raters at once, one on each task: exactly one of them completes the attempt.
		const results = await Promise.all(
			requests.map((r) => rate(db, instructor, r.id, { criterionScores: NO_MARKS }))
		);
		expect(results.every((r) => r.ok)).toBe(true);
		const final = await attemptRow(db, row.id);
		expect(final.status).toBe('completed');
		expect(final.overallLevel).toBeGreaterThanOrEqual(1);
		expect(final.skillLevels?.writing).toBeLessThan(5);
		expect(final.passed).toBe(false);
	});

	it('counts only one of two raters racing on the same answer', async () => {
		const { ctx } = await registeredCandidate('ແສງທອງ');
		const row = await finishAdaptivePart(ctx);
		await submitBoth(ctx, row.id);
		const [first] = await requestsOf(row.id);
		const secondRater = await makeUser(db, {
			roles: [{ organizationId: school.id, role: 'instructor' }]
		});
		const results = await Promise.all([
			rate(db, instructor, first.id, { criterionScores: FULL_MARKS }),
			rate(db, await actorOf(db, secondRater.id), first.id, { criterionScores: NO_MARKS })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'already_rated' }]);
	});

	it('sends what was saved to rating when the deadline passes during the rated part', async () => {
		const { ctx } = await registeredCandidate('ບົວໄລ');
		const row = await finishAdaptivePart(ctx);
		const [writing] = await ratedTasksOf(db, row.id);
		await saveWritingDraft(db, row, ctx, {
			itemId: publicItemId(row, writing.itemId),
			text: 'Bản nháp đã lưu.'
		});
		const late = new Date(row.deadlineAt.getTime() + 1000);
		const closed = await expireIfOverdue(db, await attemptRow(db, row.id), ctx, late);
		expect(closed.status).toBe('awaiting_rating');
		const requests = await requestsOf(row.id);
		expect(requests.map((r) => [r.skill, r.response])).toEqual([
			['writing', { text: 'Bản nháp đã lưu.' }]
		]);
		expect(
			await rate(db, instructor, requests[0].id, { criterionScores: FULL_MARKS })
		).toMatchObject({
			ok: true
		});
		const final = await attemptRow(db, row.id);
		expect(final.status).toBe('completed');
		// Speaking was never answered: no level, and the speaking minimum is not met.
		expect(final.skillLevels?.speaking).toBeUndefined();
		expect(final.passed).toBe(false);
	});
});
