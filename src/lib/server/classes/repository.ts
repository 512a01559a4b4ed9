import { and, asc, count, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { cohort, cohortCourse, cohortMember, COHORT_ENROLMENT_WAYS } from '$lib/server/db/schema';

/** Classes own `cohort`, `cohort_member` and `cohort_course`: their only writer is this module. */

export type ClassRow = typeof cohort.$inferSelect;
export type EnrolmentWay = (typeof COHORT_ENROLMENT_WAYS)[number];

export async function insertClass(db: DbOrTx, row: typeof cohort.$inferInsert): Promise<void> {
	await db.insert(cohort).values(row);
}

export async function classByJoinCode(db: DbOrTx, code: string) {
	const [row] = await db
		.select({ id: cohort.id, organizationId: cohort.organizationId, name: cohort.name })
		.from(cohort)
		.where(eq(cohort.joinCode, code));
	return row;
}

export async function classById(db: DB, id: string): Promise<ClassRow | undefined> {
	const [row] = await db.select().from(cohort).where(eq(cohort.id, id));
	return row;
}

export async function classesWhere(db: DB, filter: SQL) {
	const rows = await db
		.select({
			id: cohort.id,
			name: cohort.name,
			organizationId: cohort.organizationId,
			createdAt: cohort.createdAt
		})
		.from(cohort)
		.where(filter)
		.orderBy(desc(cohort.createdAt));
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const members = await db
		.select({ cohortId: cohortMember.cohortId, n: count() })
		.from(cohortMember)
		.where(inArray(cohortMember.cohortId, ids))
		.groupBy(cohortMember.cohortId);
	const courses = await db
		.select({ cohortId: cohortCourse.cohortId, n: count() })
		.from(cohortCourse)
		.where(inArray(cohortCourse.cohortId, ids))
		.groupBy(cohortCourse.cohortId);
	const countOf = (list: { cohortId: string; n: number }[], id: string) =>
		Number(list.find((x) => x.cohortId === id)?.n ?? 0);
	return rows.map((r) => ({
		...r,
		learners: countOf(members, r.id),
		courses: countOf(courses, r.id)
	}));
}

export async function membersOf(db: DbOrTx, classId: string) {
	return db
		.select({ userId: cohortMember.userId, via: cohortMember.via, addedAt: cohortMember.addedAt })
		.from(cohortMember)
		.where(eq(cohortMember.cohortId, classId))
		.orderBy(asc(cohortMember.addedAt));
}

/** Adds the learners not in the class yet; returns the ids actually added. */
export async function insertMembers(
	db: DbOrTx,
	classId: string,
	userIds: string[],
	via: EnrolmentWay,
	addedBy: string | null,
	addedAt: Date
): Promise<string[]> {
	if (userIds.length === 0) return [];
	const rows = await db
		.insert(cohortMember)
		.values(userIds.map((userId) => ({ cohortId: classId, userId, via, addedBy, addedAt })))
		.onConflictDoNothing()
		.returning({ userId: cohortMember.userId });
	return rows.map((r) => r.userId);
}

export async function deleteMember(db: DbOrTx, classId: string, userId: string) {
	const rows = await db
		.delete(cohortMember)
		.where(and(eq(cohortMember.cohortId, classId), eq(cohortMember.userId, userId)))
		.returning({ userId: cohortMember.userId });
	return rows.length > 0;
}

export async function courseIdsOf(db: DbOrTx, classId: string): Promise<string[]> {
	const rows = await db
		.select({ courseId: cohortCourse.courseId })
		.from(cohortCourse)
		.where(eq(cohortCourse.cohortId, classId))
		.orderBy(asc(cohortCourse.assignedAt));
	return rows.map((r) => r.courseId);
}

export async function insertCourse(db: DbOrTx, classId: string, courseId: string, at: Date) {
	const rows = await db
		.insert(cohortCourse)
		.values({ cohortId: classId, courseId, assignedAt: at })
		.onConflictDoNothing()
		.returning({ courseId: cohortCourse.courseId });
	return rows.length > 0;
}

export async function deleteCourse(db: DbOrTx, classId: string, courseId: string) {
	await db
		.delete(cohortCourse)
		.where(and(eq(cohortCourse.cohortId, classId), eq(cohortCourse.courseId, courseId)));
}

/**
 * The organization of the learner's most recently joined class that follows the course: whose
 * instructors rate the learner's answers in it.
 */
export async function teachingOrganizationOf(db: DB, userId: string, courseId: string) {
	const [row] = await db
		.select({ organizationId: cohort.organizationId })
		.from(cohortMember)
		.innerJoin(cohort, eq(cohortMember.cohortId, cohort.id))
		.innerJoin(
			cohortCourse,
			and(eq(cohortCourse.cohortId, cohort.id), eq(cohortCourse.courseId, courseId))
		)
		.where(eq(cohortMember.userId, userId))
		.orderBy(desc(cohortMember.addedAt))
		.limit(1);
	return row?.organizationId ?? null;
}

/** Links the class to its exit test's program (admissions made it in the same transaction). */
export async function setExitProgram(db: DbOrTx, classId: string, programId: string) {
	await db.update(cohort).set({ exitProgramId: programId }).where(eq(cohort.id, classId));
}

export async function isMember(db: DbOrTx, classId: string, userId: string): Promise<boolean> {
	const [row] = await db
		.select({ userId: cohortMember.userId })
		.from(cohortMember)
		.where(and(eq(cohortMember.cohortId, classId), eq(cohortMember.userId, userId)));
	return Boolean(row);
}

/** The classes this learner is in that have an exit test, most recently joined first. */
export async function classesWithExitTestOf(db: DB, userId: string) {
	return db
		.select({ id: cohort.id, name: cohort.name, exitProgramId: cohort.exitProgramId })
		.from(cohortMember)
		.innerJoin(cohort, eq(cohortMember.cohortId, cohort.id))
		.where(and(eq(cohortMember.userId, userId), isNotNull(cohort.exitProgramId)))
		.orderBy(desc(cohortMember.addedAt));
}
