/**
 * "Continue where you left off" on Today: the lesson whose play-through the phone keeps (started, not
 * finished) and how far along it is, else the next lesson of the learner's path. Pure: the page reads
 * the phone's store and the server's courses and asks here.
 */

/** A play-through as the phone keeps it (`PlayThroughSnapshot` of the lesson page), only what counts here. */
export type KeptPlayThrough = {
	lessonId: string;
	/** Exercise ids still to play (a missed one waits again at the end). */
	queue: string[];
	answers: { exerciseId: string }[];
	/** When it was last saved (ms); absent in play-throughs kept before it was recorded. */
	savedAt?: number;
};

export type CourseLessons = { id: string; lessons: { id: string }[] };

export type InProgress = { courseId: string; lessonId: string; done: number; total: number };

/**
 * Key of a play-through kept on the phone (outbox-store.ts): per account and lesson, not per course
 * version, so a lesson republished while the phone was offline (any lesson's edit makes a new course
 * version) keeps the learner's place; the play-through keeps only the exercises the new version still
 * has (play-through.svelte.ts).
 */
export function playThroughKey(accountId: string, lessonId: string): string {
	return `${accountId}|${lessonId}`;
}

/** Where a kept play-through's key (`playThroughKey`) says it belongs. */
export function parsePlayThroughKey(key: string): { accountId: string; lessonId: string } | null {
	const at = key.indexOf('|');
	if (at <= 0 || at === key.length - 1) return null;
	return { accountId: key.slice(0, at), lessonId: key.slice(at + 1) };
}

/**
 * Exercises done out of the lesson's: every exercise not done waits in the queue, so the lesson has
 * the queue's plus those answered and no longer in it.
 */
export function playThroughProgress(kept: Pick<KeptPlayThrough, 'queue' | 'answers'>) {
	const waiting = new Set(kept.queue);
	const done = new Set(kept.answers.map((a) => a.exerciseId).filter((id) => !waiting.has(id)));
	return { done: done.size, total: done.size + waiting.size };
}

/**
 * The lesson in progress: of the kept play-throughs started (one answer at least) and not finished,
 * of a lesson still in one of the learner's courses, the last saved.
 */
export function lessonInProgress(
	courses: readonly CourseLessons[],
	kept: readonly KeptPlayThrough[]
): InProgress | null {
	let best: (InProgress & { savedAt: number }) | null = null;
	for (const k of kept) {
		if (k.answers.length === 0 || k.queue.length === 0) continue;
		const course = courses.find((c) => c.lessons.some((l) => l.id === k.lessonId));
		if (!course) continue;
		const savedAt = k.savedAt ?? 0;
		if (best && best.savedAt >= savedAt) continue;
		best = { courseId: course.id, lessonId: k.lessonId, ...playThroughProgress(k), savedAt };
	}
	if (!best) return null;
	const { savedAt: _, ...found } = best;
	return found;
}
