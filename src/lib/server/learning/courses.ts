import {
	and,
	asc,
	count,
	desc,
	eq,
	inArray,
	isNotNull,
	isNull,
	sql,
	type Placeholder
} from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import {
	attempt,
	candidate,
	course,
	courseUnit,
	enrollment,
	itemBank,
	lesson,
	lessonAttempt,
	program
} from '$lib/server/db/schema';
import { NotAllowed } from './errors';
import { canReadLessons, enrolledIn } from './policy';

export async function listCourses(db: DB) {
	const rows = await db
		.select({
			id: course.id,
			title: course.title,
			description: course.description,
			levels: course.levels,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage
		})
		.from(course)
		.orderBy(asc(course.id));
	const lessons = await db
		.select({ courseId: lesson.courseId, n: count() })
		.from(lesson)
		.where(isNull(lesson.retiredAt))
		.groupBy(lesson.courseId);
	const byCourse = new Map(lessons.map((l) => [l.courseId, Number(l.n)]));
	return rows.map((r) => ({ ...r, lessons: byCourse.get(r.id) ?? 0 }));
}

export async function enrolledCourseIds(db: DB, userId: string): Promise<string[]> {
	const rows = await db
		.select({ courseId: enrollment.courseId })
		.from(enrollment)
		.where(eq(enrollment.userId, userId))
		.orderBy(asc(enrollment.createdAt));
	return rows.map((r) => r.courseId);
}

/**
 * The learner's current course, where the Course tab opens: the enrolled course of the lesson they
 * finished last; before any lesson, the course they enrolled in last (the only one, most often).
 * Null without an enrolment (the tab opens the course list).
 */
/**
 * The course the Course tab leads to, as a query (the learner shell reads it inside its own): the
 * enrolled courses ordered by the learner's latest finished lesson in each (courses never studied
 * last), then by enrolment, newest first.
 */
export function currentCourseQuery(db: DbOrTx, userId: string | Placeholder) {
	return db
		.select({ courseId: enrollment.courseId })
		.from(enrollment)
		.where(eq(enrollment.userId, userId))
		.orderBy(
			sql`(select max(${lessonAttempt.finishedAt}) from ${lessonAttempt} where ${lessonAttempt.userId} = ${enrollment.userId} and ${lessonAttempt.courseId} = ${enrollment.courseId}) desc nulls last`,
			desc(enrollment.createdAt)
		)
		.limit(1);
}

export async function currentCourseId(db: DB, userId: string): Promise<string | null> {
	const [row] = await currentCourseQuery(db, userId);
	return row?.courseId ?? null;
}

export async function isEnrolled(db: DB, userId: string, courseId: string): Promise<boolean> {
	const [row] = await db
		.select({ courseId: enrollment.courseId })
		.from(enrollment)
		.where(enrolledIn(userId, courseId));
	return Boolean(row);
}

/** Enrols the learner (again is harmless). False when there is no such course. */
export async function enrol(db: DB, userId: string, courseId: string): Promise<boolean> {
	const [row] = await db.select({ id: course.id }).from(course).where(eq(course.id, courseId));
	if (!row) return false;
	await db.insert(enrollment).values({ userId, courseId }).onConflictDoNothing();
	return true;
}

/**
 * Enrols the person in every course that teaches `language` (an admitted candidate, to keep improving
 * before the intake); already enrolled is harmless.
 */
export async function enrolInCoursesTeaching(
	db: DbOrTx,
	userId: string,
	language: 'vi' | 'lo'
): Promise<void> {
	const courses = await db
		.select({ id: course.id })
		.from(course)
		.where(eq(course.targetLanguage, language));
	if (courses.length === 0) return;
	await db
		.insert(enrollment)
		.values(courses.map((c) => ({ userId, courseId: c.id })))
		.onConflictDoNothing();
}

/** The lessons the learner has finished at least once, in the given course (or all). */
export async function finishedLessonIds(
	db: DB,
	userId: string,
	courseId?: string
): Promise<Set<string>> {
	const rows = await db
		.selectDistinct({ lessonId: lessonAttempt.lessonId })
		.from(lessonAttempt)
		.where(
			and(
				eq(lessonAttempt.userId, userId),
				courseId ? eq(lessonAttempt.courseId, courseId) : undefined
			)
		);
	return new Set(rows.map((r) => r.lessonId));
}

/** Units → lessons (titles only, no exercises) of a course, in order. */
export async function courseOutline(db: DB, courseId: string) {
	const units = await db
		.select({
			id: courseUnit.id,
			title: courseUnit.title,
			level: courseUnit.level,
			canDo: courseUnit.canDo
		})
		.from(courseUnit)
		.where(and(eq(courseUnit.courseId, courseId), isNull(courseUnit.retiredAt)))
		.orderBy(asc(courseUnit.position));
	const lessons = await db
		.select({ id: lesson.id, unitId: lesson.unitId, title: lesson.title })
		.from(lesson)
		.where(and(eq(lesson.courseId, courseId), isNull(lesson.retiredAt)))
		.orderBy(asc(lesson.position));
	return units.map((u) => ({
		...u,
		lessons: lessons.filter((l) => l.unitId === u.id).map(({ id, title }) => ({ id, title }))
	}));
}

/** What a learner's page shows of a course (no units). */
const courseHeadColumns = {
	id: course.id,
	title: course.title,
	description: course.description,
	levels: course.levels,
	targetLanguage: course.targetLanguage,
	interfaceLanguage: course.interfaceLanguage,
	version: course.version
};

export async function courseHead(db: DB, courseId: string) {
	const [row] = await db.select(courseHeadColumns).from(course).where(eq(course.id, courseId));
	return row ?? null;
}

