import { and, gt, inArray } from 'drizzle-orm';
import { addTallies, skillProgress, type SkillTally } from '$lib/course/progress';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { enrollment, lesson, lessonAttempt, reviewLog } from '$lib/server/db/schema';
import { reviewStreak } from '$lib/classes/progress';

/**
 * What learning tells a class (cohort): enrolment of its learners in the courses it follows, and each
 * learner's progress in those courses. Learning owns the tables; classes ask through here.
 */

/** Enrols every learner in every course (already enrolled is harmless), in the caller's transaction. */
export async function enrolLearners(
	db: DbOrTx,
	userIds: string[],
	courseIds: string[]
): Promise<void> {
	const rows = userIds.flatMap((userId) => courseIds.map((courseId) => ({ userId, courseId })));
	if (rows.length === 0) return;
	await db.insert(enrollment).values(rows).onConflictDoNothing();
}

/** A streak counts the days up to today: a year of reviews is more than any streak needs. */
const STREAK_WINDOW_MS = 366 * 86_400_000;

/**
 * Each learner's progress in `courseIds`: lessons done of all, per-skill progress and accuracy
 * (`skillProgress`, the learner home's rule), review streak, and last activity (a lesson finished or
 * a word reviewed in those courses).
 */
export async function progressOfLearners(
	db: DB,
	userIds: string[],
	courseIds: string[],
	now = new Date()
) {
	const lessons =
		courseIds.length === 0
			? []
			: await db
					.select({ id: lesson.id, skillCounts: lesson.skillCounts })
					.from(lesson)
					.where(inArray(lesson.courseId, courseIds));
	const attempts =
		userIds.length === 0 || courseIds.length === 0
			? []
			: await db
					.select({
						userId: lessonAttempt.userId,
						lessonId: lessonAttempt.lessonId,
						skills: lessonAttempt.skills,
						finishedAt: lessonAttempt.finishedAt
					})
					.from(lessonAttempt)
					.where(
						and(inArray(lessonAttempt.userId, userIds), inArray(lessonAttempt.courseId, courseIds))
					);
	const reviews =
		userIds.length === 0 || courseIds.length === 0
			? []
			: await db
					.select({ userId: reviewLog.userId, reviewedAt: reviewLog.reviewedAt })
					.from(reviewLog)
					.where(
						and(
							inArray(reviewLog.userId, userIds),
							inArray(reviewLog.courseId, courseIds),
							gt(reviewLog.reviewedAt, new Date(now.getTime() - STREAK_WINDOW_MS))
						)
					);
	const lessonIds = new Set(lessons.map((l) => l.id));
	return userIds.map((userId) => {
		const own = attempts.filter((a) => a.userId === userId);
		const reviewed = reviews.filter((r) => r.userId === userId).map((r) => r.reviewedAt);
		const finished = new Set(own.map((a) => a.lessonId).filter((id) => lessonIds.has(id)));
		const times = [...own.map((a) => a.finishedAt.getTime()), ...reviewed.map((d) => d.getTime())];
		return {
			userId,
			lessonsDone: finished.size,
			lessonsTotal: lessons.length,
			skills: skillProgress(lessons, finished, addTallies(own.map((a) => a.skills as SkillTally))),
			reviewStreak: reviewStreak(reviewed, now),
			lastActivity: times.length === 0 ? null : new Date(Math.max(...times))
		};
	});
}
