import { and, asc, eq, inArray, sql, TransactionRollbackError } from 'drizzle-orm';
import type { CatState } from '$lib/placement';
import { pickRatedTask } from '$lib/screening/rubric';
import type { DB } from '$lib/server/db/client';
import { attempt, attemptAnswer, testItem, type ItemContent } from '$lib/server/db/schema';
import { insertRecording, type Tx } from '$lib/server/rating/repository';
import { requestRating } from '$lib/server/rating/service';
import type { CandidateContext } from './delivery';
import { adaptiveResult, finishAttempt } from './results';

/**
 * The rated part of a screening attempt: after the adaptive items, one writing and/or one speaking
 * task (the program's `ratedSections`), under the same server deadline. Each task is an
 * `attempt_answer` row whose response holds the draft or the recording until it is submitted; when
 * all are submitted — or time runs out — the attempt waits for its ratings (`awaiting_rating`).
 */

type AttemptRow = typeof attempt.$inferSelect;
export type RatedSkill = 'writing' | 'speaking';
export type RatedResponse = { text?: string; recordingId?: string; submitted: boolean };

/** Longest written answer kept (characters): a 200-word essay is about 1,300. */
export const WRITING_MAX_CHARS = 10_000;
/** Largest recording accepted: about 12 minutes of speech at the 32 kbit/s the recorder asks for. */
export const RECORDING_MAX_BYTES = 3 * 1024 * 1024;

export type RatedTask = {
	itemId: string;
	skill: RatedSkill;
	level: number;
	instruction: string;
	prompt: string;
	promptGloss: string | null;
	response: RatedResponse;
};

export async function ratedTasksOf(db: DB, attemptId: string): Promise<RatedTask[]> {
	const rows = await db
		.select({
			itemId: attemptAnswer.itemId,
			skill: testItem.skill,
			level: testItem.level,
			content: testItem.content,
			response: attemptAnswer.response
		})
		.from(attemptAnswer)
		.innerJoin(testItem, eq(attemptAnswer.itemId, testItem.id))
		.where(
			and(eq(attemptAnswer.attemptId, attemptId), inArray(testItem.kind, ['writing', 'speaking']))
		)
		.orderBy(asc(attemptAnswer.sequence));
	return rows.map((row) => {
		const content = row.content as ItemContent;
		return {
			itemId: row.itemId,
			skill: row.skill as RatedSkill,
			level: row.level,
			instruction: content.instruction,
			prompt: content.prompt,
			promptGloss: content.promptGloss ?? null,
			response: row.response as RatedResponse
		};
	});
}

/** The task to do now: the first one not yet submitted. */
export function currentRatedTask(tasks: RatedTask[]): RatedTask | null {
	return tasks.find((t) => !t.response.submitted) ?? null;
}

function hasAnswer(response: RatedResponse): boolean {
	return Boolean(response.recordingId || response.text?.trim());
}

export async function inRatedPart(db: DB, row: AttemptRow): Promise<boolean> {
	if (row.status !== 'in_progress' || row.pendingItemId !== null) return false;
	return (await ratedTasksOf(db, row.id)).length > 0;
}

/**
 * Gives the candidate the program's rated tasks: of each rated skill, the bank's task whose level is
 * nearest the adaptive overall level (`pickRatedTask`). The choice is recorded as the attempt's
 * answers to those items, so it survives reloads and can be audited. False when the bank has none.
 */
