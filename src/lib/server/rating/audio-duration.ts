import { parseBuffer } from 'music-metadata';

/**
 * How long a recording lasts, measured from the file itself (never from what the browser claims):
 * `music-metadata` reads WebM/Matroska (also MediaRecorder's WebM, which has no duration header, from
 * its last block), Ogg (last page's granule position), MP4/M4A, MP3, AAC, WAV. Null when the file is
 * not audio it can read, or has no length: a hostile or damaged upload is measured as nothing.
 */
export async function measureDurationMs(
	bytes: Uint8Array,
	mimeType: string
): Promise<number | null> {
	// The file's own signature decides the format; the claimed type only helps files without one (AAC/ADTS).
	return (await measure(bytes, undefined)) ?? (await measure(bytes, mimeType.split(';')[0].trim()));
}

async function measure(bytes: Uint8Array, mimeType: string | undefined): Promise<number | null> {
	if (bytes.byteLength === 0) return null;
	try {
		const metadata = await parseBuffer(
			bytes,
			{ ...(mimeType ? { mimeType } : {}), size: bytes.byteLength },
			{ duration: true, skipCovers: true }
		);
		const seconds = metadata.format.duration;
		return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
			? Math.round(seconds * 1000)
			: null;
	} catch {
		return null;
	}
}
