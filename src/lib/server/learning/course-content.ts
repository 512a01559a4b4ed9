import { asc, eq, inArray } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { course, courseUnit, lesson } from '$lib/server/db/schema';

/**
 * Courses as their staff read them (the recording queue, audio coverage): who owns a course and its
 * lessons' content in teaching order. Authorization is the caller's (it knows whose staff may see).
 */

/** A course's head with its owning organization, or null when there is no such course. */
export async function courseWithOwner(db: DbOrTx, courseId: string) {
	const [row] = await db
		.select({
			id: course.id,
			title: course.title,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage,
			organizationId: course.organizationId
		})
		.from(course)
		.where(eq(course.id, courseId));
	return row ?? null;
}

/** The courses these organizations own, by id. */
export async function coursesOwnedBy(db: DB, organizationIds: string[]) {
	if (organizationIds.length === 0) return [];
	return db
		.select({
			id: course.id,
			title: course.title,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage,
			organizationId: course.organizationId
		})
		.from(course)
		.where(inArray(course.organizationId, organizationIds))
		.orderBy(asc(course.id));
}

/** Every lesson of the course with its vocabulary and exercises, in teaching order. */
export async function lessonsInOrder(db: DbOrTx, courseId: string) {
	return db
		.select({
			id: lesson.id,
			title: lesson.title,
			vocabulary: lesson.vocabulary,
			exercises: lesson.exercises
		})
		.from(lesson)
		.innerJoin(courseUnit, eq(lesson.unitId, courseUnit.id))
		.where(eq(lesson.courseId, courseId))
		.orderBy(asc(courseUnit.position), asc(lesson.position));
}
