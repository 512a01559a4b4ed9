import { createHash } from 'node:crypto';
import { recordingText } from '$lib/course/recording-texts';

/**
 * The key a course text's recording is stored under: 16 hex digits of the SHA-256 of its NFC words
 * (64 bits: no collision among a course's few thousand texts). The seed's synthesized files carry
 * the same hash in their names (`$lib/server/learning/audio`), which is how they are imported. On
 * its own (no database, no store) so that publishing a course can key its texts without the media
 * service (which imports it from here).
 */
export function audioTextKey(text: string): string {
	return createHash('sha256').update(recordingText(text)).digest('hex').slice(0, 16);
}
