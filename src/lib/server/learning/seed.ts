import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, notInArray } from 'drizzle-orm';
import { checkCourse, type CourseReport } from '$lib/course/check';
import { readCourseFolders } from '$lib/course/course-files';
import type { Course } from '$lib/course/types';
import type { DB } from '$lib/server/db/client';
import { course, courseUnit, lesson } from '$lib/server/db/schema';
import { COURSES_DIR, courseAudioDir, courseAudioFileName } from './audio';

/** The course folders under `dir` (`<dir>/<course-id>/course.json` and its `units/`), parsed. */
export function readCourseFiles(dir = COURSES_DIR): Course[] {
	return readCourseFolders(dir);
}

/**
 * Checks a course file, including that Vietnamese listening items have their synthesized recording
 * (Lao has no synthesizer: a missing Lao recording is reported by the content spec, not fatal here).
 */
export function checkCourseFile(file: Course, dir = COURSES_DIR): CourseReport {
	const audioDir = courseAudioDir(file.id, dir);
	return checkCourse(file, {
		hasAudio:
			file.targetLanguage === 'vi'
				? (text) => existsSync(join(audioDir, courseAudioFileName(text)))
				: undefined
	});
}

/**
 * Unit and lesson ids are unique within a course file only (both seed courses have a `u1-l1`), so
 * the database and the URLs use `<course id>.<id>`, e.g. `/learn/lessons/vi-for-lo.u1-l1`.
 */
export function scopedId(courseId: string, id: string): string {
	return `${courseId}.${id}`;
}

function contentHash(file: Course): string {
	return createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 12);
}

/**
 * Loads the committed course files at start-up. A course whose version and content hash are unchanged
 * is left alone; otherwise its units and lessons are upserted by id and those no longer in the file
 * are removed (with their attempts: a lesson taken out of a course is gone).
 */
export async function seedCourses(
	db: DB,
	dir = COURSES_DIR
): Promise<{ courseId: string; lessons: number; updated: boolean }[]> {
	const loaded: { courseId: string; lessons: number; updated: boolean }[] = [];
	for (const file of readCourseFiles(dir)) {
		// A missing recording leaves one exercise without sound: warn (the content spec fails on it)
		// rather than keep the whole app from starting.
		const report = checkCourse(file);
		if (report.problems.length > 0)
			throw new Error(`Course ${file.id} has problems:\n${report.problems.join('\n')}`);
		const missingAudio = checkCourseFile(file, dir).problems.length;
		if (missingAudio > 0)
			console.warn(
				`Course ${file.id}: ${missingAudio} recordings missing (npm run audio:courses).`
			);
		const hash = contentHash(file);
		const [existing] = await db
			.select({ version: course.version, contentHash: course.contentHash })
			.from(course)
			.where(eq(course.id, file.id));
		const unchanged = existing?.version === file.version && existing.contentHash === hash;
		if (!unchanged) await upsertCourse(db, file, hash);
		loaded.push({ courseId: file.id, lessons: report.counts.lessons, updated: !unchanged });
	}
	return loaded;
}

async function upsertCourse(db: DB, file: Course, hash: string) {
	await db.transaction(async (tx) => {
		const head = {
			version: file.version,
			contentHash: hash,
			targetLanguage: file.targetLanguage,
			interfaceLanguage: file.interfaceLanguage,
			title: file.title,
			description: file.description,
			levels: file.levels,
			updatedAt: new Date()
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
				canDo: unit.canDo ?? []
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
					vocabulary: item.vocabulary,
					exercises: item.exercises
				};
				await tx
					.insert(lesson)
					.values({ id: lessonId, ...lessonRow })
					.onConflictDoUpdate({ target: lesson.id, set: lessonRow });
			}
		}
		await tx
			.delete(lesson)
			.where(and(eq(lesson.courseId, file.id), notInArray(lesson.id, lessonIds)));
		await tx
			.delete(courseUnit)
			.where(and(eq(courseUnit.courseId, file.id), notInArray(courseUnit.id, unitIds)));
	});
}
