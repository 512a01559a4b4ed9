import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { minutesUntil } from '$lib/server/auth/throttle';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { learnerHome } from '$lib/server/learning/home';
import { candidaciesOfUser } from '$lib/server/screening/context';
import { speakingRatingsOf } from '$lib/server/learning/lesson-ratings';
import { exitTestsOfLearner, startExitTest } from '$lib/server/classes/exit-tests';
import { joinClassByCode } from '$lib/server/classes/join';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { oneOf, optionalText, parseForm, requiredText } from '$lib/validation';
import { saveSettings } from '$lib/server/learning/settings';
import { DAILY_GOALS, type DailyGoal } from '$lib/learning/streak';

export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor, user) => {
		// Independent reads, sent together (a pool's connections on PostgreSQL).
		const [candidacies, exitTests, home, ratings] = await Promise.all([
			candidaciesOfUser(db, actor.id),
			exitTestsOfLearner(db, actor.id),
			learnerHome(db, actor.id),
			speakingRatingsOf(db, actor.id)
		]);
		return {
			displayName: user.displayName,
			organizations: organizationsWithRole(event.locals, 'learner'),
			// The placement test is reached through an invitation: without one, no button leads to an empty page.
			invitedToTests: candidacies.length > 0,
			exitTests,
			...home,
			// Whether a goal was chosen, and today's progress, come with the learner layout's data.
			speakingRatings: ratings.map((r) => ({
				answerId: r.answerId,
				lessonTitle: r.lessonTitle,
				interfaceLanguage: r.interfaceLanguage,
				text: r.text,
				recordingId: r.recordingId,
				status: r.status,
				level: r.level,
				comment: r.comment,
				ratedAt: r.ratedAt
			}))
		};
	});

/** A class code as typed: `XXXX-XXXX`, with or without the dash (auth/codes.ts reads it). */
const JoinForm = v.object({ code: requiredText(32, m.join_error_code_required) });
const GoalForm = v.object({
	dailyGoal: oneOf(DAILY_GOALS.map((g) => String(g)) as ['5', '10', '20'], m.goal_error)
});
const StartExitForm = v.object({ classId: optionalText(64) });

export const actions: Actions = {
	/** The learner's daily goal: 5, 10 or 20 minutes. */
	setGoal: (event) =>
		actAs(event, 'learner', async (actor) => {
			const parsed = await parseForm(GoalForm, event.request);
			if (!parsed.ok)
				return fail(400, {
					action: 'setGoal' as const,
					values: parsed.values,
					errors: parsed.errors
				});
			await saveSettings(db, actor.id, { dailyGoal: Number(parsed.data.dailyGoal) as DailyGoal });
			return { action: 'setGoal' as const, saved: true };
		}),
	/** Joins a class by its code; a wrong code counts under the throttle of typed codes. */
	joinClass: (event) =>
		actAs(event, 'learner', async (actor) => {
			const parsed = await parseForm(JoinForm, event.request);
			if (!parsed.ok)
				return fail(400, {
					action: 'joinClass' as const,
					values: parsed.values,
					errors: parsed.errors
				});
			const values = { code: parsed.data.code };
			const joined = await joinClassByCode(
				db,
				{ userId: actor.id, clientAddress: event.getClientAddress() },
				parsed.data.code
			);
			if (joined.ok)
				return {
					action: 'joinClass' as const,
					className: joined.className,
					already: joined.already
				};
			const message =
				joined.reason === 'throttled'
					? m.join_error_throttled({ minutes: minutesUntil(joined.retryAt) })
					: m.join_error_code_invalid();
			return fail(joined.reason === 'throttled' ? 429 : 400, {
				action: 'joinClass' as const,
				values,
				errors: { code: message }
			});
		}),
	/** Starts (or returns to) the exit test of one of the learner's classes. */
	startExit: (event) =>
		actAs(event, 'learner', async (actor) => {
			const parsed = await parseForm(StartExitForm, event.request);
			const classId = parsed.ok ? parsed.data.classId : '';
			const candidateId = await startExitTest(db, actor.id, classId);
			redirect(303, routes.learn.screening.overview(candidateId));
		})
};
