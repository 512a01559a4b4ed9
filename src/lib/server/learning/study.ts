import { and, asc, desc, eq, gt, inArray, isNotNull, sql, type Placeholder } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import {
	attempt,
	candidate,
	itemBank,
	lessonAttempt,
	program,
	reviewCard,
	reviewLog
} from '$lib/server/db/schema';
import { ICT_OFFSET_MS, ictDay } from '$lib/i18n/dates';
import { streakOf, type StreakState } from '$lib/learning/streak';
import { FIRST_REVIEW_SECONDS, MAX_REVIEW_SECONDS } from '$lib/learning/study-time';
import type { SkillTally } from '$lib/course/progress';

/** A streak is shown up to a year back; older study does not change it. */
const WINDOW_MS = 370 * 86_400_000;

export type DailyGoalState = StreakState & { goal: number; todayMinutes: number };

/**
 * Every timed piece of study since `since`, as a subquery of (at, seconds): a finished lesson's active
 * seconds (the phone adds up the time between answers, at most `MAX_GAP_SECONDS` each); a review's gap
 * to the review before in the window (times to the millisecond, as the app reads them),
 * `FIRST_REVIEW_SECONDS` for the first and after a gap over `MAX_REVIEW_SECONDS`. The database adds
 * them up: every learner page's layout reads the days, and a learner's history grows for months.
 */
function studyEventsQuery(db: DbOrTx, userId: string | Placeholder, since: Date | Placeholder) {
	const reviewedAt = sql`date_trunc('milliseconds', ${reviewLog.reviewedAt})`;
	const gap = sql`extract(epoch from ${reviewedAt} - lag(${reviewedAt}) over (order by ${reviewedAt}))`;
	return db
		.select({
			at: lessonAttempt.finishedAt,
			seconds: sql<string>`${lessonAttempt.activeSeconds}::numeric`.as('seconds')
		})
		.from(lessonAttempt)
		.where(
			and(
				eq(lessonAttempt.userId, userId),
				gt(lessonAttempt.finishedAt, since),
				isNotNull(lessonAttempt.activeSeconds)
			)
		)
		.unionAll(
			db
				.select({
					at: reviewLog.reviewedAt,
					seconds:
						sql<string>`case when coalesce(${gap}, ${MAX_REVIEW_SECONDS + 1}::int) > ${MAX_REVIEW_SECONDS}::int
						then ${FIRST_REVIEW_SECONDS}::numeric else ${gap}::numeric end`.as('seconds')
				})
				.from(reviewLog)
				.where(and(eq(reviewLog.userId, userId), gt(reviewLog.reviewedAt, since)))
		)
		.as('events');
}

/**
 * Study minutes per Indochina day since `since` (`studyEventsQuery`), one row a day studied, each
 * day's seconds rounded down to minutes.
 */
export function studyDaysQuery(
	db: DbOrTx,
	userId: string | Placeholder,
	since: Date | Placeholder
) {
	const events = studyEventsQuery(db, userId, since);
	return db
		.select({
			day: sql<string>`to_char((${events.at} + ${ICT_OFFSET_MS}::int * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD')`.as(
				'day'
			),
			minutes: sql<number>`floor(sum(${events.seconds}) / 60)::int`.as('minutes')
		})
		.from(events)
		.groupBy(sql`1`);
}

/** Where the streak's window begins (`studyDaysQuery`'s `since`). */
export function studyWindowStart(now: Date): Date {
	return new Date(now.getTime() - WINDOW_MS);
}

/** Today's minutes against the goal and the streak, from the minutes of each day (`studyDaysQuery`). */
export function goalStateOf(
	days: readonly { day: string; minutes: number }[],
	goal: number,
	now: Date
): DailyGoalState {
	const byDay = new Map(days.map((d) => [d.day, d.minutes]));
	const today = ictDay(now);
	return { ...streakOf(byDay, goal, today), goal, todayMinutes: byDay.get(today) ?? 0 };
}

/** Today's study minutes against the goal, and the streak (days in Indochina Time). */
export async function dailyGoalState(
	db: DB,
	userId: string,
	goal: number,
	now = new Date()
): Promise<DailyGoalState> {
	return goalStateOf(await studyDaysQuery(db, userId, studyWindowStart(now)), goal, now);
}

const SKILLS = ['listening', 'speaking', 'reading', 'writing'] as const;
export type Skill = (typeof SKILLS)[number];
/** The Me page's chart: the last `WEEKS` weeks. */
const WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

/**
 * The Me page's figures: per skill, exercises right at the first try added up week by week (the last
 * eight weeks, each point the total at the week's end); words known (cards out of the learning steps);
 * the share of reviews remembered (rated Hard, Good or Easy); and the total time studied.
 */
export async function learnerStats(db: DB, userId: string, now = new Date()) {
	const attempts = await db
		.select({ skills: lessonAttempt.skills, at: lessonAttempt.finishedAt })
		.from(lessonAttempt)
		.where(eq(lessonAttempt.userId, userId))
		.orderBy(asc(lessonAttempt.finishedAt));
	const weekEnds = Array.from(
		{ length: WEEKS },
		(_, i) => new Date(now.getTime() - (WEEKS - 1 - i) * WEEK_MS)
	);
	const series = SKILLS.map((skill) => ({
		skill,
		points: weekEnds.map((end) => ({
			at: end,
			value: attempts
				.filter((a) => a.at <= end)
				.reduce((sum, a) => sum + ((a.skills as SkillTally)[skill]?.correct ?? 0), 0)
		}))
	}));
	const [known] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(reviewCard)
		.where(and(eq(reviewCard.userId, userId), eq(reviewCard.state, 2)));
	const [reviews] = await db
		.select({
			total: sql<number>`count(*)::int`,
			remembered: sql<number>`count(*) filter (where ${reviewLog.rating} > 1)::int`
		})
		.from(reviewLog)
		.where(eq(reviewLog.userId, userId));
	const events = studyEventsQuery(db, userId, new Date(0));
	const [studied] = await db
		.select({ minutes: sql<number>`coalesce(floor(sum(${events.seconds}) / 60), 0)::int` })
		.from(events);
	return {
		series,
		wordsKnown: known?.count ?? 0,
		reviewAccuracy:
			reviews && reviews.total > 0 ? Math.round((reviews.remembered / reviews.total) * 100) : null,
		minutesStudied: studied?.minutes ?? 0
	};
}

/** The learner's placement and screening results (overall and per skill), newest first, with the language. */
export async function placementResults(db: DB, userId: string) {
	return db
		.select({
			level: attempt.overallLevel,
			/** Per skill; writing and speaking come once rated (status `awaiting_rating` until then). */
			skillLevels: attempt.skillLevels,
			status: attempt.status,
			language: itemBank.language,
			finishedAt: attempt.finishedAt
		})
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.innerJoin(itemBank, eq(program.bankId, itemBank.id))
		.where(
			and(
				eq(candidate.userId, userId),
				inArray(attempt.status, ['completed', 'awaiting_rating']),
				isNotNull(attempt.overallLevel)
			)
		)
		.orderBy(desc(attempt.finishedAt))
		.limit(10);
}
