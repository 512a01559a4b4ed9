import * as v from 'valibot';
import type { SyncOutcome } from '$lib/offline/outbox';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { Refusal } from '$lib/server/auth/actor';
import { MAX_RECORDING_BYTES, submitAttempt } from '$lib/server/learning/attempts';
import { recordReviews } from '$lib/server/learning/review-batch';
import { saveSyncedRecording } from '$lib/server/rating/service';
import { CLIENT_ID, shapeProblem, syncRecord, type SyncRecord } from './records';

/**
 * Applies a phone's outbox: each record once, through the domain that owns it (learning for finished lessons
 * and reviews, rating for recordings), and answers for each record: accepted, duplicate (had it already) or
 * refused with a reason. One transaction per batch: a savepoint per finished lesson (one bad record is
 * refused and rolled back alone, never failing the batch), and the batch's reviews in one read and one
 * write statement (learning/review-batch.ts). A batch of reviews only is that one statement, its own
 * transaction: a request of the phone's usual kind takes three round trips to the database (the
 * session, the read, the write).
 */

/** A phone's clock may be a little ahead; more than this is a wrong clock or a forged record. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Work older than this is not from an offline phone (the longest offline stretch we expect is weeks). */
const MAX_AGE_MS = 400 * 24 * 60 * 60_000;

function timeProblem(iso: string, now: Date): string | null {
	const t = Date.parse(iso);
	if (t > now.getTime() + CLOCK_SKEW_MS) return 'time in the future';
	if (t < now.getTime() - MAX_AGE_MS) return 'time too old';
	return null;
}

function clamp(iso: string, now: Date): Date {
	const t = Date.parse(iso);
	return new Date(Math.min(t, now.getTime()));
}

export async function applyBatch(
	db: DB,
	userId: string,
	records: readonly unknown[],
	now = new Date()
): Promise<SyncOutcome[]> {
	const outcomes = new Map<number, SyncOutcome>();
	const valid: { index: number; record: SyncRecord }[] = [];
	const seen = new Set<string>();
	records.forEach((raw, index) => {
		const id = idOf(raw);
		const parsed = v.safeParse(syncRecord, raw);
		if (!parsed.success) {
			outcomes.set(index, { id, status: 'refused', reason: shapeProblem(parsed.issues) });
			return;
		}
		const record = parsed.output;
		const problem = timeProblem(
			record.kind === 'attempt' ? record.payload.finishedAt : record.payload.reviewedAt,
			now
		);
		if (problem) outcomes.set(index, { id, status: 'refused', reason: problem });
		else if (seen.has(record.id)) outcomes.set(index, { id, status: 'duplicate' });
		else {
			seen.add(record.id);
			valid.push({ index, record });
		}
	});
	// Finished lessons first (they may add the cards that reviews of the same batch are about), each in a
	// savepoint of its own, then every review of the batch in one read and one write (their checks are
	// answers, not errors, so one bad review never undoes the others). A batch of reviews only needs no
	// transaction around them: their one write statement is the batch's transaction.
	const attempts = valid.filter(
		(r): r is { index: number; record: AttemptRecord } => r.record.kind === 'attempt'
	);
	const reviews = valid.filter(
		(r): r is { index: number; record: ReviewRecord } => r.record.kind === 'review'
	);
	const applyReviews = async (into: DbOrTx, inTransaction: boolean) => {
		if (reviews.length === 0) return;
		const indexOf = new Map(reviews.map((r) => [r.record.id, r.index]));
		const result = await recordReviews(
			into,
			userId,
			reviews.map(({ record }) => ({
				reviewId: record.id,
				courseId: record.payload.courseId,
				vocabularyId: record.payload.vocabularyId,
				grade: record.payload.grade,
				mode: record.payload.mode,
				reviewedAt: clamp(record.payload.reviewedAt, now)
			})),
			{ inTransaction }
		);
		const answer = (ids: string[], outcome: (id: string) => SyncOutcome) => {
			for (const id of ids) {
				const index = indexOf.get(id);
				if (index !== undefined && !outcomes.has(index)) outcomes.set(index, outcome(id));
			}
		};
		answer(result.applied, (id) => ({ id, status: 'accepted' }));
		answer(result.duplicate, (id) => ({ id, status: 'duplicate' }));
		answer(result.taken, (id) => ({ id, status: 'refused', reason: 'review id taken' }));
		answer(result.missing, (id) => ({ id, status: 'refused', reason: 'no such card' }));
	};
	if (attempts.length > 0)
		await db.transaction(async (tx) => {
			for (const { index, record } of attempts) {
				const outcome = await refusedOrUnanswered(record.id, () =>
					tx.transaction((sp) => applyAttempt(sp, userId, record, now))
				);
				if (outcome) outcomes.set(index, outcome);
			}
			await applyReviews(tx, true);
		});
	else await applyReviews(db, false);
	return [...outcomes.entries()].sort((a, b) => a[0] - b[0]).map(([, outcome]) => outcome);
}

