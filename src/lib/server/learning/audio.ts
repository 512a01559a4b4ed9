import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const COURSES_DIR = 'content/courses';

/** Where a course's recordings live: `content/courses/<id>/audio/`. */
export function courseAudioDir(courseId: string, coursesDir = COURSES_DIR): string {
	return join(coursesDir, courseId, 'audio');
}

/**
 * A seed recording's file name, derived from the words it says (NFC), so changed words need a new
 * file: 16 hex digits of SHA-256 (64 bits, no collision among a few thousand). The media store
 * imports each file under the same hash (`audioTextKey` in `$lib/server/learning/text-key`).
 */
export function courseAudioFileName(text: string): string {
	const hash = createHash('sha256').update(text.normalize('NFC').trim()).digest('hex');
	return `${hash.slice(0, 16)}.ogg`;
}
