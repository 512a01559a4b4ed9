import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { preparedQuery } from '$lib/server/db/prepared';
import { learnerSettings, user } from '$lib/server/db/schema';
import { currentCourseQuery } from './courses';
import { settingsFromRow, type StoredSettings } from './settings';
import { goalStateOf, studyDaysQuery, studyWindowStart, type DailyGoalState } from './study';

export type LearnerShell = {
	settings: StoredSettings;
	dailyGoal: DailyGoalState;
	/** Where the Course tab leads. */
	currentCourseId: string | null;
};

const shellQuery = preparedQuery((db) => {
	const userId = sql.placeholder('userId');
	const days = studyDaysQuery(db, userId, sql.placeholder('since')).as('days');
	return db
		.select({
			settings: getTableColumns(learnerSettings),
			currentCourseId: sql<string | null>`(${currentCourseQuery(db, userId)})`,
			// As text: both drivers then hand over the same string, parsed here.
			days: sql<string>`(select coalesce(json_agg(json_build_object('day', ${days.day}, 'minutes', ${days.minutes})), '[]')::text from ${days})`
		})
		.from(user)
		.leftJoin(learnerSettings, eq(learnerSettings.userId, user.id))
		.where(eq(user.id, userId))
		.prepare('learner_shell');
});

/**
 * What every learner page's layout needs, in one round trip: the learner's settings, today's goal
 * and streak (`dailyGoalState`), and the current course (`currentCourseId`) — the same three reads,
 * as subqueries of one statement, built once (db/prepared.ts).
 */
export async function learnerShell(
	db: DB,
	userId: string,
	now = new Date()
): Promise<LearnerShell> {
	const [row] = await shellQuery(db).execute({
		userId,
		since: studyWindowStart(now).toISOString()
	});
	const settings = settingsFromRow(row?.settings ?? undefined);
	const studyDays = row ? (JSON.parse(row.days) as { day: string; minutes: number }[]) : [];
	return {
		settings,
		dailyGoal: goalStateOf(studyDays, settings.dailyGoal, now),
		currentCourseId: row?.currentCourseId ?? null
	};
}
