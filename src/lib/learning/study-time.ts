/**
 * The rules of study time (the server adds it up in SQL: `studyEventsQuery` in
 * $lib/server/learning/study.ts): each finished lesson's active seconds (the phone adds up the time
 * between answers, at most `MAX_GAP_SECONDS` each, so a lesson left open overnight is not hours of
 * study) and each review (the gap to the review before, at most `MAX_REVIEW_SECONDS`; the first of a
 * sitting counts `FIRST_REVIEW_SECONDS`).
 */

export const MAX_GAP_SECONDS = 120;
export const MAX_REVIEW_SECONDS = 60;
export const FIRST_REVIEW_SECONDS = 15;
/** What one due review takes, for "about N minutes" before starting. */
export const SECONDS_PER_DUE_REVIEW = 15;

/** Minutes the due reviews will take, at least one when any is due. */
export function dueReviewMinutes(due: number): number {
	return due === 0 ? 0 : Math.max(1, Math.round((due * SECONDS_PER_DUE_REVIEW) / 60));
}
