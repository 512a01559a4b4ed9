/**
 * The daily goal's streak: how many days in a row the learner met their goal. A missed day is not a
 * loss for ever: studying two days' goal on the next day counts the missed day too ("repair"). Only
 * one missed day in a row can be repaired that way. Today is never held against the learner while it
 * lasts: a streak that reached yesterday still stands.
 *
 * Days are calendar days as `YYYY-MM-DD` strings (the caller picks the time zone); minutes are the
 * study minutes of each day. The current goal is used for every day, so changing the goal changes
 * the count at once (no history of goals to explain).
 */

export const DAILY_GOALS = [5, 10, 20] as const;
export type DailyGoal = (typeof DAILY_GOALS)[number];
export const DEFAULT_DAILY_GOAL: DailyGoal = 10;

export type StreakState = {
	/** Days counted in a row, ending today (goal met or repaired) or else yesterday. */
	days: number;
	todayMet: boolean;
	/** Yesterday was missed but today can still count it: study `repairMinutes` today. */
	repairable: boolean;
	repairMinutes: number;
};

/** `YYYY-MM-DD` of the day `delta` days from `day` (calendar arithmetic in UTC, no time zone). */
export function shiftDay(day: string, delta: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + delta);
	return date.toISOString().slice(0, 10);
}

export function streakOf(
	minutesByDay: ReadonlyMap<string, number>,
	goal: number,
	today: string
): StreakState {
	const minutes = (day: string) => minutesByDay.get(day) ?? 0;
	const met = (day: string) => minutes(day) >= goal;
	// A missed day counts when the next day holds two days' goal (the next day is then met as well) and
	// the day before it was met: a repair bridges a gap in a streak, it does not invent a day before one.
	const counted = (day: string) =>
		met(day) || (minutes(shiftDay(day, 1)) >= 2 * goal && met(shiftDay(day, -1)));

	const todayMet = met(today);
	const yesterday = shiftDay(today, -1);
	let day = todayMet ? today : yesterday;
	let days = 0;
	// A year is more than any streak shown needs, and bounds the walk.
	while (days < 366 && counted(day)) {
		days++;
		day = shiftDay(day, -1);
	}
	// Yesterday missed and not yet made up: today's study can still count it (when it counts for
	// something: a day before it was counted).
	const repairable =
		!counted(yesterday) && minutes(today) < 2 * goal && counted(shiftDay(yesterday, -1));
	return { days, todayMet, repairable, repairMinutes: 2 * goal };
}
