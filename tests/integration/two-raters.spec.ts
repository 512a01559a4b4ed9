import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { ratingRequest } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { candidateHistory } from '$lib/server/admissions/candidates';
import { decide } from '$lib/server/admissions/decisions';
import { publicItemId } from '$lib/server/screening/item-ids';
import { submitWriting } from '$lib/server/screening/rated-part';
import { ratedTasksOf } from '$lib/server/screening/rated-tasks';
import {
	myRatings,
	rate,
	raterAgreement,
	ratingForRater,
	ratingProgress,
	ratingQueue,
	reopenRating
} from '$lib/server/rating/service';
import { quadraticWeightedKappa, type BandPair } from '$lib/rating/agreement';
import { levelFromRubric, type Rubric } from '$lib/screening/rubric';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import {
	actorOf,
	answerAdaptivePart,
	attemptRow,
	makeProgram,
	registerCandidate
} from '../factories/screening';

/**
 * A program that requires two independent ratings (issue 12): two different raters, blind to each
 * other; within one band per criterion the mean decides, further apart a third rater, whose median
 * decides; the result waits until the answer is resolved; agreement per rater from the pairs.
 */
withTestDatabase('two raters', (database) => {
	let db: DB;
	let officer: Actor;
	let first: Actor;
	let second: Actor;
	let third: Actor;
	let elsewhere: Actor;
	let learner: Actor;
	let programId: string;

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		const school = await makeOrganization(db);
		const other = await makeOrganization(db);
		officer = await actorOf(
			db,
			(await makeUser(db, { roles: [{ organizationId: school.id, role: 'admissions' }] })).id
		);
		const instructor = async (organizationId: string, displayName: string) =>
			actorOf(
				db,
				(await makeUser(db, { displayName, roles: [{ organizationId, role: 'instructor' }] })).id
			);
		first = await instructor(school.id, 'An');
		second = await instructor(school.id, 'Bình');
		third = await instructor(school.id, 'Cúc');
		elsewhere = await instructor(other.id, 'Dũng');
		learner = await actorOf(
			db,
			(await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] })).id
		);
		programId = await makeProgram(db, officer, school.id, {
			name: 'Cao cấp lý luận chính trị',
			intake: 'Khoá 2027',
			skillMinimums: { writing: 1 },
			ratedSections: ['writing'],
			twoRaters: true
		});
	});

	/** A candidate who finished the adaptive part and submitted the writing task: the answer's request. */
	async function writtenAnswer() {
		const { ctx, candidateId } = await registerCandidate(db, officer, programId);
		const row = await answerAdaptivePart(db, ctx);
		const [writing] = await ratedTasksOf(db, row.id);
		expect(
			await submitWriting(db, row, ctx, {
				itemId: publicItemId(row, writing.itemId),
				text: 'Tôi tên là Bun-mi. Tôi làm việc ở Sở Giáo dục.'
			})
		).toEqual({ ok: true, closed: true });
		const [request] = await db
			.select()
			.from(ratingRequest)
			.where(eq(ratingRequest.sourceId, row.id));
		const view = await ratingForRater(db, first, request.id);
		return {
			attemptId: row.id,
			candidateId,
			requestId: request.id,
			taskLevel: view.task!.level,
			maximum: (view.task!.rubric as Rubric).criteria.length * 3
		};
	}

	const queued = async (actor: Actor) => (await ratingQueue(db, actor)).map((q) => q.id);
	const progress = async (attemptId: string) =>
		(await ratingProgress(db, 'screening', [attemptId])).map((p) => p.state);

	it('needs a second rating from another rater, blind, and takes the mean within one band', async () => {
		const answer = await writtenAnswer();
		const entry = (await ratingQueue(db, first)).find((q) => q.id === answer.requestId);
		expect(entry?.stage).toBe('double');
		expect(await progress(answer.attemptId)).toEqual(['awaiting_rating']);

		expect(
			await rate(db, first, answer.requestId, { criterionScores: { 0: 3, 1: 3, 2: 3 } })
		).toMatchObject({ ok: true });
		// One rating is not a result: the attempt and the officer wait for the second.
		expect((await attemptRow(db, answer.attemptId)).status).toBe('awaiting_rating');
		expect(await progress(answer.attemptId)).toEqual(['awaiting_second']);
		const history = await candidateHistory(db, answer.candidateId);
		expect(history.attempts[0].ratings).toEqual([{ skill: 'writing', state: 'awaiting_second' }]);

		// The same rater never gets it again: not in their queue, and refused when sent anyway.
		expect(await queued(first)).not.toContain(answer.requestId);
		expect(
			await rate(db, first, answer.requestId, { criterionScores: { 0: 1, 1: 1, 2: 1 } })
		).toEqual({ ok: false, error: 'rated_by_you' });

		// Blind: the second rater's page holds no band, level or comment of the first rating.
		expect(await queued(second)).toContain(answer.requestId);
		const blind = await ratingForRater(db, second, answer.requestId);
		expect(blind).toMatchObject({
			status: 'pending',
			stage: 'double',
			criterionScores: null,
			level: null,
			comment: null
		});
		// Its task's rubric is there, never the first rating's numbers anywhere in the page's data.
		expect(JSON.stringify({ ...blind, task: null })).not.toMatch(/criterionScores":\{/);

		// One band apart on one criterion: the mean (2.5) decides, nothing rounded.
		expect(
			await rate(db, second, answer.requestId, {
				criterionScores: { 0: 2, 1: 3, 2: 3 },
				comment: 'Khá.'
			})
		).toMatchObject({ ok: true });
		const expected = levelFromRubric(answer.taskLevel, 8.5, answer.maximum);
		const [request] = await db
			.select()
			.from(ratingRequest)
			.where(eq(ratingRequest.id, answer.requestId));
		expect(request).toMatchObject({
			status: 'rated',
			level: expected,
			criterionScores: { 0: 2.5, 1: 3, 2: 3 },
			ratedBy: null
		});
		const final = await attemptRow(db, answer.attemptId);
		expect(final.status).toBe('completed');
		expect(final.skillLevels?.writing).toBe(expected);
		expect(await progress(answer.attemptId)).toEqual(['rated']);

		// No third rating is asked for, and the pair, once compared, cannot be taken back.
		expect(await queued(third)).not.toContain(answer.requestId);
		expect(
			await rate(db, third, answer.requestId, { criterionScores: { 0: 0, 1: 0, 2: 0 } })
		).toEqual({ ok: false, error: 'already_rated' });
		expect(await reopenRating(db, first, answer.requestId)).toEqual({
			ok: false,
			error: 'not_reopenable'
		});
		// Each rater's history holds their own bands only.
		const mine = (await myRatings(db, second)).find((r) => r.id === answer.requestId);
		expect(mine).toMatchObject({ criterionScores: { 0: 2, 1: 3, 2: 3 }, stage: 'double' });
	});

	it('sends ratings more than one band apart to a third rater, and the result waits for the median', async () => {
		const answer = await writtenAnswer();
		await rate(db, first, answer.requestId, { criterionScores: { 0: 3, 1: 3, 2: 3 } });
		// Until the other rating is in, the first may still take theirs back (and give it again).
		expect((await ratingForRater(db, first, answer.requestId)).canReopen).toBe(true);
		expect(await reopenRating(db, first, answer.requestId)).toEqual({ ok: true });
		expect(await queued(first)).toContain(answer.requestId);
		await rate(db, first, answer.requestId, { criterionScores: { 0: 3, 1: 3, 2: 3 } });
		await rate(db, second, answer.requestId, { criterionScores: { 0: 1, 1: 3, 2: 3 } });

		// Two bands apart on the first criterion: no result, a third rater is asked.
		expect((await attemptRow(db, answer.attemptId)).status).toBe('awaiting_rating');
		expect(await progress(answer.attemptId)).toEqual(['awaiting_third']);
		expect(await queued(first)).not.toContain(answer.requestId);
		expect(await queued(second)).not.toContain(answer.requestId);
		const entry = (await ratingQueue(db, third)).find((q) => q.id === answer.requestId);
		expect(entry?.stage).toBe('third');
		expect(await ratingForRater(db, third, answer.requestId)).toMatchObject({
			status: 'pending',
			stage: 'third',
			criterionScores: null,
			level: null
		});
		// The admission decision waits too: admitting needs a final passing result (or an override).
		expect(
			await decide(db, officer, { candidateId: answer.candidateId, decision: 'admit', reason: '' })
		).toEqual({ ok: false, error: 'reason_required' });
		// The raters of the pair cannot rate it again, nor take back a rating already compared.
		expect(
			await rate(db, second, answer.requestId, { criterionScores: { 0: 2, 1: 3, 2: 3 } })
		).toEqual({ ok: false, error: 'rated_by_you' });
		expect(await reopenRating(db, second, answer.requestId)).toEqual({
			ok: false,
			error: 'not_reopenable'
		});

		// The third rating: each criterion takes the median of the three bands (2, 3, 3 → total 8).
		expect(
			await rate(db, third, answer.requestId, { criterionScores: { 0: 2, 1: 2, 2: 2 } })
		).toMatchObject({ ok: true });
		const expected = levelFromRubric(answer.taskLevel, 8, answer.maximum);
		const final = await attemptRow(db, answer.attemptId);
		expect(final.status).toBe('completed');
		expect(final.skillLevels?.writing).toBe(expected);
		expect(final.passed).not.toBeNull();
		const [request] = await db
			.select()
			.from(ratingRequest)
			.where(eq(ratingRequest.id, answer.requestId));
		expect(request).toMatchObject({
			status: 'rated',
			ratingsNeeded: 3,
			criterionScores: { 0: 2, 1: 3, 2: 3 }
		});
		expect((await myRatings(db, third)).find((r) => r.id === answer.requestId)?.stage).toBe(
			'third'
		);
	});

	it('shows each rater’s agreement from the pairs of ratings of the same answers', async () => {
		// The two answers above: (3,3,3) × (2,3,3); then (3,3,3) × (1,3,3) × (2,2,2).
		const pairsOfFirst: BandPair[] = [
			[3, 2],
			[3, 3],
			[3, 3],
			[3, 1],
			[3, 3],
			[3, 3],
			[3, 2],
			[3, 2],
			[3, 2]
		].map(([a, b]) => ({ first: a, second: b }));
		const own = await raterAgreement(db, first, 'own');
		expect(own).toHaveLength(1);
		expect(own[0]).toMatchObject({
			raterId: first.id,
			pairs: 3,
			bandsCompared: 9,
			exact: 4 / 9,
			adjacent: 8 / 9,
			enough: false
		});
		expect(own[0].kappa).toBeCloseTo(quadraticWeightedKappa(pairsOfFirst, { min: 0, max: 3 })!, 10);

		// The officer and any instructor of the school see every rater; the third rated one pair twice.
		const all = await raterAgreement(db, officer, 'organization');
		expect(all.map((r) => [r.name, r.pairs, r.bandsCompared])).toEqual([
			['An', 3, 9],
			['Bình', 3, 9],
			['Cúc', 2, 6]
		]);
		expect((await raterAgreement(db, third, 'organization')).map((r) => r.name)).toEqual([
			'An',
			'Bình',
			'Cúc'
		]);
		// (2,2,2) is one band from every band of the pair on every criterion: never exact, always adjacent.
		expect(all.find((r) => r.name === 'Cúc')).toMatchObject({ exact: 0, adjacent: 1 });
		// Another organization's instructor sees none of them; a learner is refused.
		expect(await raterAgreement(db, elsewhere, 'organization')).toEqual([]);
		await expect(raterAgreement(db, learner, 'organization')).rejects.toBeInstanceOf(Forbidden);
	});
});
