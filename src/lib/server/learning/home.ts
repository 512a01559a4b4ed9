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
	const courseIds = await enrolledCourseIds(db, userId);
	const finished = await finishedLessonIds(db, userId);
	const courses = [];
	for (const id of courseIds) {
		const head = await courseHead(db, id);
		if (!head) continue;
		const units = await courseOutline(db, id);
		const level = await placementLevel(db, userId, head.targetLanguage);
		const start = level === null ? 0 : startUnitIndex(units, level);
		const lessons = units.flatMap((u) => u.lessons);
		courses.push({
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
		});
	}
	const lessons =
		courseIds.length === 0
			? []
			: await db
					.select({ id: lesson.id, skillCounts: lesson.skillCounts })
					.from(lesson)
					.where(and(inArray(lesson.courseId, courseIds), isNull(lesson.retiredAt)));
	const attempts =
		courseIds.length === 0
			? []
			: await db
					.select({ skills: lessonAttempt.skills })
					.from(lessonAttempt)
					.where(and(eq(lessonAttempt.userId, userId), inArray(lessonAttempt.courseId, courseIds)));
	return {
		courses,
		due: await dueCount(db, userId, now),
		skills: skillProgress(lessons, finished, addTallies(attempts.map((a) => a.skills)))
	};
}