export async function beginRatedPart(
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

export type RatedOutcome =
	| { ok: true; closed: boolean }
	| {
			ok: false;
			reason: 'not_in_progress' | 'time_up' | 'not_current' | 'empty' | 'too_long' | 'too_large';
	  };

/** Common checks: the attempt is open, time is left, and `itemId` is the current task of `skill`. */
async function openTask(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	itemId: string,
	skill: RatedSkill,
	now: Date
): Promise<
	| { ok: true; tasks: RatedTask[] }
	| { ok: false; reason: 'not_in_progress' | 'time_up' | 'not_current' }
> {
	if (row.status !== 'in_progress') return { ok: false, reason: 'not_in_progress' };
	if (now > row.deadlineAt) {
		if (!(await closeRatedPart(db, row, ctx, now)))
			await finishAttempt(db, row, ctx, now, 'expired');
		return { ok: false, reason: 'time_up' };
	}
	const tasks = await ratedTasksOf(db, row.id);
	const current = currentRatedTask(tasks);
	if (!current || current.itemId !== itemId || current.skill !== skill)
		return { ok: false, reason: 'not_current' };
	return { ok: true, tasks };
}

/** Stores a response unless it was submitted already (two tabs, a retry): true when it was stored. */
async function storeResponse(
	db: DB | Tx,
	attemptId: string,
	itemId: string,
	response: RatedResponse,
	now: Date
) {
	const updated = await db
		.update(attemptAnswer)
		.set({ response, answeredAt: now })
		.where(
			and(
				eq(attemptAnswer.attemptId, attemptId),
				eq(attemptAnswer.itemId, itemId),
				sql`coalesce((${attemptAnswer.response}->>'submitted')::boolean, false) = false`
			)
		)
		.returning({ itemId: attemptAnswer.itemId });
	return updated.length > 0;
}

/** Closes the rated part when its last task was just submitted. */
async function closeIfDone(db: DB, row: AttemptRow, ctx: CandidateContext, now: Date) {
	const tasks = await ratedTasksOf(db, row.id);
	if (currentRatedTask(tasks)) return false;
	await closeRatedPart(db, row, ctx, now);
	return true;
}

/** Saves the written answer as a draft (it survives a reload) without submitting it. */
export async function saveWritingDraft(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	input: { itemId: string; text: string },
	now = new Date()
): Promise<RatedOutcome> {
	const open = await openTask(db, row, ctx, input.itemId, 'writing', now);
	if (!open.ok) return open;
	const text = input.text.normalize('NFC');
	if (text.length > WRITING_MAX_CHARS) return { ok: false, reason: 'too_long' };
	await storeResponse(db, row.id, input.itemId, { text, submitted: false }, now);
	return { ok: true, closed: false };
}

export async function submitWriting(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	input: { itemId: string; text: string },
	now = new Date()
): Promise<RatedOutcome> {
	const open = await openTask(db, row, ctx, input.itemId, 'writing', now);
	if (!open.ok) return open;
	const text = input.text.normalize('NFC').trim();
	if (!text) return { ok: false, reason: 'empty' };
	if (text.length > WRITING_MAX_CHARS) return { ok: false, reason: 'too_long' };
	if (!(await storeResponse(db, row.id, input.itemId, { text, submitted: true }, now)))
		return { ok: false, reason: 'not_current' };
	return { ok: true, closed: await closeIfDone(db, row, ctx, now) };
}

/** Stores the candidate's recording of the current speaking task in the database and submits it. */
export async function submitRecording(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	input: { itemId: string; bytes: Uint8Array; mimeType: string; durationMs: number | null },
	now = new Date()
): Promise<RatedOutcome> {
	const open = await openTask(db, row, ctx, input.itemId, 'speaking', now);
	if (!open.ok) return open;
	if (input.bytes.byteLength === 0) return { ok: false, reason: 'empty' };
	if (input.bytes.byteLength > RECORDING_MAX_BYTES) return { ok: false, reason: 'too_large' };
	const recordingId = crypto.randomUUID();
	// The recording and the answer that points at it are kept together or not at all.
	const stored = await db
		.transaction(async (tx) => {
			await insertRecording(tx, {
				id: recordingId,
				ownerId: ctx.candidate.userId!,
				mimeType: input.mimeType,
				bytes: input.bytes,
				durationMs: input.durationMs,
				createdAt: now
			});
			if (await storeResponse(tx, row.id, input.itemId, { recordingId, submitted: true }, now))
				return true;
			tx.rollback();
		})
		.catch((e: unknown) => {
			if (e instanceof TransactionRollbackError) return false;
			throw e;
		});
	if (!stored) return { ok: false, reason: 'not_current' };
	return { ok: true, closed: await closeIfDone(db, row, ctx, now) };
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
						: { text: task.response.text!.trim() }
				},
				now
			);
		}
	});
	return true;
}
