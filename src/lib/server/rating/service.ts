import type { DB, DbOrTx } from '$lib/server/db/client';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import {
	levelFromRubric,
	rubricMaximum,
	rubricTotal,
	validateScores,
	type CriterionScores,
	type Rubric,
	type ScoreError
} from '$lib/screening/rubric';
import { canListenToRecording, canRate, ratingOrganizationIds } from './policy';
import {
	insertRatingRequest,
	insertRecording,
	insertRecordingOnce,
	recordingIdByClientId,
	itemOfRequest,
	markRated,
	organizationsRatingRecording,
	recordingById,
	pendingRequests,
	ratingsOfSources,
	requestById
} from './repository';
import { ratingHookOf, type RatedTask, type RatingSource } from './hooks';
import { recordingContentType } from './audio-type';

/**
 * Rating owns the answers waiting for a person's judgement (`rating_request`) and the voice
 * recordings they may point at (`recording`): screening and learning store both through here.
 */

export type RatingResponse = { text: string } | { recordingId: string };

/**
 * Stores a recording (in the caller's transaction, with the answer that points at it) and returns its
 * id. It is saved with a recorded-audio content type only (see `recordingContentType`).
 */
export async function saveRecording(
	db: DbOrTx,
	input: { ownerId: string; mimeType: string; bytes: Uint8Array; durationMs: number | null },
	now = new Date()
): Promise<string> {
	const id = crypto.randomUUID();
	await insertRecording(db, {
		id,
		...input,
		mimeType: recordingContentType(input.mimeType),
		createdAt: now
	});
	return id;
}

/**
 * Stores a recording sent from the phone's outbox, once per owner and client id (a resent upload is a
 * duplicate, not a second copy of the voice). Returns the recording's id.
 */
export async function saveSyncedRecording(
	db: DbOrTx,
	input: {
		ownerId: string;
		clientId: string;
		mimeType: string;
		bytes: Uint8Array;
		durationMs: number | null;
	},
	now = new Date()
): Promise<{ id: string; created: boolean }> {
	return insertRecordingOnce(db, {
		id: crypto.randomUUID(),
		...input,
		mimeType: recordingContentType(input.mimeType),
		createdAt: now
	});
}

/** The id of the owner's recording that the outbox sent with `clientId`, or null. */
export function syncedRecordingId(db: DbOrTx, ownerId: string, clientId: string) {
	return recordingIdByClientId(db, ownerId, clientId);
}

/**
 * Puts an answer in the rating queue of `organizationId`'s instructors. Screening calls it for the
 * rated tasks of an attempt (sourceId = attempt id), lessons for speak answers (sourceId = answer id).
 * Asking twice for the same source and item keeps the first request.
 */
export async function requestRating(
	db: DbOrTx,
	input: {
		organizationId: string;
		source: RatingSource;
		sourceId: string;
		itemId: string | null;
		skill: 'writing' | 'speaking';
		response: RatingResponse;
	},
	now = new Date()
): Promise<string> {
	const id = crypto.randomUUID();
	await insertRatingRequest(db, { id, ...input, status: 'pending', createdAt: now });
	return id;
}

/**
 * Pending answers of the organizations where the actor is an instructor, oldest first. Blind: the
 * queue carries no name, only the skill, the task's level and when it arrived.
 */
export async function ratingQueue(db: DB, actor: Actor) {
	return pendingRequests(db, ratingOrganizationIds(actor));
}

/**
 * One request as a rater sees it: the task (instruction, prompt, rubric) and the answer (text, or
 * the id of a recording the rater may play). Never the person's name. Forbidden to anyone but an
 * instructor of the request's organization (also when the id does not exist: ids reveal nothing).
 */
export async function ratingForRater(db: DB, actor: Actor, id: string) {
	const request = await requestById(db, id);
	if (!request || !canRate(actor, request)) throw new Forbidden();
	const task = await taskOf(db, request);
	return {
		id: request.id,
		skill: request.skill,
		status: request.status,
		createdAt: request.createdAt,
		response: request.response,
		criterionScores: request.criterionScores,
		level: request.level,
		comment: request.comment,
		task
	};
}

/**
 * The task of a request: its test item (screening), or what the asking source's hook says (a lesson
 * answer). Null when neither knows one.
 */
