import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BankItem, CatState } from '$lib/placement';
import { pickRatedTask } from '$lib/screening/rubric';
import { validUntil } from '$lib/screening/requirement';
import type { DB, DbOrTx, Tx } from '$lib/server/db/client';
import { attempt, attemptAnswer, testItem } from '$lib/server/db/schema';
import { generateCode } from '$lib/server/auth/codes';
import { recordItemResponse } from '$lib/server/placement/calibration';
import { usableBy } from '$lib/server/placement/policy';
import { registerRatingHook } from '$lib/server/rating/hooks';
import { requestsOfSource } from '$lib/server/rating/repository';
import { requestRating } from '$lib/server/rating/service';
import {
	attemptById,
	attemptsAwaitingRating,
	openAttempt,
	programLabelsOfAttempts,
	programOfAttempt,
	type AttemptRow,
	type CandidateContext
} from './context';
import { startingEngine } from './engine';
import { hasAnswer, ratedTasksOf, type RatedResponse } from './rated-tasks';
import { adaptivePass, adaptiveResult, ratedResult } from './results';

/**
 * The life of a screening attempt. Every change of its status happens here, and nowhere else:
 *
 *   begin            → in_progress, adaptive part (a pending item)
 *   endAdaptivePart  → in_progress, rated part (rated tasks chosen, no pending item)
 *                    → completed (nothing to rate: scored, sealed)
 *   closeRatedPart   → awaiting_rating (tasks answered or time up; each answer sent to rating)
 *   completeRated…   → completed (the last rating arrived: rated levels join, sealed)
 *   expireIfOverdue  → awaiting_rating, or expired (time ran out; scored on what was answered)
 *   closeWithdrawn   → expired, without a result (the officers withdrew the candidate or program)
 *
 * A result gets its verification code and validity in `seal` only. Each transition matches the
 * status it starts from, so of two requests racing (two tabs, the deadline check) one wins.
 */

/**
 * Code and validity of a result, counted from the end of the test (not from the rating). A class's
 * exit test (purpose `exit`) is a measurement for the class, not a result for admission: no code
 * anyone could verify, no validity, and no pass or fail.
 */
function seal(end: Date, program: CandidateContext['program']) {
	if (program.purpose === 'exit') return { verificationCode: null, validUntil: null, passed: null };
	return {
		verificationCode: generateCode(),
		validUntil: validUntil(end, program.resultValidityMonths)
	};
}

/**
 * Opens a new attempt: the adaptive test set up for the program's bank, with its first item. Two
 * tabs starting at once: the unique index on open attempts lets one insert win, and the other gets
 * the winner's attempt.
 */
export async function beginAttempt(db: DB, ctx: CandidateContext, now: Date): Promise<AttemptRow> {
	const engine = await startingEngine(
		db,
		ctx.program.bankId,
		ctx.program.organizationId,
		ctx.program.minOverallLevel
	);
	try {
		const [created] = await db
			.insert(attempt)
			.values({
				id: crypto.randomUUID(),
				candidateId: ctx.candidate.id,
				status: 'in_progress',
				catState: engine.state,
				pendingItemId: engine.first?.id ?? null,
				startedAt: now,
				deadlineAt: new Date(now.getTime() + ctx.program.timeLimitMinutes * 60_000),
				bankVersion: engine.bankVersion,
				engineConfig: engine.engineConfig
			})
			.returning();
		return created;
	} catch (e) {
		const winner = await openAttempt(db, ctx.candidate.id);
		if (winner) return winner;
		throw e;
	}
}

/**
 * Stores the answer to the pending item with the engine's new state and the next item (null: the
 * adaptive part is over). False when another submission changed the attempt first: the revision
 * check makes only one of two racing answers count.
 */
