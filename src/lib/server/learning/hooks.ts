import type { DB } from '$lib/server/db/client';

/**
 * Whose instructors rate a learner's speaking answer in a course: a domain above learning (classes:
 * the organization teaching the learner's class that follows the course) answers through this hook,
 * registered at start-up (`connectDomains`), so learning never imports it. Null: nobody in
 * particular, and learning falls back on the learner's first organization.
 */
export type LessonRatersHook = (db: DB, userId: string, courseId: string) => Promise<string | null>;

let lessonRaters: LessonRatersHook | undefined;

export function registerLessonRaters(hook: LessonRatersHook): void {
	lessonRaters = hook;
}

export function lessonRatersOf(db: DB, userId: string, courseId: string) {
	return lessonRaters?.(db, userId, courseId) ?? Promise.resolve(null);
}
