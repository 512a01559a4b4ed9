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
import { agreementByRater, resolveRatings, type RatedBand } from '$lib/rating/agreement';
import {
	agreementOrganizationIds,
	canListenToRecording,
	canRate,
	ratingOrganizationIds
} from './policy';
import {
	askThirdRating,
	deleteRating,
	insertRating,
	insertRatingRequest,
	lockRequest,
	progressOfSources,
	ratingsOfRequest,
	sharedRatings,
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
		/** 2 when the program asks for two independent raters (`program.twoRaters`). */
		ratingsNeeded?: 1 | 2;
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
	const pending = await pendingRequests(db, ratingOrganizationIds(actor), actor.id);
	const labels = await labelsOf(db, pending);
	return pending.map(({ sourceId, ratingsNeeded, ...request }) => ({
		...request,
		stage: stageOf(ratingsNeeded),
		origin: labels.get(`${request.source}:${sourceId}`) ?? null
	}));
}

/**
 * What kind of rating an answer waits for, as the queue marks it: the only one, one of two
 * independent ones, or the third rater's (the two were more than one band apart). Never which bands
 * were given: the second and third raters work blind.
 */
export type RatingStage = 'single' | 'double' | 'third';

function stageOf(ratingsNeeded: number): RatingStage {
	return ratingsNeeded >= 3 ? 'third' : ratingsNeeded === 2 ? 'double' : 'single';
}

/**
 * Whether the rater may take their rating back (while the source is open): a lone rating, yes; one
 * of two independent ratings only until the other is given (after that the two have been compared);
 * of three, only the third rater's.
 */
