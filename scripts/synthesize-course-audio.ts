// Synthesizes the Vietnamese recordings of the courses with espeak-ng (Northern voice) and compresses
// them to Opus at a speech bitrate (~20 kbps: data costs money on rural 3G). Every `audio` text, every
// speak exercise's model and every vocabulary term of a Vietnamese course gets a file named by the
// hash of its words (content/courses/<id>/audio/<hash>.ogg); the files are committed. Lao has no
// synthesizer here: Lao courses need real recordings, put under the same names.
//   npm run audio:courses                        content/courses
//   npm run audio:courses -- tests/fixtures/courses
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { audioTexts } from '../src/lib/course/check';
import { COURSES_DIR, courseAudioDir, courseAudioFileName } from '../src/lib/server/learning/audio';
import { readCourseFiles } from '../src/lib/server/learning/seed';

for (const tool of ['espeak-ng', 'opusenc']) {
	try {
		execFileSync('which', [tool], { stdio: 'ignore' });
	} catch {
		console.error(`${tool} is missing: apt-get install -y espeak-ng opus-tools`);
		process.exit(1);
	}
}

const dir = process.argv[2] ?? COURSES_DIR;
for (const course of readCourseFiles(dir)) {
	if (course.targetLanguage !== 'vi') {
		console.warn(`${course.id}: no synthesizer for ${course.targetLanguage}; record its audio`);
		continue;
	}
	const audioDir = courseAudioDir(course.id, dir);
	mkdirSync(audioDir, { recursive: true });
	const wanted = new Set<string>();
	let made = 0;
	for (const text of audioTexts(course)) {
		const name = courseAudioFileName(text);
		wanted.add(name);
		const target = join(audioDir, name);
		if (existsSync(target)) continue;
		const wav = join(audioDir, `${name}.wav`);
		// 135 words per minute with a pause between words: slow enough for learners, still natural.
		execFileSync('espeak-ng', [
			'-v',
			'vi',
			'-s',
			'135',
			'-g',
			'4',
			'-w',
			wav,
			text.normalize('NFC')
		]);
		execFileSync('opusenc', ['--quiet', '--bitrate', '20', '--speech', wav, target]);
		rmSync(wav);
		made++;
	}
	let removed = 0;
	for (const name of readdirSync(audioDir)) {
		if (name.endsWith('.ogg') && !wanted.has(name)) {
			rmSync(join(audioDir, name));
			removed++;
		}
	}
	console.log(`${course.id}: ${made} recordings made, ${removed} removed, ${wanted.size} in use.`);
}
