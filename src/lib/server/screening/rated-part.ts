import { and, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { attemptAnswer } from '$lib/server/db/schema';
import { saveRecording } from '$lib/server/rating/service';
import { measureDurationMs } from '$lib/server/rating/audio-duration';
import { isTooShort, minimumSeconds } from '$lib/screening/speaking-time';
import type { AttemptRow, CandidateContext } from './context';
import { publicItemId } from './item-ids';
import { closeRatedPart, expireIfOverdue } from './lifecycle';
import {
	currentRatedTask,
	ratedTasksOf,
	type RatedResponse,
	type RatedSkill,
	type RatedTask
} from './rated-tasks';

/**
 * The rated part as the candidate meets it: after the adaptive items, one writing and/or one
 * speaking task under the same server deadline. Drafts are kept until submitted; when all tasks are
 * submitted — or time runs out — the lifecycle closes the part and the attempt waits for its ratings.
 */

/** Longest written answer kept (characters): a 200-word essay is about 1,300. */
export const WRITING_MAX_CHARS = 10_000;
/** Largest recording accepted: about 12 minutes of speech at the 32 kbit/s the recorder asks for. */
export const RECORDING_MAX_BYTES = 3 * 1024 * 1024;

export type RatedOutcome =
	| { ok: true; closed: boolean }
	| {
			ok: false;
			reason:
				| 'not_in_progress'
				| 'time_up'
				| 'not_current'
				| 'empty'
				| 'too_long'
				| 'too_large'
				| 'too_short'
				| 'unreadable';
			/** too_short: the shortest recording the task accepts, in seconds. */
			minimumSeconds?: number;
	  };

/**
 * Common checks: the attempt is open, time is left, and `publicId` (what the candidate sent, see
 * item-ids.ts) is the current task of `skill`, whose own item id is returned.
 */
async function openTask(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	publicId: string,
	skill: RatedSkill,
	now: Date
): Promise<
	| { ok: true; tasks: RatedTask[]; itemId: string; task: RatedTask }
	| { ok: false; reason: 'not_in_progress' | 'time_up' | 'not_current' }
> {
	if (row.status !== 'in_progress') return { ok: false, reason: 'not_in_progress' };
	if (now > row.deadlineAt) {
		await expireIfOverdue(db, row, ctx, now);
		return { ok: false, reason: 'time_up' };
	}
	const tasks = await ratedTasksOf(db, row.id);
	const current = currentRatedTask(tasks);
	if (!current || publicItemId(row, current.itemId) !== publicId || current.skill !== skill)
		return { ok: false, reason: 'not_current' };
	return { ok: true, tasks, itemId: current.itemId, task: current };
}

/** Stores a response unless it was submitted already (two tabs, a retry): true when it was stored. */
async function storeResponse(
	db: DbOrTx,
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
	await storeResponse(db, row.id, open.itemId, { text, submitted: false }, now);
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
	if (!(await storeResponse(db, row.id, open.itemId, { text, submitted: true }, now)))
		return { ok: false, reason: 'not_current' };
	return { ok: true, closed: await closeIfDone(db, row, ctx, now) };
}

/**
 * Stores the candidate's recording of the current speaking task in the database and submits it. Its
 * length is measured from the file (`measureDurationMs`), never taken from the browser: a timed task
 * ("about 2–3 minutes") refuses a recording clearly shorter (`isTooShort`), and one whose length
 * cannot be read (`unreadable`: not audio, or damaged), since it cannot be shown to be long enough.
 */
export async function submitRecording(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	input: { itemId: string; bytes: Uint8Array; mimeType: string },
	now = new Date()
): Promise<RatedOutcome> {
	const open = await openTask(db, row, ctx, input.itemId, 'speaking', now);
	if (!open.ok) return open;
	if (input.bytes.byteLength === 0) return { ok: false, reason: 'empty' };
	if (input.bytes.byteLength > RECORDING_MAX_BYTES) return { ok: false, reason: 'too_large' };
	const durationMs = await measureDurationMs(input.bytes, input.mimeType);
	const minimum = minimumSeconds(open.task.speakingTime);
	if (minimum > 0) {
		if (durationMs === null) return { ok: false, reason: 'unreadable' };
		if (isTooShort(open.task.speakingTime, durationMs))
			return { ok: false, reason: 'too_short', minimumSeconds: minimum };
	}
	// The recording and the answer that points at it are kept together or not at all.
	const stored = await db
		.transaction(async (tx) => {
			const recordingId = await saveRecording(
				tx,
				{
					ownerId: ctx.candidate.userId!,
					mimeType: input.mimeType,
					bytes: input.bytes,
					durationMs
				},
				now
			);
			if (await storeResponse(tx, row.id, open.itemId, { recordingId, submitted: true }, now))
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
