import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { settingsOf, syncDisplayCookie } from '$lib/server/learning/settings';
import { dailyGoalState } from '$lib/server/learning/study';
import { currentCourseId } from '$lib/server/learning/courses';

// Second layer: the hook already refused form posts; this refuses page loads with a translated 403.
export const load: LayoutServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	// The learner's text size and contrast follow the account to another phone (the cookie paints them).
	const settings = await settingsOf(db, user.id);
	syncDisplayCookie(event.cookies, settings, event.url.protocol === 'https:');
	// Today's goal as it stands when a page opens (a lesson's end card adds the lesson's own minutes).
	// Reading the path makes SvelteKit run this again on every navigation: each lesson and review moves it.
	void event.url.pathname;
	return {
		dailyGoal: await dailyGoalState(db, user.id, settings.dailyGoal),
		/** Where the Course tab leads (the root layout draws the tabs). */
		currentCourseId: await currentCourseId(db, user.id),
		/** How the inputs of lessons and reviews type the language learned (Me → settings). */
		inputPreferences: { vietnamese: settings.vietnamese, laoKeyboard: settings.laoKeyboard }
	};
};
