/**
 * "Continue where you left off" on Today: the lesson whose play-through the phone keeps (started, not
 * finished) and how far along it is, else the next lesson of the learner's path. Pure: the page reads
 * the phone's store and the server's courses and asks here.
 */

/** A play-through as the phone keeps it (`PlayThroughSnapshot` of the lesson page), only what counts here. */
export type KeptPlayThrough = {
	lessonId: string;
	/** The course version it was played in: another version starts the lesson afresh. */
	version: number;
	/** Exercise ids still to play (a missed one waits again at the end). */
	queue: string[];
	answers: { exerciseId: string }[];
	/** When it was last saved (ms); absent in play-throughs kept before it was recorded. */
	savedAt?: number;
};

export type CourseLessons = { id: string; version: number; lessons: { id: string }[] };

export type InProgress = { courseId: string; lessonId: string; done: number; total: number };

/** Where a kept play-through's key (`<account>|<lesson>|<version>`, outbox-store.ts) says it belongs. */
export function parsePlayThroughKey(
	key: string
): { accountId: string; lessonId: string; version: number } | null {
	const parts = key.split('|');
	if (parts.length < 3) return null;
	const version = Number(parts.at(-1));
	if (!Number.isInteger(version)) return null;
	return { accountId: parts[0], lessonId: parts.slice(1, -1).join('|'), version };
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
 * of a lesson still in one of the learner's courses at the version played, the last saved.
 */
export function lessonInProgress(
	courses: readonly CourseLessons[],
	kept: readonly KeptPlayThrough[]
): InProgress | null {
	let best: (InProgress & { savedAt: number }) | null = null;
	for (const k of kept) {
		if (k.answers.length === 0 || k.queue.length === 0) continue;
		const course = courses.find(
			(c) => c.version === k.version && c.lessons.some((l) => l.id === k.lessonId)
		);
		if (!course) continue;
		const savedAt = k.savedAt ?? 0;
		if (best && best.savedAt >= savedAt) continue;
		best = { courseId: course.id, lessonId: k.lessonId, ...playThroughProgress(k), savedAt };
	}
	if (!best) return null;
	const { savedAt: _, ...found } = best;
	return found;
}
