/**
 * The loudness shown by the microphone check's level meter, pure: the root mean square of one frame of
 * samples (−1…1, as an AnalyserNode gives them), scaled so ordinary speech fills most of the bar.
 */

/** Speech near a phone's microphone has an RMS of about 0.05–0.3; ×4 puts it at 20–100 % of the bar. */
const GAIN = 4;

/** Below this (on the 0–1 meter) during the whole check, nothing was heard: a muted or covered microphone. */
export const SILENCE_LEVEL = 0.02;

export function meterLevel(samples: ArrayLike<number>): number {
	if (samples.length === 0) return 0;
	let sum = 0;
	for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
	return Math.min(1, Math.sqrt(sum / samples.length) * GAIN);
}

/** True when the loudest moment of a check was above silence. */
export function heardSomething(peak: number): boolean {
	return peak > SILENCE_LEVEL;
}
