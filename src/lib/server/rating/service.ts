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
	markPending,
	markRated,
	organizationsRatingRecording,
	otherPendingOfSource,
	ratingsBy,
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
 * queue carries no name, only the skill, the task's level, where the answer comes from (the program
 * of a screening test, from the source's `labels` hook) and when it arrived.
 */
export async function ratingQueue(db: DB, actor: Actor) {
	const pending = await pendingRequests(db, ratingOrganizationIds(actor));
	const labels = await labelsOf(db, pending);
	return pending.map(({ sourceId, ...request }) => ({
		...request,
		origin: labels.get(`${request.source}:${sourceId}`) ?? null
	}));
}

/** Source labels (e.g. program names) by "source:sourceId", from each source's `labels` hook. */
async function labelsOf(db: DB, requests: { source: RatingSource; sourceId: string }[]) {
	const labels = new Map<string, string>();
	for (const source of new Set(requests.map((r) => r.source))) {
		const ids = requests.filter((r) => r.source === source).map((r) => r.sourceId);
		const found = (await ratingHookOf(source)?.labels?.(db, [...new Set(ids)])) ?? new Map();
		for (const [id, label] of found) labels.set(`${source}:${id}`, label);
	}
	return labels;
}

/** Which of these sources' ratings can still be reopened ("source:sourceId"). */
async function openOf(db: DbOrTx, requests: { source: RatingSource; sourceId: string }[]) {
	const open = new Set<string>();
	for (const source of new Set(requests.map((r) => r.source))) {
		const ids = [...new Set(requests.filter((r) => r.source === source).map((r) => r.sourceId))];
		const hook = ratingHookOf(source);
		const found = hook?.openSources ? await hook.openSources(db, ids) : new Set(ids);
		for (const id of found) open.add(`${source}:${id}`);
	}
	return open;
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
	// The rating that completes a screening attempt makes its result final: say so before saving.
	const last =
		request.status === 'pending' &&
		Boolean(ratingHookOf(request.source)?.finalizesOnLastRating) &&
		(await otherPendingOfSource(db, request)) === 0;
	const canReopen =
		request.status === 'rated' &&
		request.ratedBy === actor.id &&
		(await openOf(db, [request])).size > 0;
	return {
		id: request.id,
		last,
		canReopen,
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

export type ReopenResult = { ok: true } | { ok: false; error: 'not_reopenable' };

/**
 * Takes a rating back ("undo" after saving, or "reopen" from the rater's history): the answer waits
 * in the queue again, to be rated anew. Only the rater who gave it, and only while the source is still
 * open (`openSources`): a screening attempt until its result is final — the rating that completes the
 * attempt makes it final at once, so that one cannot be taken back (its page says so before saving).
 * Audited with the level taken back. Forbidden like `rate` for anyone who may not rate the request.
 */
export async function reopenRating(
	db: DB,
	actor: Actor,
	id: string,
	now = new Date()
): Promise<ReopenResult> {
	const request = await requestById(db, id);
	if (!request || !canRate(actor, request)) throw new Forbidden();
	if (request.status !== 'rated' || request.ratedBy !== actor.id)
		return { ok: false, error: 'not_reopenable' };
	const hook = ratingHookOf(request.source);
	const reopened = await db.transaction(async (tx) => {
		await hook?.lock(tx, request.sourceId);
		if ((await openOf(tx, [request])).size === 0) return false;
		if (!(await markPending(tx, id, actor.id))) return false;
		await audit(tx, {
			organizationId: request.organizationId,
			actorId: actor.id,
			action: 'rating_reopened',
			subjectType: 'rating_request',
			subjectId: id,
			reason: null,
			details: { skill: request.skill, source: request.source },
			before: {
				status: 'rated',
				level: request.level,
				criterionScores: request.criterionScores,
				comment: request.comment
			},
			after: { status: 'pending' },
			at: now
		});
		return true;
	});
	return reopened ? { ok: true } : { ok: false, error: 'not_reopenable' };
}

/**
 * The ratings the actor gave (in organizations where they still rate), newest first: when, the skill,
 * where the answer comes from (program), the task's level, points per criterion and the level, and
 * whether it can still be reopened. Blind like the queue: no name.
 */
export async function myRatings(db: DB, actor: Actor) {
	const rows = await ratingsBy(db, actor.id, ratingOrganizationIds(actor));
	const labels = await labelsOf(db, rows);
	const open = await openOf(db, rows);
	return rows.map(({ sourceId, ...row }) => ({
		...row,
		origin: labels.get(`${row.source}:${sourceId}`) ?? null,
		canReopen: open.has(`${row.source}:${sourceId}`)
	}));
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
