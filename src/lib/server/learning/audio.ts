import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '$lib/routes';

export const COURSES_DIR = 'content/courses';

/** Where a course's recordings live: `content/courses/<id>/audio/`. */
export function courseAudioDir(courseId: string, coursesDir = COURSES_DIR): string {
	return join(coursesDir, courseId, 'audio');
}

/**
 * A recording's file name, derived from the words it says (NFC), so changed words need a new file and
 * a file can be cached for ever: 16 hex digits of SHA-256 (64 bits, no collision among a few thousand).
 */
export function courseAudioFileName(text: string): string {
	const hash = createHash('sha256').update(text.normalize('NFC').trim()).digest('hex');
	return `${hash.slice(0, 16)}.ogg`;
}

export const AUDIO_FILE_PATTERN = /^[0-9a-f]{16}\.ogg$/;

/** `text → URL` for each text of `texts` that has a recording (what the lesson page's `audioSrc` reads). */
export function audioUrls(
	courseId: string,
	texts: Iterable<string>,
	coursesDir = COURSES_DIR
): Record<string, string> {
	const urls: Record<string, string> = {};
	const dir = courseAudioDir(courseId, coursesDir);
	for (const text of texts) {
		const name = courseAudioFileName(text);
		if (existsSync(join(dir, name))) urls[text] = routes.learn.courseAudio(courseId, name);
	}
	return urls;
}
