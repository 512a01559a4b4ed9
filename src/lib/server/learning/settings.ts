import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { learnerSettings } from '$lib/server/db/schema';
import { DEFAULT_DAILY_GOAL, DAILY_GOALS, type DailyGoal } from '$lib/learning/streak';
import {
	DEFAULT_DISPLAY,
	DISPLAY_COOKIE,
	TEXT_SIZES,
	displayCookieValue,
	type Display,
	type TextSize
} from '$lib/learning/display';
import {
	DEFAULT_INPUT_PREFERENCES,
	vietnameseInputMethod,
	type InputPreferences
} from '$lib/learning/input-methods';
import type { Cookies } from '@sveltejs/kit';

export type LearnerSettings = Display & { dailyGoal: DailyGoal } & InputPreferences;
/** `chosen`: the learner saved settings at least once (a new learner is asked for a goal first). */
export type StoredSettings = LearnerSettings & { chosen: boolean };

/** The learner's settings, or the defaults when they never chose any. */
export async function settingsOf(db: DB, userId: string): Promise<StoredSettings> {
	const [row] = await db.select().from(learnerSettings).where(eq(learnerSettings.userId, userId));
	return settingsFromRow(row);
}

/** Settings as stored (no row: the learner never chose any, so the defaults). */
export function settingsFromRow(
	row: typeof learnerSettings.$inferSelect | undefined
): StoredSettings {
	if (!row)
		return {
			...DEFAULT_DISPLAY,
			...DEFAULT_INPUT_PREFERENCES,
			dailyGoal: DEFAULT_DAILY_GOAL,
			chosen: false
		};
	return {
		chosen: true,
		// Values outside today's choices (never written by this code) read as the defaults.
		dailyGoal: (DAILY_GOALS as readonly number[]).includes(row.dailyGoalMinutes)
			? (row.dailyGoalMinutes as DailyGoal)
			: DEFAULT_DAILY_GOAL,
		textSize: (TEXT_SIZES as readonly number[]).includes(row.textSize)
			? (row.textSize as TextSize)
			: 0,
		highContrast: row.highContrast,
		vietnamese: vietnameseInputMethod(row.vietnameseInput),
		laoKeyboard: row.laoKeyboard
	};
}

/** Saves some of the learner's settings (the others keep their stored or default values). */
export async function saveSettings(
	db: DB,
	userId: string,
	change: Partial<LearnerSettings>,
	now = new Date()
): Promise<LearnerSettings> {
	const { chosen: _, ...stored } = await settingsOf(db, userId);
	const next: LearnerSettings = { ...stored, ...change };
	const values = {
		dailyGoalMinutes: next.dailyGoal,
		textSize: next.textSize,
		highContrast: next.highContrast,
		vietnameseInput: next.vietnamese,
		laoKeyboard: next.laoKeyboard,
		updatedAt: now
	};
	await db
		.insert(learnerSettings)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: learnerSettings.userId, set: values });
	return next;
}

/** Keeps the display cookie equal to the stored settings (first paint of the next page uses it). */
export function setDisplayCookie(cookies: Cookies, display: Display, secure: boolean): void {
	cookies.set(DISPLAY_COOKIE, displayCookieValue(display), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 400 * 86_400
	});
}

/** Sets the cookie when it differs from the stored settings (another phone, after logging in). */
export function syncDisplayCookie(cookies: Cookies, display: Display, secure: boolean): void {
	if (cookies.get(DISPLAY_COOKIE) !== displayCookieValue(display))
		setDisplayCookie(cookies, display, secure);
}
