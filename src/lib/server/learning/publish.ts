import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Course } from '$lib/course/types';
import { skillCounts } from '$lib/course/progress';
import { recordingTexts, type LessonTexts } from '$lib/course/recording-texts';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { course, courseUnit, lesson, type LessonRecordingText } from '$lib/server/db/schema';
import { audioTextKey } from './text-key';

/**
 * Unit and lesson ids are unique within a course only (both seed courses have a `u1-l1`), so the
 * database and the URLs use `<course id>.<id>`, e.g. `/learn/lessons/vi-for-lo.u1-l1`.
 */
export function scopedId(courseId: string, id: string): string {
	return `${courseId}.${id}`;
}

/** What `lesson.recordingTexts` holds for a lesson. */
export function lessonRecordingTexts(l: LessonTexts): LessonRecordingText[] {
	return recordingTexts([l]).map((t) => ({ key: audioTextKey(t.text), kind: t.kind }));
}

/**
 * Fills `lesson.recordingTexts` of lessons stored before it existed (start-up, once: a lesson
 * written since has it). Returns how many were filled.
 */
export async function fillLessonRecordingTexts(db: DB): Promise<number> {
	const rows = await db
		.select({ id: lesson.id, vocabulary: lesson.vocabulary, exercises: lesson.exercises })
		.from(lesson)
		.where(isNull(lesson.recordingTexts));
	for (const row of rows)
		await db
			.update(lesson)
			.set({ recordingTexts: lessonRecordingTexts(row) })
			.where(eq(lesson.id, row.id));
	return rows.length;
}

function localId(courseId: string, id: string): string {
	return id.startsWith(`${courseId}.`) ? id.slice(courseId.length + 1) : id;
}

export type PublishOptions = {
	contentHash: string;
	/** Set when given; a seed course keeps the owner it was given. */
	organizationId?: string | null;
	origin: 'seed' | 'authored';
};

/**
 * Makes `file` what learners play: the course row, its units and lessons are upserted by id (so
 * learners' attempts and review cards, which point at lesson ids, stay), and units and lessons no
 * longer in it are retired — hidden from learners, never deleted with the attempts made on them. A
 * lesson that comes back is un-retired. Run inside the caller's transaction.
 */
export async function publishCourseContent(tx: DbOrTx, file: Course, options: PublishOptions) {
	const now = new Date();
	const head = {
		version: file.version,
		contentHash: options.contentHash,
		targetLanguage: file.targetLanguage,
		interfaceLanguage: file.interfaceLanguage,
		title: file.title,
		description: file.description,
		levels: file.levels,
		origin: options.origin,
		updatedAt: now,
		...(options.organizationId !== undefined ? { organizationId: options.organizationId } : {})
	};
	await tx
		.insert(course)
		.values({ id: file.id, ...head })
		.onConflictDoUpdate({ target: course.id, set: head });
	const unitIds: string[] = [];
	const lessonIds: string[] = [];
	for (const [u, unit] of file.units.entries()) {
		const unitId = scopedId(file.id, unit.id);
		unitIds.push(unitId);
		const unitRow = {
			courseId: file.id,
			position: u,
			level: unit.level,
			title: unit.title,
			canDo: unit.canDo ?? [],
			retiredAt: null
		};
		await tx
			.insert(courseUnit)
			.values({ id: unitId, ...unitRow })
			.onConflictDoUpdate({ target: courseUnit.id, set: unitRow });
		for (const [l, item] of unit.lessons.entries()) {
			const lessonId = scopedId(file.id, item.id);
			lessonIds.push(lessonId);
			const lessonRow = {
				courseId: file.id,
				unitId,
				position: l,
				title: item.title,
				goal: item.goal,
				notes: item.notes ?? null,
				vocabulary: item.vocabulary,
				exercises: item.exercises,
				skillCounts: skillCounts(item.exercises),
				recordingTexts: lessonRecordingTexts({ ...item, id: lessonId }),
				retiredAt: null
			};
			await tx
				.insert(lesson)
				.values({ id: lessonId, ...lessonRow })
				.onConflictDoUpdate({ target: lesson.id, set: lessonRow });
		}
	}
	await tx
		.update(lesson)
		.set({ retiredAt: now })
		.where(
			and(
				eq(lesson.courseId, file.id),
				isNull(lesson.retiredAt),
				lessonIds.length ? notInArray(lesson.id, lessonIds) : undefined
			)
		);
	await tx
		.update(courseUnit)
		.set({ retiredAt: now })
		.where(
			and(
				eq(courseUnit.courseId, file.id),
				isNull(courseUnit.retiredAt),
				unitIds.length ? notInArray(courseUnit.id, unitIds) : undefined
			)
		);
}

/** The published course as one document (the shape of a seed file), or null. */
export async function publishedCourse(db: DbOrTx, courseId: string): Promise<Course | null> {
	const [head] = await db.select().from(course).where(eq(course.id, courseId));
	if (!head) return null;
	const units = await db
		.select()
		.from(courseUnit)
		.where(and(eq(courseUnit.courseId, courseId), isNull(courseUnit.retiredAt)))
		.orderBy(asc(courseUnit.position));
	const lessons = await db
		.select()
		.from(lesson)
		.where(and(eq(lesson.courseId, courseId), isNull(lesson.retiredAt)))
		.orderBy(asc(lesson.position));
	return {
		id: head.id,
		version: head.version,
		targetLanguage: head.targetLanguage,
		interfaceLanguage: head.interfaceLanguage,
		title: head.title,
		description: head.description,
		levels: head.levels,
		units: units.map((u) => ({
			id: localId(courseId, u.id),
			title: u.title,
			level: u.level,
			...(u.canDo.length ? { canDo: u.canDo } : {}),
			lessons: lessons
				.filter((l) => l.unitId === u.id)
				.map((l) => ({
					id: localId(courseId, l.id),
					title: l.title,
					goal: l.goal,
					...(l.notes ? { notes: l.notes } : {}),
					vocabulary: l.vocabulary,
					exercises: l.exercises
				}))
		}))
	};
}

/** Who owns a course and whether the seeder still follows its file. */
export async function courseOwnership(db: DbOrTx, courseId: string) {
	const [row] = await db
		.select({
			organizationId: course.organizationId,
			origin: course.origin,
			version: course.version
		})
		.from(course)
		.where(eq(course.id, courseId));
	return row ?? null;
}

/** Every published course with its owner (the editor lists an organization's). */
export async function publishedCourseHeads(db: DbOrTx) {
	return db
		.select({
			id: course.id,
			organizationId: course.organizationId,
			title: course.title,
			version: course.version,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage,
			levels: course.levels,
			updatedAt: course.updatedAt
		})
		.from(course)
		.orderBy(asc(course.id));
}

/**
 * From now on the editor, not the seed file, is the source of the course (called when an
 * instructor first opens it for editing).
 */
export async function markCourseAuthored(tx: DbOrTx, courseId: string): Promise<void> {
	await tx.update(course).set({ origin: 'authored' }).where(eq(course.id, courseId));
}

/** Gives an unowned seed course to an organization (the demo gives its two to the school). */
export async function giveSeedCourse(
	db: DbOrTx,
	courseId: string,
	organizationId: string
): Promise<void> {
	await db
		.update(course)
		.set({ organizationId })
		.where(and(eq(course.id, courseId), isNull(course.organizationId)));
}
