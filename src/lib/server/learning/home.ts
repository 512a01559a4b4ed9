import { and, eq, inArray, isNull } from 'drizzle-orm';
import { addTallies, nextLessonId, skillProgress, startUnitIndex } from '$lib/course/progress';
import type { DB } from '$lib/server/db/client';
import { lesson, lessonAttempt } from '$lib/server/db/schema';
import {
	courseHead,
	courseOutline,
	enrolledCourseIds,
	finishedLessonIds,
	placementLevel
} from './courses';
import { dueCount } from './review';

/**
 * The learner home: each enrolled course with lessons done and the lesson to continue with, the
 * due review count, and per-skill progress over the enrolled courses.
 */
export async function learnerHome(db: DB, userId: string, now = new Date()) {
	// Independent reads go out together: on PostgreSQL each takes a connection of the pool, so the page
	// waits for the slowest instead of the sum (PGlite runs them one after the other, as before).
	const [courseIds, finished, due] = await Promise.all([
		enrolledCourseIds(db, userId),
		finishedLessonIds(db, userId),
		dueCount(db, userId, now)
	]);
	const enrolled = await Promise.all(
		courseIds.map(async (id) => {
			const head = await courseHead(db, id);
			if (!head) return null;
			const [units, level] = await Promise.all([
				courseOutline(db, id),
				placementLevel(db, userId, head.targetLanguage)
			]);
			const start = level === null ? 0 : startUnitIndex(units, level);
			const lessons = units.flatMap((u) => u.lessons);
			return {
				id,
				title: head.title,
				interfaceLanguage: head.interfaceLanguage,
				targetLanguage: head.targetLanguage,
				/** A play-through kept on the phone belongs to one published version. */
				version: head.version,
				/** Titles, so Today can name a lesson in progress on the phone (offline too). */
				lessons: lessons.map((l) => ({ id: l.id, title: l.title })),
				lessonsTotal: lessons.length,
				lessonsDone: lessons.filter((l) => finished.has(l.id)).length,
				continueLessonId: nextLessonId(units, finished, start)
			};
		})
	);
	const [lessons, attempts] =
		courseIds.length === 0
			? [[], []]
			: await Promise.all([
					db
						.select({ id: lesson.id, skillCounts: lesson.skillCounts })
						.from(lesson)
						.where(and(inArray(lesson.courseId, courseIds), isNull(lesson.retiredAt))),
					db
						.select({ skills: lessonAttempt.skills })
						.from(lessonAttempt)
						.where(
							and(eq(lessonAttempt.userId, userId), inArray(lessonAttempt.courseId, courseIds))
						)
				]);
	return {
		courses: enrolled.filter((course) => course !== null),
		due,
		skills: skillProgress(lessons, finished, addTallies(attempts.map((a) => a.skills)))
	};
}
