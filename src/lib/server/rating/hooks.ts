import type { RATING_SOURCES } from '$lib/server/db/schema';
import { finalizeRatedAttempt, lockAttempt } from '$lib/server/screening/finalize';
import type { Tx } from './repository';

/**
 * What a rating means to the part of the app that asked for it. The rating service stays
 * source-agnostic: it locks the source, records the rating, then lets the source react, all in one
 * transaction. Lesson answers (a later issue) add their entry here.
 */
export type RatingHook = {
	/** Serializes ratings of the same source (e.g. the two tasks of one attempt). */
	lock: (tx: Tx, sourceId: string) => Promise<void>;
	/** After each rating of the source, e.g. finalize the attempt when its last rating arrived. */
	afterRating: (tx: Tx, sourceId: string) => Promise<unknown>;
};

export const RATING_HOOKS: Partial<Record<(typeof RATING_SOURCES)[number], RatingHook>> = {
	screening: { lock: lockAttempt, afterRating: finalizeRatedAttempt }
};
