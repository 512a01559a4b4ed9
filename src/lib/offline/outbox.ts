/**
 * The outbox's rules, free of IndexedDB and fetch: which records go in the next batch, what an answer from
 * the server does to the queue, and how long to wait after a failure. The adapter (`outbox-store.ts`) keeps
 * the records; the engine (`sync-engine.ts`) sends them.
 *
 * Every piece of a learner's work (a finished lesson with its answers, a review, a speaking recording) is a
 * record with a client-generated id. The id is the record's key, so two records made in the same
 * millisecond never overwrite each other; `seq` (a per-device counter) keeps their order.
 */

export const OUTBOX_KINDS = ['attempt', 'review', 'recording'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** A finished lesson: the answers (graded again on the server) and the client ids of its recordings. */
export type AttemptPayload = {
	lessonId: string;
	finishedAt: string;
	/** Time spent answering, measured on the phone (the daily goal counts it). */
	activeSeconds?: number;
	answers: { id: string; exerciseId: string; response: unknown; recordingId?: string }[];
};

/** One review of one card, with the time it was made on the phone. */
export type ReviewPayload = {
	courseId: string;
	vocabularyId: string;
	grade: 1 | 2 | 3 | 4;
	mode: 'recall' | 'type';
	reviewedAt: string;
};

/** A speaking recording; the bytes are a Blob (IndexedDB keeps Blobs as they are). */
export type RecordingPayload = { mimeType: string; blob: Blob; durationMs?: number };

export type OutboxPayload = {
	attempt: AttemptPayload;
	review: ReviewPayload;
	recording: RecordingPayload;
};

export type OutboxRecord<K extends OutboxKind = OutboxKind> = {
	[P in K]: {
		/** Client-generated id (crypto.randomUUID), the key in IndexedDB and the server's idempotency key. */
		id: string;
		/** The account whose work it is: only a session of that account sends it. */
		accountId: string;
		kind: P;
		payload: OutboxPayload[P];
		/** Milliseconds since the epoch, and a per-device counter for records of the same millisecond. */
		createdAt: number;
		seq: number;
		/** Sends tried so far and the earliest time of the next one (exponential back-off). */
		tries: number;
		notBefore: number;
		/** Ids of records that must be acknowledged first (an attempt waits for its recordings). */
		after?: string[];
		/**
		 * Set when the server refused the record: it is never sent again but stays on the phone, shown to
		 * the learner with the reason, until they delete it.
		 */
		refused?: { reason: string; at: number };
	};
}[K];

/** The server's answer about one record. */
export type SyncOutcome =
	| { id: string; status: 'accepted' }
	| { id: string; status: 'duplicate' }
	| { id: string; status: 'refused'; reason: string };

export const BATCH_LIMIT = 100;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 10 * 60_000;

/** Queue order: by creation time, then by the device's counter, then by id (total and stable). */
export function compareRecords(a: OutboxRecord, b: OutboxRecord): number {
	return a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Wait after `tries` failed sends: 2 s · 2^(tries−1), at most 10 minutes, with "full jitter" (a random
 * share of it, so phones reconnecting together do not hammer the server in step; AWS Architecture Blog,
 * "Exponential Backoff and Jitter", 2015). `random` is in [0, 1).
 */
export function backoffMs(tries: number, random: number): number {
	if (tries <= 0) return 0;
	const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(tries - 1, 20));
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Records of this account still to be sent (not refused). */
function waitingOf(records: readonly OutboxRecord[], accountId: string): OutboxRecord[] {
	return records.filter((r) => r.accountId === accountId && !r.refused);
}

function ready(record: OutboxRecord, pending: Set<string>, now: number): boolean {
	return record.notBefore <= now && !(record.after ?? []).some((id) => pending.has(id));
}

/**
 * The next batch of this account's records (not recordings, which go one by one): due now, whose
 * prerequisites are acknowledged, in queue order, at most `limit`.
 */
export function nextBatch(
	records: readonly OutboxRecord[],
	accountId: string,
	now: number,
	limit = BATCH_LIMIT
): OutboxRecord<'attempt' | 'review'>[] {
	// A refused recording is not waited for: the lesson goes without it (the server keeps the answer).
	const own = waitingOf(records, accountId);
	const pending = new Set(own.map((r) => r.id));
	return own
		.filter((r): r is OutboxRecord<'attempt' | 'review'> => r.kind !== 'recording')
		.filter((r) => ready(r, pending, now))
		.sort(compareRecords)
		.slice(0, limit);
}

/** This account's recordings due now, in queue order (sent one per request). */
export function nextRecordings(
	records: readonly OutboxRecord[],
	accountId: string,
	now: number
): OutboxRecord<'recording'>[] {
	return waitingOf(records, accountId)
		.filter((r): r is OutboxRecord<'recording'> => r.kind === 'recording')
		.filter((r) => r.notBefore <= now)
		.sort(compareRecords);
}

/**
 * What the server's answers do to the records that were sent: accepted and duplicate ones leave the queue
 * (the server has them); refused ones are kept but marked, so they never block the others and are never
 * sent again, and the learner sees them with the reason; a record the server did not answer about stays
 * and waits longer.
 */
export function settle(
	sent: readonly OutboxRecord[],
	outcomes: readonly SyncOutcome[],
	now: number,
	random: () => number
): {
	remove: string[];
	retry: OutboxRecord[];
	/** The refused records, marked with the reason (to be written back). */
	refuse: OutboxRecord[];
	refused: Extract<SyncOutcome, { status: 'refused' }>[];
} {
	const byId = new Map(outcomes.map((o) => [o.id, o]));
	const remove: string[] = [];
	const retry: OutboxRecord[] = [];
	const refuse: OutboxRecord[] = [];
	const refused: Extract<SyncOutcome, { status: 'refused' }>[] = [];
	for (const record of sent) {
		const outcome = byId.get(record.id);
		if (!outcome) {
			retry.push(failed(record, now, random()));
			continue;
		}
		if (outcome.status === 'refused') {
			refused.push(outcome);
			refuse.push({ ...record, refused: { reason: outcome.reason, at: now } });
		} else remove.push(record.id);
	}
	return { remove, retry, refuse, refused };
}

/** The record after a failed send: one more try, and its next one later. */
export function failed(record: OutboxRecord, now: number, random: number): OutboxRecord {
	const tries = record.tries + 1;
	return { ...record, tries, notBefore: now + backoffMs(tries, random) };
}

/** How many of this account's records wait to be sent, for the status line and the logout warning. */
export function waitingCount(records: readonly OutboxRecord[], accountId: string): number {
	return waitingOf(records, accountId).length;
}

/** This account's records the server refused, oldest first (the list the learner sees). */
export function refusedRecords(
	records: readonly OutboxRecord[],
	accountId: string
): OutboxRecord[] {
	return records.filter((r) => r.accountId === accountId && r.refused).sort(compareRecords);
}

/** Why the server refused a record, in words a learner can be told (the server's reasons are for logs). */
export type RefusalKind = 'gone' | 'too-old' | 'clock' | 'damaged' | 'other';

export function refusalKind(reason: string): RefusalKind {
	// `forbidden` is what the server says for a lesson that no longer exists or is no longer the learner's
	// (it does not tell the two apart, so ids cannot be probed).
	if (reason === 'forbidden' || reason === 'no such card') return 'gone';
	if (reason === 'time too old') return 'too-old';
	if (reason === 'time in the future') return 'clock';
	if (reason.startsWith('invalid') || /too large|empty recording|not audio/.test(reason))
		return 'damaged';
	return 'other';
}
