import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { lesson, lessonAttempt, reviewCard, reviewLog } from '$lib/server/db/schema';
import { seedCourses } from '$lib/server/learning/seed';
import { enrol } from '$lib/server/learning/courses';
import { submitAttempt } from '$lib/server/learning/attempts';
import { recordReview } from '$lib/server/learning/review';
import { saveSettings, settingsOf } from '$lib/server/learning/settings';
import { dailyGoalState, learnerStats } from '$lib/server/learning/study';
import { learnerShell } from '$lib/server/learning/shell';
import { currentCourseId } from '$lib/server/learning/courses';
import type { Exercise } from '$lib/course/types';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const FIXTURES = 'tests/fixtures/courses';
const VI_LESSON = 'vi-for-lo.vfx-u1-l1';

/** A right answer for the kinds the fixture's first lesson uses; anything else is answered blank. */
function response(e: Exercise): unknown {
	if (e.kind === 'choice' || e.kind === 'listen_choose') return { choice: e.answer };
	if (e.kind === 'speak') return { selfCheck: 'well', recorded: false };
	return null;
}

withTestDatabase('learner today', (database) => {
	let db: DB;
	let learner: { id: string };
	let exercises: Exercise[];

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, FIXTURES);
		const org = await makeOrganization(db);
		learner = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		await enrol(db, learner.id, 'vi-for-lo');
		[{ exercises }] = await db
			.select({ exercises: lesson.exercises })
			.from(lesson)
			.where(eq(lesson.id, VI_LESSON));
	});

	it('keeps the defaults until the learner chooses, then the choice', async () => {
		expect(await settingsOf(db, learner.id)).toEqual({
			chosen: false,
			dailyGoal: 10,
			textSize: 0,
			highContrast: false,
			vietnamese: 'telex',
			laoKeyboard: true
		});
		await saveSettings(db, learner.id, { dailyGoal: 5 });
		await saveSettings(db, learner.id, { textSize: 2, highContrast: true });
		expect(await settingsOf(db, learner.id)).toEqual({
			chosen: true,
			dailyGoal: 5,
			textSize: 2,
			highContrast: true,
			vietnamese: 'telex',
			laoKeyboard: true
		});
		// The typing methods are saved with the account too, leaving the rest as it was.
		await saveSettings(db, learner.id, { vietnamese: 'vni', laoKeyboard: false });
		expect(await settingsOf(db, learner.id)).toMatchObject({
			dailyGoal: 5,
			textSize: 2,
			vietnamese: 'vni',
			laoKeyboard: false
		});
	});

	it("counts a lesson's active time and reviews toward today's goal and the streak", async () => {
		const now = new Date();
		const before = await dailyGoalState(db, learner.id, 5, now);
		expect(before).toMatchObject({ todayMinutes: 0, days: 0, todayMet: false });

		await submitAttempt(
			db,
			learner.id,
			{
				id: 'today-attempt-0001',
				lessonId: VI_LESSON,
				finishedAt: new Date(now.getTime() - 60_000),
				activeSeconds: 290,
				answers: exercises.map((e, i) => ({
					id: `today-answer-${i}-0001`,
					exerciseId: e.id,
					response: response(e)
				}))
			},
			now
		);
		const [card] = await db
			.select()
			.from(reviewCard)
			.where(eq(reviewCard.userId, learner.id))
			.limit(1);
		expect(card).toBeTruthy();
		// Two reviews 30 s apart: 15 s for the first of the sitting, 30 s for the second.
		for (const [i, offset] of [0, 30_000].entries())
			await recordReview(
				db,
				learner.id,
				{
					reviewId: `today-review-000${i}`,
					courseId: card.courseId,
					vocabularyId: card.vocabularyId,
					grade: 3,
					mode: 'recall',
					reviewedAt: new Date(now.getTime() - 40_000 + offset)
				},
				now
			);

		const after = await dailyGoalState(db, learner.id, 5, new Date(now.getTime() + 1000));
		// 290 + 15 + 30 seconds = 5 minutes and 35 seconds.
		expect(after).toMatchObject({ todayMinutes: 5, todayMet: true, days: 1, goal: 5 });

		const stats = await learnerStats(db, learner.id, new Date(now.getTime() + 1000));
		expect(stats.minutesStudied).toBe(5);
		expect(stats.reviewAccuracy).toBe(100);
		const total = stats.series.reduce((s, x) => s + x.points[x.points.length - 1].value, 0);
		expect(total).toBeGreaterThan(0);
		expect(stats.series.every((s) => s.points.length === 8)).toBe(true);
	});

	it('adds up each Indochina day on its own: lessons, review gaps, rounding down', async () => {
		const other = await makeUser(db);
		// Midnight in Indochina (UTC+7) between 9 and 10 March 2026 is 17:00 UTC on the 9th.
		const at = (time: string) => new Date(`2026-03-09T${time}Z`);
		await db.insert(lessonAttempt).values(
			[
				{ time: '16:59:59.999', seconds: 100 },
				{ time: '17:00:00.000', seconds: 50 },
				{ time: '17:30:00.000', seconds: null }
			].map((l, i) => ({
				id: `days-attempt-${i}`,
				userId: other.id,
				courseId: 'vi-for-lo',
				lessonId: VI_LESSON,
				correctFirstTry: 1,
				total: 1,
				skills: {},
				activeSeconds: l.seconds,
				finishedAt: at(l.time)
			}))
		);
		// Gaps: first 15 s, 20 s, 50 s (across midnight), 60 s, 61 s (a new sitting: 15 s), 4.75 s.
		const reviews = ['16:59:30', '16:59:50', '17:00:40', '17:01:40', '17:02:41', '17:02:45.750'];
		await db.insert(reviewLog).values(
			reviews.map((time, i) => ({
				id: `days-review-${i}`,
				userId: other.id,
				courseId: 'vi-for-lo',
				vocabularyId: 'v',
				rating: 3,
				mode: 'recall' as const,
				state: 0,
				due: at(time),
				stability: 1,
				difficulty: 5,
				scheduledDays: 0,
				reviewedAt: at(time)
			}))
		);
		// 9 March: 100 + 15 + 20 s = 2 min 15 s. 10 March: 50 + 50 + 60 + 15 + 4.75 s = 2 min 59.75 s.
		const ninth = await dailyGoalState(db, other.id, 2, at('12:00:00'));
		expect(ninth).toMatchObject({ todayMinutes: 2, todayMet: true, days: 1 });
		const tenth = await dailyGoalState(db, other.id, 2, at('23:00:00'));
		expect(tenth).toMatchObject({ todayMinutes: 2, todayMet: true, days: 2 });
		expect(await dailyGoalState(db, other.id, 3, at('23:00:00'))).toMatchObject({
			todayMinutes: 2,
			todayMet: false,
			days: 0
		});
		// The Me page's total adds up the same seconds before rounding: 135 + 179.75 s = 5 min 14.75 s.
		expect((await learnerStats(db, other.id, at('23:00:00'))).minutesStudied).toBe(5);
	});

	it("reads the layout's settings, goal and current course in one go, as each read alone gives them", async () => {
		const now = new Date();
		const newcomer = await makeUser(db);
		for (const { id } of [learner, newcomer]) {
			const settings = await settingsOf(db, id);
			expect(await learnerShell(db, id, now)).toEqual({
				settings,
				dailyGoal: await dailyGoalState(db, id, settings.dailyGoal, now),
				currentCourseId: await currentCourseId(db, id)
			});
		}
		expect(await learnerShell(db, learner.id, now)).toMatchObject({
			settings: { chosen: true, dailyGoal: 5 },
			dailyGoal: { todayMinutes: 5, todayMet: true },
			currentCourseId: 'vi-for-lo'
		});
		expect(await learnerShell(db, newcomer.id, now)).toMatchObject({
			settings: { chosen: false, dailyGoal: 10 },
			dailyGoal: { todayMinutes: 0, days: 0 },
			currentCourseId: null
		});
	});
});
