/**
 * Trimming silence at both ends of a recorded sentence, and writing the result as a WAV file. Pure (no
 * Web Audio): `trim-recording.ts` decodes the browser's recording into samples and calls these.
 */

export type TrimOptions = {
	/** Length of the windows whose loudness (RMS) is measured, in milliseconds. */
	windowMs?: number;
	/**
	 * A window is speech when its RMS is at least this share of the loudest window's (0.1 ≈ −20 dB
	 * below the peak: breathing and room noise stay under it, soft final consonants above)…
	 */
	relativeThreshold?: number;
	/** …and at least this absolute RMS (full scale 1), so a recording of silence stays silence. */
	floor?: number;
	/** Kept before the first and after the last speech window, so no onset or fading vowel is cut. */
	padMs?: number;
};

export type SpeechBounds = { start: number; end: number };

/**
 * The sample range [start, end) from the first to the last window of speech, widened by `padMs` on each
 * side and clamped to the recording; null when no window is loud enough (nothing was said).
 */
export function speechBounds(
	samples: Float32Array,
	sampleRate: number,
	{ windowMs = 20, relativeThreshold = 0.1, floor = 0.01, padMs = 150 }: TrimOptions = {}
): SpeechBounds | null {
	const window = Math.max(1, Math.round((sampleRate * windowMs) / 1000));
	const count = Math.ceil(samples.length / window);
	const rms = new Float64Array(count);
	let peak = 0;
	for (let w = 0; w < count; w++) {
		const from = w * window;
		const to = Math.min(samples.length, from + window);
		let sum = 0;
		for (let i = from; i < to; i++) sum += samples[i] * samples[i];
		rms[w] = Math.sqrt(sum / (to - from));
		peak = Math.max(peak, rms[w]);
	}
	const threshold = Math.max(floor, peak * relativeThreshold);
	let first = -1;
	let last = -1;
	for (let w = 0; w < count; w++)
		if (rms[w] >= threshold) {
			if (first < 0) first = w;
			last = w;
		}
	if (first < 0) return null;
	const pad = Math.round((sampleRate * padMs) / 1000);
	return {
		start: Math.max(0, first * window - pad),
		end: Math.min(samples.length, (last + 1) * window + pad)
	};
}

/** The average of the channels, one sample at a time (speech is recorded in mono anyway). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
	if (channels.length === 1) return channels[0];
	const length = Math.min(...channels.map((c) => c.length));
	const mono = new Float32Array(length);
	for (const channel of channels) for (let i = 0; i < length; i++) mono[i] += channel[i];
	for (let i = 0; i < length; i++) mono[i] /= channels.length;
	return mono;
}

/**
 * A mono 16-bit PCM WAV file (RIFF header, 44 bytes, little-endian; Microsoft/IBM "Multimedia
 * Programming Interface and Data Specifications 1.0", 1991). Samples outside [−1, 1] are clipped.
 */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(44 + samples.length * 2);
	const view = new DataView(bytes.buffer);
	const ascii = (offset: number, text: string) => {
		for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
	};
	ascii(0, 'RIFF');
	view.setUint32(4, 36 + samples.length * 2, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, 16, true); // size of the fmt chunk
	view.setUint16(20, 1, true); // PCM
	view.setUint16(22, 1, true); // mono
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * 2, true); // bytes per second
	view.setUint16(32, 2, true); // bytes per frame
	view.setUint16(34, 16, true); // bits per sample
	ascii(36, 'data');
	view.setUint32(40, samples.length * 2, true);
	for (let i = 0; i < samples.length; i++) {
		const s = Math.max(-1, Math.min(1, samples[i]));
		view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
	}
	return bytes;
}