async function taskOf(
	db: DB,
	request: { source: RatingSource; sourceId: string; itemId: string | null }
): Promise<(Omit<RatedTask, 'rubric'> & { rubric: Rubric | null }) | null> {
	if (request.itemId) {
		const item = await itemOfRequest(db, request.itemId);
		return (
			item && {
				level: item.level,
				prompt: item.content.prompt,
				promptGloss: item.content.promptGloss ?? null,
				rubric: (item.content.rubric as Rubric | undefined) ?? null
			}
		);
	}
	return (await ratingHookOf(request.source)?.task?.(db, request.sourceId)) ?? null;
}

export type RateResult =
	| { ok: true; level: number }
	| { ok: false; error: 'already_rated' | 'no_rubric' }
	| { ok: false; error: 'invalid_scores'; fields: Record<string, ScoreError> };

const COMMENT_MAX = 2000;

/**
 * Records a rating: the scores must fit the task's rubric, and their total maps to a level 1–6
 * (`levelFromRubric`). A request is rated once: a second rating — the same rater again, or two raters
 * racing — is refused (`already_rated`); re-rating is not offered. The source's hook runs in the same
 * transaction, so the rating that completes a screening attempt finalizes it.
 */
export async function rate(
	db: DB,
	actor: Actor,
	id: string,
	input: { criterionScores: CriterionScores; comment?: string },
	now = new Date()
): Promise<RateResult> {
	const request = await requestById(db, id);
	if (!request || !canRate(actor, request)) throw new Forbidden();
	if (request.status !== 'pending') return { ok: false, error: 'already_rated' };
	const task = await taskOf(db, request);
	const rubric = task?.rubric;
	if (!task || !rubric?.criteria?.length) return { ok: false, error: 'no_rubric' };
	const fields = validateScores(rubric, input.criterionScores);
	if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid_scores', fields };
	const level = levelFromRubric(
		task.level,
		rubricTotal(input.criterionScores),
		rubricMaximum(rubric)
	);
	const comment = input.comment?.trim().normalize('NFC').slice(0, COMMENT_MAX) || null;
	const hook = ratingHookOf(request.source);

	const rated = await db.transaction(async (tx) => {
		await hook?.lock(tx, request.sourceId);
		const row = await markRated(tx, id, {
			criterionScores: input.criterionScores,
			level,
			comment,
			ratedBy: actor.id,
			ratedAt: now
		});
		if (!row) return false;
		// Blind here too: the entry names the task, never the person rated.
		await audit(tx, {
			organizationId: request.organizationId,
			actorId: actor.id,
			action: 'rating_saved',
			subjectType: 'rating_request',
			subjectId: id,
			reason: null,
			details: { skill: request.skill, source: request.source, taskLevel: task.level },
			before: { status: request.status },
			after: { status: 'rated', level, criterionScores: input.criterionScores, comment },
			at: now
		});
		await hook?.afterRating(tx, request.sourceId);
		return true;
	});
	return rated ? { ok: true, level } : { ok: false, error: 'already_rated' };
}

/** The id of the oldest pending request after this one, for "submit → next in queue". */
export async function nextInQueue(db: DB, actor: Actor): Promise<string | null> {
	const [first] = await ratingQueue(db, actor);
	return first?.id ?? null;
}

/**
 * A recording's bytes for someone allowed to hear it: its owner, or an instructor of an
 * organization asked to rate it (`canListenToRecording`). Anyone else, and unknown ids: Forbidden.
 */
export async function recordingForListener(db: DB, actor: Actor, id: string) {
	const row = await recordingById(db, id);
	if (!row) throw new Forbidden();
	const organizations = await organizationsRatingRecording(db, id);
	if (!canListenToRecording(actor, row, organizations)) throw new Forbidden();
	return { mimeType: row.mimeType, bytes: row.bytes };
}

/**
 * The ratings given to these answers of one source, for the person who gave the answers (the caller
 * has checked that the answers are theirs): level, comment, when; pending ones without a level.
 */
export async function ratingsOfAnswers(db: DB, source: RatingSource, sourceIds: string[]) {
	return ratingsOfSources(db, source, sourceIds);
}
