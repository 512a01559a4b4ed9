import * as v from 'valibot';

/**
 * The shape of what a phone's outbox posts (`$lib/offline/outbox.ts` on the other side). Each record is
 * checked on its own: one malformed record is refused with a reason, the others are applied.
 */

/** Client-generated ids: UUIDs or 32 hex digits, nothing that could be a path or markup. */
export const CLIENT_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
const TEXT_ID = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const TIME = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp());

/** At most this many records in one batch, and this many answers in one lesson. */
export const MAX_BATCH = 200;
const MAX_ANSWERS = 500;
/** A response is what an exercise's input holds: a few kB of JSON at most. */
const MAX_RESPONSE_CHARS = 20_000;

const response = v.pipe(
	v.unknown(),
	v.check((value) => {
		const text = JSON.stringify(value ?? null);
		return text !== undefined && text.length <= MAX_RESPONSE_CHARS;
	}, 'response too large')
);

/** A lesson's answering time: whole seconds, at most a day (the phone caps each pause anyway). */
export const ACTIVE_SECONDS = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400));

export const attemptRecord = v.object({
	id: CLIENT_ID,
	kind: v.literal('attempt'),
	payload: v.object({
		lessonId: TEXT_ID,
		finishedAt: TIME,
		activeSeconds: v.optional(ACTIVE_SECONDS),
		answers: v.pipe(
			v.array(
				v.object({
					id: CLIENT_ID,
					exerciseId: TEXT_ID,
					response,
					recordingId: v.optional(CLIENT_ID)
				})
			),
			v.minLength(1),
			v.maxLength(MAX_ANSWERS)
		)
	})
});

export const reviewRecord = v.object({
	id: CLIENT_ID,
	kind: v.literal('review'),
	payload: v.object({
		courseId: TEXT_ID,
		vocabularyId: TEXT_ID,
		grade: v.picklist([1, 2, 3, 4]),
		mode: v.picklist(['recall', 'type']),
		reviewedAt: TIME
	})
});

export const syncRecord = v.variant('kind', [attemptRecord, reviewRecord]);
export type SyncRecord = v.InferOutput<typeof syncRecord>;

export const syncBatch = v.object({
	/** The account whose outbox this is: a session of another account sends nothing of it. */
	accountId: v.pipe(v.string(), v.maxLength(200)),
	records: v.pipe(v.array(v.unknown()), v.maxLength(MAX_BATCH))
});

/** The first problem of a record that does not fit, as a short reason for the phone's log. */
export function shapeProblem(issues: v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
	return `invalid ${path || 'record'}`;
}
