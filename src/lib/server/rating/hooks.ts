import type { DB, DbOrTx, Tx } from '$lib/server/db/client';
import type { RATING_SOURCES } from '$lib/server/db/schema';
import type { Rubric } from '$lib/screening/rubric';

export type RatingSource = (typeof RATING_SOURCES)[number];

/**
 * What a rating means to the part of the app that asked for it. The rating service stays
 * source-agnostic: it locks the source, records the rating, then lets the source react, all in one
 * transaction. The source registers its hook at start-up (`connectDomains`), so rating never imports
 * the domains that use it.
 */
export type RatingHook = {
	/** Serializes ratings of the same source (e.g. the two tasks of one attempt). */
	lock: (tx: Tx, sourceId: string) => Promise<void>;
	/** After each rating of the source, e.g. complete the attempt when its last rating arrived. */
	afterRating: (tx: Tx, sourceId: string) => Promise<unknown>;
	/**
	 * The task a request without a test item answers (a lesson's speak exercise): what the rater
	 * reads, the level it was written for and its rubric. Screening answers use their test item.
	 */
	task?: (db: DB, sourceId: string) => Promise<RatedTask | null>;
	/**
	 * What the rater may know of where answers come from, without who gave them: e.g. the program a
	 * screening attempt was taken for. Source id → label; sources it does not know are left out.
	 */
	labels?: (db: DB, sourceIds: string[]) => Promise<Map<string, string>>;
	/**
	 * The sources whose ratings can still be taken back (reopened): a screening attempt until its
	 * result is final. Without this function every rating of the source can be reopened.
	 */
	openSources?: (db: DbOrTx, sourceIds: string[]) => Promise<Set<string>>;
	/** True when the source's last rating makes its result final (screening), so that one cannot be undone. */
	finalizesOnLastRating?: boolean;
};

/** A rated answer's task as the rater sees it. */
export type RatedTask = {
	level: number;
	prompt: string;
	promptGloss: string | null;
	rubric: Rubric;
};

const hooks = new Map<RatingSource, RatingHook>();

/** Registering a source again replaces its hook (a dev server reloading a module). */
export function registerRatingHook(source: RatingSource, hook: RatingHook): void {
	hooks.set(source, hook);
}

export function ratingHookOf(source: RatingSource): RatingHook | undefined {
	return hooks.get(source);
}
