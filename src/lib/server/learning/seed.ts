import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { checkCourse, type CourseReport } from '$lib/course/check';
import { readCourseFolders } from '$lib/course/course-files';
import type { Course } from '$lib/course/types';
import type { DB } from '$lib/server/db/client';
import { course } from '$lib/server/db/schema';
import { publishCourseContent } from './publish';
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

export { scopedId } from './publish';

function contentHash(file: Course): string {
	return createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 12);
}

/**
 * Imports the committed course files at start-up. A course not yet in the database is imported; a
 * seed course nobody has edited follows its file (when the version or content hash changed). Once an
 * instructor edits a course in the editor (`origin` 'authored') the database is its source and the
 * file is never read for it again. Units and lessons taken out of a file are retired, not deleted, so
 * learners' attempts and review cards stay.
 */
export async function seedCourses(
	db: DB,
	dir = COURSES_DIR
): Promise<{ courseId: string; lessons: number; updated: boolean }[]> {
	const loaded: { courseId: string; lessons: number; updated: boolean }[] = [];
	for (const file of readCourseFiles(dir)) {
		// One check of the file: a missing recording leaves one exercise without sound, so it is counted
		// and warned about (the content spec fails on it) rather than keep the whole app from starting.
		let missingAudio = 0;
		const audioDir = courseAudioDir(file.id, dir);
		const report = checkCourse(file, {
			hasAudio:
				file.targetLanguage === 'vi'
					? (text) => {
							if (!existsSync(join(audioDir, courseAudioFileName(text)))) missingAudio++;
							return true;
						}
					: undefined
		});
		if (report.problems.length > 0)
			throw new Error(`Course ${file.id} has problems:\n${report.problems.join('\n')}`);
		if (missingAudio > 0)
			console.warn(
				`Course ${file.id}: ${missingAudio} recordings missing (npm run audio:courses).`
			);
		const hash = contentHash(file);
		const [existing] = await db
			.select({ version: course.version, contentHash: course.contentHash, origin: course.origin })
			.from(course)
			.where(eq(course.id, file.id));
		const follow =
			!existing ||
			(existing.origin === 'seed' &&
				(existing.version !== file.version || existing.contentHash !== hash));
		if (follow)
			await db.transaction((tx) =>
				publishCourseContent(tx, file, { contentHash: hash, origin: 'seed' })
			);
		loaded.push({ courseId: file.id, lessons: report.counts.lessons, updated: follow });
	}
	return loaded;
}
