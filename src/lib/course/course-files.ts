/**
 * Reads seed course files from disk. A course is a folder `<dir>/<course-id>/` holding `course.json`
 * (the course's header: id, version, languages, title, description, levels) and `units/*.json`, one
 * unit per file, taken in file-name order (`u01.json`, `u02.json`, …). One file per unit lets several
 * writers and reviewers work on a course at once without touching each other's files.
 *
 * Node-only (node:fs) but free of SvelteKit aliases, so the seeder, the scripts and the e2e helpers
 * share it. A `course.json` may still list its units inline (the test fixtures do); unit files, when
 * present, come after them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Course, Unit } from './types';

/** The course in `<dir>` (a course folder), with its unit files. */
export function readCourseFolder(dir: string): Course {
	const header = JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8')) as Course;
	const unitsDir = join(dir, 'units');
	const unitFiles = existsSync(unitsDir)
		? readdirSync(unitsDir)
				.filter((name) => name.endsWith('.json'))
				.sort()
				.map((name) => JSON.parse(readFileSync(join(unitsDir, name), 'utf8')) as Unit)
		: [];
	return { ...header, units: [...(header.units ?? []), ...unitFiles] };
}

/** Every course under `dir` (`<dir>/<course-id>/course.json`), in folder-name order. */
export function readCourseFolders(dir: string): Course[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'course.json')))
		.map((d) => d.name)
		.sort()
		.map((name) => readCourseFolder(join(dir, name)));
}