type AttemptRecord = Extract<SyncRecord, { kind: 'attempt' }>;
type ReviewRecord = Extract<SyncRecord, { kind: 'review' }>;

/**
 * Runs one record's savepoint. A refusal (not the learner's lesson or card, an answer that does not fit)
 * is final. Any other error is left unanswered (undefined): the phone keeps the record and tries later.
 */
async function refusedOrUnanswered<T>(
	id: string,
	run: () => Promise<T>
): Promise<T | Extract<SyncOutcome, { status: 'refused' }> | undefined> {
	try {
		return await run();
	} catch (thrown) {
		if (thrown instanceof Refusal) return { id, status: 'refused', reason: thrown.message };
		console.error('sync: record not applied', id, thrown);
		return undefined;
	}
}

/** Applies a finished lesson in the caller's savepoint. */
async function applyAttempt(
	db: DB,
	userId: string,
	record: AttemptRecord,
	now: Date
): Promise<SyncOutcome> {
	const p = record.payload;
	const result = await submitAttempt(
		db,
		userId,
		{
			id: record.id,
			lessonId: p.lessonId,
			finishedAt: clamp(p.finishedAt, now),
			activeSeconds: p.activeSeconds ?? null,
			answers: p.answers.map((a) => ({
				id: a.id,
				exerciseId: a.exerciseId,
				response: a.response ?? null,
				...(a.recordingId ? { recordingClientId: a.recordingId } : {})
			}))
		},
		now
	);
	return { id: record.id, status: result.created ? 'accepted' : 'duplicate' };
}

function idOf(raw: unknown): string {
	const id = (raw as { id?: unknown } | null)?.id;
	return typeof id === 'string' ? id.slice(0, 64) : '';
}

/** Recorded audio only; anything else is not a speaking answer. */
const AUDIO_TYPE = /^audio\/[a-z0-9.+-]+(;.*)?$/i;

/** Stores one recording from the outbox, once per owner and client id. */
export async function applyRecording(
	db: DB,
	userId: string,
	input: { id: string; mimeType: string; bytes: Uint8Array; durationMs: number | null },
	now = new Date()
): Promise<SyncOutcome> {
	const { id } = input;
	if (!v.is(CLIENT_ID, id)) return { id: '', status: 'refused', reason: 'invalid id' };
	if (input.bytes.byteLength === 0) return { id, status: 'refused', reason: 'empty recording' };
	if (input.bytes.byteLength > MAX_RECORDING_BYTES)
		return { id, status: 'refused', reason: 'recording too large' };
	if (!AUDIO_TYPE.test(input.mimeType)) return { id, status: 'refused', reason: 'not audio' };
	const saved = await saveSyncedRecording(
		db,
		{
			ownerId: userId,
			clientId: id,
			mimeType: input.mimeType,
			bytes: input.bytes,
			durationMs: input.durationMs
		},
		now
	);
	return { id, status: saved.created ? 'accepted' : 'duplicate' };
}