export async function advanceAdaptivePart(
	db: DB,
	row: AttemptRow,
	answer: { item: BankItem; option: number; correct: boolean },
	state: CatState,
	next: BankItem | null,
	now: Date
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const updated = await tx
			.update(attempt)
			.set({
				catState: state,
				pendingItemId: next?.id ?? null,
				revision: sql`${attempt.revision} + 1`
			})
			.where(
				and(
					eq(attempt.id, row.id),
					eq(attempt.revision, row.revision),
					eq(attempt.status, 'in_progress')
				)
			)
			.returning({ id: attempt.id });
		if (updated.length === 0) return false;
		await tx.insert(attemptAnswer).values({
			attemptId: row.id,
			itemId: answer.item.id,
			sequence: state.administered.length,
			response: { option: answer.option },
			correct: answer.correct,
			answeredAt: now
		});
		// Calibration data: one row per attempt and item (respondent = attempt).
		await recordItemResponse(tx, {
			itemId: answer.item.id,
			respondentId: row.id,
			correct: answer.correct,
			answeredAt: now
		});
		return true;
	});
}

/**
 * The adaptive part is over (`row` has its final engine state): the rated tasks follow under the
 * same deadline when the program rates writing or speaking and the bank has such tasks; otherwise
 * the attempt is scored and completed.
 */
export async function endAdaptivePart(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	now: Date
): Promise<'rated_part' | 'completed'> {
	if (ctx.program.ratedSections.length > 0 && (await enterRatedPart(db, row, ctx, now)))
		return 'rated_part';
	await finish(db, row, ctx, now, 'completed');
	return 'completed';
}

/**
 * Gives the candidate the program's rated tasks: of each rated skill, the bank's task whose level is
 * nearest the adaptive overall level (`pickRatedTask`). The choice is recorded as the attempt's
 * answers to those items, so it survives reloads and can be audited. False when the bank has none.
 */
async function enterRatedPart(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	now: Date
): Promise<boolean> {
	const state = row.catState as CatState;
	const { overallLevel } = adaptiveResult(state);
	const sections = (['writing', 'speaking'] as const).filter((s) =>
		ctx.program.ratedSections.includes(s)
	);
	const chosen: { id: string }[] = [];
	for (const kind of sections) {
		const tasks = await db
			.select({ id: testItem.id, level: testItem.level })
			.from(testItem)
			.where(
				and(
					eq(testItem.bankId, ctx.program.bankId),
					usableBy(db, [ctx.program.organizationId]),
					eq(testItem.kind, kind),
					inArray(testItem.status, ['calibrated', 'active'])
				)
			);
		const task = pickRatedTask(tasks, overallLevel);
		if (task) chosen.push(task);
	}
	if (chosen.length === 0) return false;
	const response: RatedResponse = { submitted: false };
	await db
		.insert(attemptAnswer)
		.values(
			chosen.map((task, i) => ({
				attemptId: row.id,
				itemId: task.id,
				sequence: state.administered.length + i + 1,
				response,
				correct: null,
				answeredAt: now
			}))
		)
		.onConflictDoNothing();
	return true;
}

/** In the rated part: open, past the adaptive items, with rated tasks. */
export async function inRatedPart(db: DB, row: AttemptRow): Promise<boolean> {
	if (row.status !== 'in_progress' || row.pendingItemId !== null) return false;
	return (await ratedTasksOf(db, row.id)).length > 0;
}

/**
 * Ends the rated part: the attempt keeps its adaptive result (θ, overall and skill levels, no pass
 * or fail yet) and waits for ratings; each answered task goes to the rating queue of the program's
 * organization. When time ran out, a saved draft counts as the answer. False when nothing at all
 * was answered: the caller then closes the attempt as expired, without rated levels.
 */
export async function closeRatedPart(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	now: Date
): Promise<boolean> {
	const answered = (await ratedTasksOf(db, row.id)).filter((t) => hasAnswer(t.response));
	if (answered.length === 0) return false;
	const { answered: _answered, ...result } = adaptiveResult(row.catState as CatState);
	await db.transaction(async (tx) => {
		const closed = await tx
			.update(attempt)
			.set({
				status: 'awaiting_rating',
				pendingItemId: null,
				finishedAt: now,
				...result,
				passed: null
			})
			.where(and(eq(attempt.id, row.id), eq(attempt.status, 'in_progress')))
			.returning({ id: attempt.id });
		// Another request (a second tab, the deadline check) closed it first.
		if (closed.length === 0) return;
		for (const task of answered) {
			await tx
				.update(attemptAnswer)
				.set({ response: { ...task.response, submitted: true } })
				.where(and(eq(attemptAnswer.attemptId, row.id), eq(attemptAnswer.itemId, task.itemId)));
			await requestRating(
				tx,
				{
					organizationId: ctx.program.organizationId,
					source: 'screening',
					sourceId: row.id,
					itemId: task.itemId,
					skill: task.skill,
					response: task.response.recordingId
						? { recordingId: task.response.recordingId }
						: { text: task.response.text!.trim() },
					ratingsNeeded: ctx.program.twoRaters ? 2 : 1
				},
				now
			);
		}
	});
	return true;
}

