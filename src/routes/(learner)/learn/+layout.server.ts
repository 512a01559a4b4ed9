import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { syncDisplayCookie } from '$lib/server/learning/settings';
import { learnerShell } from '$lib/server/learning/shell';

// Second layer: the hook already refused form posts; this refuses page loads with a translated 403.
export const load: LayoutServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	// Reading the path makes SvelteKit run this again on every navigation: each lesson and review moves
	// today's goal. Settings, goal and current course come in one round trip (every learner page asks).
	void event.url.pathname;
	const { settings, dailyGoal, currentCourseId } = await learnerShell(db, user.id);
	// The learner's text size and contrast follow the account to another phone (the cookie paints them).
	syncDisplayCookie(event.cookies, settings, event.url.protocol === 'https:');
	return {
		/** Today's goal as it stands when a page opens (a lesson's end card adds the lesson's own minutes). */
		dailyGoal,
		/** Whether the learner chose a goal yet (the home page asks for one until then). */
		goalChosen: settings.chosen,
		/** Where the Course tab leads (the root layout draws the tabs). */
		currentCourseId,
		/** How the inputs of lessons and reviews type the language learned (Me → settings). */
		inputPreferences: { vietnamese: settings.vietnamese, laoKeyboard: settings.laoKeyboard }
	};
};
