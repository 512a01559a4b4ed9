import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { learnerHome } from '$lib/server/learning/home';
import { learnerStats, placementResults } from '$lib/server/learning/study';
import { saveSettings, setDisplayCookie, settingsOf } from '$lib/server/learning/settings';
import { DAILY_GOALS, type DailyGoal } from '$lib/learning/streak';
import { TEXT_SIZES, type TextSize } from '$lib/learning/display';
import { m } from '$lib/paraglide/messages';
import { checkbox, oneOf, parseForm } from '$lib/validation';
import { VIETNAMESE_INPUT_METHODS, inputLanguagesOf } from '$lib/learning/input-methods';

export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor, user) => {
		const home = await learnerHome(db, actor.id);
		return {
			displayName: user.displayName,
			stats: await learnerStats(db, actor.id),
			skills: home.courses.length > 0 ? home.skills : [],
			placements: await placementResults(db, actor.id),
			settings: await settingsOf(db, actor.id),
			/** The typing settings shown: those of the languages the learner studies. */
			inputLanguages: inputLanguagesOf(home.courses.map((c) => c.targetLanguage))
		};
	});

const SettingsForm = v.object({
	textSize: oneOf(TEXT_SIZES.map(String) as ['0', '1', '2', '3'], m.settings_error),
	highContrast: checkbox(),
	dailyGoal: oneOf(DAILY_GOALS.map(String) as ['5', '10', '20'], m.goal_error),
	vietnameseInput: oneOf(VIETNAMESE_INPUT_METHODS, m.settings_error),
	laoKeyboard: oneOf(['on', 'off'], m.settings_error)
});

export const actions: Actions = {
	/** Text size, contrast, daily goal and typing methods, stored with the account and in the display cookie. */
	settings: (event) =>
		actAs(event, 'learner', async (actor) => {
			const parsed = await parseForm(SettingsForm, event.request);
			if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
			const saved = await saveSettings(db, actor.id, {
				textSize: Number(parsed.data.textSize) as TextSize,
				highContrast: parsed.data.highContrast,
				dailyGoal: Number(parsed.data.dailyGoal) as DailyGoal,
				vietnamese: parsed.data.vietnameseInput,
				laoKeyboard: parsed.data.laoKeyboard === 'on'
			});
			setDisplayCookie(event.cookies, saved, event.url.protocol === 'https:');
			return { saved: true };
		})
};
