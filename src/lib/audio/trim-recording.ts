import { encodeWav, mixToMono, speechBounds } from './trim';

/**
 * 24 kHz: speech keeps its consonants (up to 12 kHz) and a 16-bit mono second is 48 kB, so a
 * five-second sentence stays under 250 kB.
 */
export const TRIMMED_SAMPLE_RATE = 24_000;

/**
 * A recording with the silence at both ends cut off, as a mono WAV file: decoded by the browser
 * (Web Audio resamples it to `sampleRate`), trimmed by `speechBounds`. Null when nothing was said.
 */
export async function trimRecording(
	recording: Blob,
	sampleRate = TRIMMED_SAMPLE_RATE
): Promise<{ blob: Blob; seconds: number } | null> {
	const context = new OfflineAudioContext(1, 1, sampleRate);
	const buffer = await context.decodeAudioData(await recording.arrayBuffer());
	const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) =>
		buffer.getChannelData(i)
	);
	const samples = mixToMono(channels);
	const bounds = speechBounds(samples, buffer.sampleRate);
	if (!bounds) return null;
	const wav = encodeWav(samples.subarray(bounds.start, bounds.end), buffer.sampleRate);
	return {
		blob: new Blob([wav], { type: 'audio/wav' }),
		seconds: (bounds.end - bounds.start) / buffer.sampleRate
	};
}