/**
 * What changes with each publication of a course: `publishCourseContent`, the only writer of its head,
 * units and lessons, sets its content hash, version and time in the same transaction. A stamp instead
 * of the content itself: a cache of what is computed from the content (the offline manifest) checks it
 * on every request.
 */
const publicationStamp = sql<string>`concat_ws(':', ${course.contentHash}, ${course.version}, ${course.updatedAt}::text)`;

/**
 * The course map of an enrolled learner: units → lessons with done / not done, and the course's
 * `publication` stamp (for the download sizes the map shows).
 */
export async function courseMap(db: DB, userId: string, courseId: string) {
	// The course's head, the learner's enrolment and the lessons they finished in one round trip.
	const [row] = await db
		.select({
			head: courseHeadColumns,
			publication: publicationStamp,
			enrolled: sql<boolean>`${enrollment.userId} is not null`,
			// As text: both drivers then hand over the same string, parsed here.
			done: sql<string>`(select coalesce(json_agg(distinct ${lessonAttempt.lessonId}), '[]')::text from ${lessonAttempt} where ${lessonAttempt.userId} = ${userId} and ${lessonAttempt.courseId} = ${course.id})`
		})
		.from(course)
		.leftJoin(enrollment, enrolledIn(userId, course.id))
		.where(eq(course.id, courseId));
	if (!row) return null;
	const head = row.head;
	if (!canReadLessons(row.enrolled)) throw new NotAllowed();
	const done = new Set(JSON.parse(row.done) as string[]);
	const units = (await courseOutline(db, courseId)).map((u) => ({
		...u,
		lessons: u.lessons.map((l) => ({ ...l, done: done.has(l.id) }))
	}));
	return { course: head, publication: row.publication, units };
}

/** A lesson with its exercises and vocabulary, for a learner enrolled in its course. */
export async function lessonForLearner(db: DB, userId: string, lessonId: string) {
	// The lesson, its course's head and the learner's enrollment in one query: the lesson page and
	// every synced attempt ask for it.
	const [row] = await db
		.select({
			lesson,
			course: courseHeadColumns,
			enrolled: sql<boolean>`${enrollment.userId} is not null`
		})
		.from(lesson)
		.innerJoin(course, eq(course.id, lesson.courseId))
		.leftJoin(enrollment, enrolledIn(userId, lesson.courseId))
		.where(and(eq(lesson.id, lessonId), isNull(lesson.retiredAt)));
	if (!row) return null;
	if (!canReadLessons(row.enrolled)) throw new NotAllowed();
	return { lesson: row.lesson, course: row.course };
}

/** The lesson after this one in the course's teaching order (the course map's), or null. */
export async function nextLessonId(
	db: DB,
	courseId: string,
	lessonId: string
): Promise<string | null> {
	const order = await db
		.select({ id: lesson.id })
		.from(lesson)
		.innerJoin(courseUnit, eq(courseUnit.id, lesson.unitId))
		.where(
			and(eq(lesson.courseId, courseId), isNull(lesson.retiredAt), isNull(courseUnit.retiredAt))
		)
		.orderBy(asc(courseUnit.position), asc(lesson.position));
	const at = order.findIndex((l) => l.id === lessonId);
	return at < 0 ? null : (order[at + 1]?.id ?? null);
}

/**
 * The learner's latest placement level (1–6) in the course's language, from a finished screening
 * attempt, or null.
 */
export async function placementLevel(
	db: DB,
	userId: string,
	language: 'vi' | 'lo'
): Promise<number | null> {
	const [row] = await db
		.select({ level: attempt.overallLevel })
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.innerJoin(itemBank, eq(program.bankId, itemBank.id))
		.where(
			and(
				eq(candidate.userId, userId),
				eq(itemBank.language, language),
				inArray(attempt.status, ['completed', 'awaiting_rating']),
				isNotNull(attempt.overallLevel)
			)
		)
		.orderBy(desc(attempt.finishedAt))
		.limit(1);
	return row?.level ?? null;
}

/**
 * Whether the user may download the course: its publication stamp (see `publicationStamp`) for a
 * learner enrolled in it, null when there is no such course. Throws NotAllowed otherwise. One round
 * trip, asked at every manifest request (a phone checks its downloads at each connection).
 */
export async function downloadableCourse(
	db: DB,
	userId: string,
	courseId: string
): Promise<string | null> {
	const [row] = await db
		.select({
			publication: publicationStamp,
			enrolled: sql<boolean>`${enrollment.userId} is not null`
		})
		.from(course)
		.leftJoin(enrollment, enrolledIn(userId, course.id))
		.where(eq(course.id, courseId));
	if (!row) return null;
	if (!canReadLessons(row.enrolled)) throw new NotAllowed();
	return row.publication;
}

/**
 * A course's published units and lessons with their content, as an offline download stores them (the
 * same lessons, in the same order, the lesson page serves); null when there is no such course. Reads
 * no learner's data: the caller has authorized (`downloadableCourse`, `courseMap`).
 */
export async function publishedContent(db: DB, courseId: string) {
	const head = await courseHead(db, courseId);
	if (!head) return null;
	const units = await courseOutline(db, courseId);
	const rows = await db
		.select({
			id: lesson.id,
			title: lesson.title,
			goal: lesson.goal,
			vocabulary: lesson.vocabulary,
			exercises: lesson.exercises
		})
		.from(lesson)
		.where(and(eq(lesson.courseId, courseId), isNull(lesson.retiredAt)));
	const byId = new Map(rows.map((r) => [r.id, r]));
	return {
		course: head,
		units: units.map((u) => ({
			id: u.id,
			title: u.title,
			lessons: u.lessons.flatMap((l) => byId.get(l.id) ?? [])
		}))
	};
}
