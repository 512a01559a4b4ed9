/**
 * How long a timed speaking task asks the candidate to speak, and the shortest recording it accepts.
 * Pure: the recorder page warns before sending, the server refuses after measuring the file.
 */

/** A speaking task's "about 2–3 minutes" (`speakingTime` of the bank item), in seconds. */
export type SpeakingTime = { fromSeconds: number; toSeconds: number };

/**
 * The share of the task's lower bound a recording must reach. Half: a "2–3 minute" task needs at least
 * 60 s. Speakers at lower levels pause, and a candidate who says everything asked in a little less time
 * should not be refused; an answer of under half the time asked for is clearly not the task done, and
 * the rubric would send it to its lowest bands anyway ("far too short").
 */
export const MINIMUM_SHARE = 0.5;

/** The shortest recording the task accepts, in whole seconds; 0 for a task that states no time. */
export function minimumSeconds(time: SpeakingTime | null | undefined): number {
	if (!time || !(time.fromSeconds > 0)) return 0;
	return Math.ceil(time.fromSeconds * MINIMUM_SHARE);
}

/** True when a recording of `durationMs` is clearly shorter than the task asks. */
export function isTooShort(time: SpeakingTime | null | undefined, durationMs: number): boolean {
	const minimum = minimumSeconds(time);
	return minimum > 0 && durationMs < minimum * 1000;
}

/** A valid `speakingTime` of a bank item: whole seconds, 0 < from ≤ to ≤ 15 minutes. */
export function isSpeakingTime(value: unknown): value is SpeakingTime {
	if (typeof value !== 'object' || value === null) return false;
	const { fromSeconds, toSeconds } = value as Record<string, unknown>;
	return (
		Number.isInteger(fromSeconds) &&
		Number.isInteger(toSeconds) &&
		(fromSeconds as number) > 0 &&
		(fromSeconds as number) <= (toSeconds as number) &&
		(toSeconds as number) <= 900
	);
}

/** "1:05" for 65 seconds: how the minimum is shown beside the recorder's clock. */
export function minutesAndSeconds(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