/** Scores an attempt: overall and per-skill levels, pass/fail against the requirement, sealed. */
async function finish(
	db: DbOrTx,
	row: AttemptRow,
	ctx: CandidateContext,
	now: Date,
	status: 'completed' | 'expired'
): Promise<void> {
	const { answered, ...result } = adaptiveResult(row.catState as CatState);
	// An attempt that ran out of time is scored on what was answered; with nothing answered there is no result.
	const scored =
		answered > 0
			? { ...result, passed: adaptivePass(result, ctx.program), ...seal(now, ctx.program) }
			: {};
	await db
		.update(attempt)
		.set({ status, pendingItemId: null, finishedAt: now, ...scored })
		.where(and(eq(attempt.id, row.id), eq(attempt.status, 'in_progress')));
}

/**
 * Closes an attempt whose time ran out (checked whenever it is opened or answered), and returns it
 * as it is now. Time out in the rated tasks: what was submitted or saved goes to rating.
 */
export async function expireIfOverdue(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	now = new Date()
): Promise<AttemptRow> {
	if (row.status !== 'in_progress' || now <= row.deadlineAt) return row;
	if (!(await inRatedPart(db, row)) || !(await closeRatedPart(db, row, ctx, now))) {
		await finish(db, row, ctx, now, 'expired');
	}
	return attemptById(db, row.id);
}

/**
 * Closes the open attempts of candidates the officers withdrew (one candidate, or every candidate of
 * a withdrawn program), inside the officers' transaction. No result: a withdrawn candidate's half
 * test is not scored, sealed or given a verification code; its answers stay on record. Returns how
 * many attempts it closed (for the audit entry).
 */
export async function closeWithdrawn(
	tx: DbOrTx,
	candidateIds: string[],
	now: Date
): Promise<number> {
	if (candidateIds.length === 0) return 0;
	const closed = await tx
		.update(attempt)
		.set({ status: 'expired', pendingItemId: null, finishedAt: now })
		.where(and(inArray(attempt.candidateId, candidateIds), eq(attempt.status, 'in_progress')))
		.returning({ id: attempt.id });
	return closed.length;
}

/**
 * Holds the attempt's row until the transaction ends, so that of two ratings of the same attempt
 * arriving together, the later one sees the earlier one and exactly one completes it.
 */
async function lockAttempt(tx: Tx, attemptId: string): Promise<void> {
	await tx.select({ id: attempt.id }).from(attempt).where(eq(attempt.id, attemptId)).for('update');
}

/**
 * When every rated task of an attempt has its rating, the result becomes final (`ratedResult`) and
 * is sealed. Does nothing while a rating is still pending. True when this call completed it.
 */
async function completeRatedAttempt(tx: Tx, attemptId: string): Promise<boolean> {
	const row = await attemptById(tx, attemptId);
	if (row?.status !== 'awaiting_rating') return false;
	const requests = await requestsOfSource(tx, 'screening', attemptId);
	if (requests.some((r) => r.status !== 'rated')) return false;
	const program = await programOfAttempt(tx, row);
	const updated = await tx
		.update(attempt)
		.set({
			status: 'completed',
			...ratedResult(row, requests, program),
			...seal(row.finishedAt ?? new Date(), program)
		})
		.where(and(eq(attempt.id, attemptId), eq(attempt.status, 'awaiting_rating')))
		.returning({ id: attempt.id });
	return updated.length > 0;
}

/** Rating calls back here when an answer of a screening attempt is rated. */
export function registerScreeningRatings(): void {
	registerRatingHook('screening', {
		lock: lockAttempt,
		afterRating: completeRatedAttempt,
		// Raters see the program (blind: never the candidate), and may take a rating back until the
		// attempt's result is final.
		labels: programLabelsOfAttempts,
		openSources: attemptsAwaitingRating,
		finalizesOnLastRating: true
	});
}
