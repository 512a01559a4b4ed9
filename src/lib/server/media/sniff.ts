import { fileTypeFromBuffer } from 'file-type';
import type { MediaKind } from '$lib/server/db/schema';

/** The largest audio file: 3 MiB, as a learner's recording (a sentence in WAV is well under 1 MiB). */
export const AUDIO_MAX_BYTES = 3 * 1024 * 1024;
/** The largest picture: 2 MiB (a phone photo should be resized; lessons are downloaded on 3G). */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * What a file's bytes are (its magic numbers, read by `file-type`), as the type it is served with.
 * Containers that may hold video are served as audio: a recording is all this store takes of them.
 * SVG is not taken (it can carry script).
 */
const SERVED_AS: Record<string, { kind: MediaKind; mimeType: string }> = {
	ogg: { kind: 'audio', mimeType: 'audio/ogg' },
	oga: { kind: 'audio', mimeType: 'audio/ogg' },
	opus: { kind: 'audio', mimeType: 'audio/ogg' },
	webm: { kind: 'audio', mimeType: 'audio/webm' },
	mp4: { kind: 'audio', mimeType: 'audio/mp4' },
	m4a: { kind: 'audio', mimeType: 'audio/mp4' },
	mp3: { kind: 'audio', mimeType: 'audio/mpeg' },
	wav: { kind: 'audio', mimeType: 'audio/wav' },
	flac: { kind: 'audio', mimeType: 'audio/flac' },
	aac: { kind: 'audio', mimeType: 'audio/aac' },
	png: { kind: 'image', mimeType: 'image/png' },
	jpg: { kind: 'image', mimeType: 'image/jpeg' },
	webp: { kind: 'image', mimeType: 'image/webp' },
	gif: { kind: 'image', mimeType: 'image/gif' },
	avif: { kind: 'image', mimeType: 'image/avif' }
};

export type SniffResult =
	| { ok: true; kind: MediaKind; mimeType: string }
	| { ok: false; problem: 'empty' | 'too_large' | 'wrong_type' };

/** Whether `bytes` is a medium of `kind` the store takes, by content and size; never by its name. */
export async function sniffMedia(bytes: Uint8Array, kind: MediaKind): Promise<SniffResult> {
	if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
	if (bytes.byteLength > (kind === 'audio' ? AUDIO_MAX_BYTES : IMAGE_MAX_BYTES))
		return { ok: false, problem: 'too_large' };
	const found = await fileTypeFromBuffer(bytes);
	const served = found && SERVED_AS[found.ext];
	if (!served || served.kind !== kind) return { ok: false, problem: 'wrong_type' };
	return { ok: true, ...served };
}
