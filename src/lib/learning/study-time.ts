/**
 * Study time from what the server records: each finished lesson's active seconds (the phone adds up
 * the time between answers, at most `MAX_GAP_SECONDS` each, so a lesson left open overnight is not
 * hours of study) and each review (the gap to the review before, at most `MAX_REVIEW_SECONDS`; the
 * first of a sitting counts `FIRST_REVIEW_SECONDS`).
 */

export const MAX_GAP_SECONDS = 120;
export const MAX_REVIEW_SECONDS = 60;
export const FIRST_REVIEW_SECONDS = 15;
/** What one due review takes, for "about N minutes" before starting. */
export const SECONDS_PER_DUE_REVIEW = 15;

export type StudyEvent = { at: Date; seconds: number };

/** Seconds each review took, from their times alone. */
export function reviewSeconds(reviewedAt: readonly Date[]): StudyEvent[] {
	const sorted = [...reviewedAt].sort((a, b) => a.getTime() - b.getTime());
	return sorted.map((at, i) => {
		const gap = i === 0 ? Infinity : (at.getTime() - sorted[i - 1].getTime()) / 1000;
		return { at, seconds: gap > MAX_REVIEW_SECONDS ? FIRST_REVIEW_SECONDS : gap };
	});
}

/** Minutes per calendar day (`dayOf` picks the time zone), rounded down. */
export function minutesByDay(
	events: readonly StudyEvent[],
	dayOf: (date: Date) => string
): Map<string, number> {
	const seconds = new Map<string, number>();
	for (const e of events) seconds.set(dayOf(e.at), (seconds.get(dayOf(e.at)) ?? 0) + e.seconds);
	return new Map([...seconds].map(([day, s]) => [day, Math.floor(s / 60)]));
}

/** Minutes the due reviews will take, at least one when any is due. */
export function dueReviewMinutes(due: number): number {
	return due === 0 ? 0 : Math.max(1, Math.round((due * SECONDS_PER_DUE_REVIEW) / 60));
}