function reopenable(
	request: { ratingsNeeded: number },
	ratings: { round: number; raterId: string | null }[],
	raterId: string
): boolean {
	const own = ratings.find((r) => r.raterId === raterId);
	if (!own) return false;
	if (request.ratingsNeeded === 1) return true;
	if (request.ratingsNeeded === 2) return ratings.length === 1;
	return own.round === 3;
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
	const ratings = await ratingsOfRequest(db, id);
	// Blind: only the actor's own rating leaves the server, never another rater's or the result.
	const own = ratings.find((r) => r.raterId === actor.id) ?? null;
	const open = request.status === 'pending' && !own;
	// The rating that completes a screening attempt makes its result final: say so before saving.
	// One of two independent ratings may instead call a third rater, so only a lone or third one is sure.
	const last =
		open &&
		request.ratingsNeeded !== 2 &&
		ratings.length === request.ratingsNeeded - 1 &&
		Boolean(ratingHookOf(request.source)?.finalizesOnLastRating) &&
		(await otherPendingOfSource(db, request)) === 0;
	const canReopen =
		reopenable(request, ratings, actor.id) && (await openOf(db, [request])).size > 0;
	return {
		id: request.id,
		last,
		canReopen,
		stage: stageOf(request.ratingsNeeded),
		skill: request.skill,
		// For this rater: rated once they rated it, or when the answer needs no more ratings.
		status: open ? ('pending' as const) : ('rated' as const),
		createdAt: request.createdAt,
		response: request.response,
		criterionScores: own?.criterionScores ?? null,
		level: own?.level ?? null,
		comment: own?.comment ?? null,
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
	| { ok: false; error: 'already_rated' | 'rated_by_you' | 'no_rubric' }
	| { ok: false; error: 'invalid_scores'; fields: Record<string, ScoreError> };

const COMMENT_MAX = 2000;

/**
 * Records one rater's rating: the scores must fit the task's rubric, and their total maps to a level
 * 1–6 (`levelFromRubric`). An answer needs one rating, or two independent ones by different raters
 * when its program asks for two (a third when those two are more than one band apart on a
 * criterion). A rater rates an answer once (`rated_by_you`); a rating beyond those needed — two
 * raters racing for the last one — is refused (`already_rated`). When the last needed rating is in,
 * the ratings make the answer's result (`resolveRatings`) and the source's hook runs in the same
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
	const maximum = rubricMaximum(rubric);
	const level = levelFromRubric(task.level, rubricTotal(input.criterionScores), maximum);
	const comment = input.comment?.trim().normalize('NFC').slice(0, COMMENT_MAX) || null;
	const hook = ratingHookOf(request.source);

	const outcome = await db.transaction(async (tx): Promise<RateResult> => {
		await hook?.lock(tx, request.sourceId);
		const locked = await lockRequest(tx, id);
		if (locked?.status !== 'pending') return { ok: false, error: 'already_rated' };
		const ratings = await ratingsOfRequest(tx, id);
		if (ratings.some((r) => r.raterId === actor.id)) return { ok: false, error: 'rated_by_you' };
		if (ratings.length >= locked.ratingsNeeded) return { ok: false, error: 'already_rated' };
		const round = ratings.length + 1;
		await insertRating(tx, {
			id: crypto.randomUUID(),
			requestId: id,
			raterId: actor.id,
			round,
			criterionScores: input.criterionScores,
			level,
			comment,
			ratedAt: now
		});
		let resolution: 'waiting' | 'third_rater' | 'resolved' = 'waiting';
		if (round === locked.ratingsNeeded) {
			const given = [...ratings.map((r) => r.criterionScores), input.criterionScores];
			const resolved = resolveRatings(given);
			if (resolved.needsThird) {
				await askThirdRating(tx, id);
				resolution = 'third_rater';
			} else {
				const alone = round === 1;
				await markRated(tx, id, {
					criterionScores: resolved.scores!,
					level: levelFromRubric(task.level, rubricTotal(resolved.scores!), maximum),
					// A lone rating is the result as the rater gave it; several make one without a single author.
					comment: alone ? comment : null,
					ratedBy: alone ? actor.id : null,
					ratedAt: now
				});
				resolution = 'resolved';
			}
		}
		// Blind here too: the entry names the task, never the person rated.
		await audit(tx, {
			organizationId: request.organizationId,
			actorId: actor.id,
			action: 'rating_saved',
			subjectType: 'rating_request',
			subjectId: id,
			reason: null,
			details: {
				skill: request.skill,
				source: request.source,
				taskLevel: task.level,
				round,
				ratingsNeeded: locked.ratingsNeeded,
				resolution
			},
			before: { status: locked.status },
			after: {
				status: resolution === 'resolved' ? 'rated' : 'pending',
				level,
				criterionScores: input.criterionScores,
				comment
			},
			at: now
		});
		if (resolution === 'resolved') await hook?.afterRating(tx, request.sourceId);
		return { ok: true, level };
	});
	return outcome;
}

export type ReopenResult = { ok: true } | { ok: false; error: 'not_reopenable' };

/**
 * Takes a rating back ("undo" after saving, or "reopen" from the rater's history): the answer waits
 * for the rater's rating again. Only the rater who gave it, only while the source is still open
 * (`openSources`: a screening attempt until its result is final — the rating that completes the
 * attempt makes it final at once, so that one cannot be taken back; its page says so before saving),
 * and only while no other rating has been compared with it (`reopenable`). Audited with the level
 * taken back. Forbidden like `rate` for anyone who may not rate the request.
 */
export async function reopenRating(
	db: DB,
	actor: Actor,
	id: string,
	now = new Date()
): Promise<ReopenResult> {
	const request = await requestById(db, id);
	if (!request || !canRate(actor, request)) throw new Forbidden();
	const hook = ratingHookOf(request.source);
	const reopened = await db.transaction(async (tx) => {
		await hook?.lock(tx, request.sourceId);
		const locked = await lockRequest(tx, id);
		if (!locked) return false;
		const ratings = await ratingsOfRequest(tx, id);
		const own = ratings.find((r) => r.raterId === actor.id);
		if (!own || !reopenable(locked, ratings, actor.id)) return false;
		if ((await openOf(tx, [request])).size === 0) return false;
		await deleteRating(tx, own.id);
		if (locked.status === 'rated') await markPending(tx, id);
		await audit(tx, {
			organizationId: request.organizationId,
			actorId: actor.id,
			action: 'rating_reopened',
			subjectType: 'rating_request',
			subjectId: id,
			reason: null,
			details: { skill: request.skill, source: request.source, round: own.round },
			before: {
				status: locked.status,
				level: own.level,
				criterionScores: own.criterionScores,
				comment: own.comment
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
	const given = new Map<string, { round: number; raterId: string | null }[]>();
	for (const row of rows.filter((r) => r.ratingsNeeded > 1))
		given.set(row.id, await ratingsOfRequest(db, row.id));
	return rows.map(({ sourceId, status: _status, round, ratingsNeeded, ...row }) => ({
		...row,
		stage: round === 3 ? ('third' as const) : stageOf(Math.min(ratingsNeeded, 2)),
		origin: labels.get(`${row.source}:${sourceId}`) ?? null,
		canReopen:
			open.has(`${row.source}:${sourceId}`) &&
			reopenable({ ratingsNeeded }, given.get(row.id) ?? [{ round, raterId: actor.id }], actor.id)
	}));
}

/**
 * Where the ratings of these answers stand, for the officers of a screening (who have checked that the
 * sources are theirs): per answer its skill and `rated`, or which rating it awaits — the first (or
 * only), the second of two independent ratings, or a third rater's. Never a band before the result.
 */
export async function ratingProgress(db: DB, source: RatingSource, sourceIds: string[]) {
	const rows = await progressOfSources(db, source, sourceIds);
	return rows.map((row) => ({
		sourceId: row.sourceId,
		skill: row.skill,
		state:
			row.status === 'rated'
				? ('rated' as const)
				: row.ratingsNeeded >= 3
					? ('awaiting_third' as const)
					: row.ratingsNeeded === 2 && row.ratings === 1
						? ('awaiting_second' as const)
						: ('awaiting_rating' as const)
	}));
}

/** At fewer pairs than this, agreement figures say little (the page says so beside them). */
export const FEW_PAIRS = 10;

/**
 * Agreement of each rater with the other raters of the same answers (`agreementByRater`): exact and
 * adjacent agreement and quadratic-weighted kappa over criterion bands, with the number of answers
 * rated with someone else (`pairs`: each other rating of an answer is one pair) and of criterion
 * bands compared. `scope: 'own'` gives the actor's line only (any instructor); `organization` every
 * rater of the organizations where the actor rates or runs admissions.
 */
export async function raterAgreement(db: DB, actor: Actor, scope: 'own' | 'organization') {
	const organizations =
		scope === 'own' ? ratingOrganizationIds(actor) : agreementOrganizationIds(actor);
	if (organizations.length === 0) throw new Forbidden();
	const rows = (await sharedRatings(db, organizations)).filter((r) => r.raterId !== null);
	// The band range of the rubrics rated, so kappa's chance table covers every band.
	let top = 0;
	for (const itemId of new Set(rows.map((r) => r.itemId)))
		top = Math.max(top, (await rubricOf(db, itemId))?.maxScorePerCriterion ?? 0);
	const bands: RatedBand[] = rows.flatMap((r) =>
		Object.entries(r.criterionScores).map(([criterion, band]) => ({
			answerId: r.requestId,
			criterion: Number(criterion),
			raterId: r.raterId!,
			band
		}))
	);
	top = Math.max(top, ...bands.map((b) => b.band));
	const figures = agreementByRater(bands, { min: 0, max: top });
	const names = new Map(rows.map((r) => [r.raterId!, r.raterName ?? '']));
	const raters = rows.map((r) => r.raterId!);
	const answers = (raterId: string) =>
		rows
			.filter((r) => r.raterId === raterId)
			.reduce((n, mine) => n + rows.filter((o) => o.requestId === mine.requestId).length - 1, 0);
	return figures
		.filter((f) => scope === 'organization' || f.raterId === actor.id)
		.filter((f) => raters.includes(f.raterId))
		.map((f) => ({
			raterId: f.raterId,
			name: names.get(f.raterId) ?? '',
			pairs: answers(f.raterId),
			bandsCompared: f.pairs,
			exact: f.exact,
			adjacent: f.adjacent,
			kappa: f.kappa,
			enough: answers(f.raterId) >= FEW_PAIRS
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function rubricOf(db: DB, itemId: string | null): Promise<Rubric | null> {
	const item = await itemOfRequest(db, itemId);
	return (item?.content.rubric as Rubric | undefined) ?? null;
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
