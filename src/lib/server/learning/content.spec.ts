import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { audioTexts } from '$lib/course/check';
import { checkCourseFile, readCourseFiles } from './seed';
import { COURSES_DIR, courseAudioDir, courseAudioFileName } from './audio';

// Every committed course file, so broken content fails the tests. The fixtures are checked too.
const sources = [COURSES_DIR, 'tests/fixtures/courses'].filter((dir) => existsSync(dir));

describe.each(sources)('course files in %s', (dir) => {
	const files = readCourseFiles(dir);

	it('are found', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	for (const file of files) {
		it(`${file.id} has no problems`, () => {
			const report = checkCourseFile(file, dir);
			expect(report.problems).toEqual([]);
			if (dir === COURSES_DIR) {
				// The seed courses must reach the sizes and use every exercise kind.
				expect(report.shortfalls).toEqual([]);
				console.log(`${file.id}: ${JSON.stringify(report.counts)}`);
			}
		});

		if (file.targetLanguage === 'vi') {
			it(`${file.id} has a recording for every Vietnamese text`, () => {
				const missing = audioTexts(file).filter(
					(text) => !existsSync(join(courseAudioDir(file.id, dir), courseAudioFileName(text)))
				);
				expect(missing).toEqual([]);
			});
		}
	}
});
