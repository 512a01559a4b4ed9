/**
 * Pure rules of a recording made in the browser: which audio type to ask MediaRecorder for, how large a
 * recording may be, what went wrong when the microphone could not be used, and the clock shown while
 * recording. The recorder rune class (`recorder.svelte.ts`) applies them; they are tested without a browser.
 */

/**
 * Audio types in order of preference: Opus in WebM (Chromium, Firefox) or Ogg (Firefox), else MP4/AAC
 * (Safari on iOS). All three are what the server accepts as recorded audio.
 */
export const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** Opus at 32 kbit/s: clear speech, about 240 kB a minute on a paid mobile connection. */
export const SPEECH_BITS_PER_SECOND = 32_000;

/** The largest recording an answer may carry: 3 MiB, the screening server's cap (about 13 minutes of speech). */
export const RECORDING_MAX_BYTES = 3 * 1024 * 1024;

/** The first preferred type the browser can record, or undefined to let it choose its default. */
export function chooseRecordingType(
	isTypeSupported: (type: string) => boolean
): string | undefined {
	return RECORDING_TYPES.find((type) => isTypeSupported(type));
}

/**
 * The type a finished recording is labelled with: what the recorder reports it produced, else what was
 * asked for, else WebM (Chromium's default, and a type the server accepts).
 */
export function recordedType(reported: string, requested: string | undefined): string {
	return reported || requested || 'audio/webm';
}

/** True when `bytes` is over the cap (the server would refuse the upload). */
export function exceedsRecordingCap(
	bytes: number,
	maxBytes: number = RECORDING_MAX_BYTES
): boolean {
	return bytes > maxBytes;
}

/**
 * What went wrong, each with its own advice to the speaker: the microphone refused or missing, the
 * recorder failed, or the recording is over the cap.
 */
export type RecorderProblem = 'denied' | 'no_mic' | 'failed' | 'too_large';

/**
 * The problem behind a `getUserMedia` rejection, from its DOMException name (Media Capture and Streams,
 * §10.2): permission refused, or no usable microphone; anything else is a plain failure.
 */
export function microphoneProblem(errorName: string): RecorderProblem {
	if (errorName === 'NotAllowedError' || errorName === 'SecurityError') return 'denied';
	if (
		errorName === 'NotFoundError' ||
		errorName === 'OverconstrainedError' ||
		errorName === 'NotReadableError'
	)
		return 'no_mic';
	return 'failed';
}

/** Elapsed whole seconds as m:ss, e.g. 0:07, 2:05. */
export function clock(seconds: number): string {
	const whole = Math.max(0, Math.floor(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
