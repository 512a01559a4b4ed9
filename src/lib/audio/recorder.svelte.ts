import {
	RECORDING_MAX_BYTES,
	SPEECH_BITS_PER_SECOND,
	chooseRecordingType,
	exceedsRecordingCap,
	microphoneProblem,
	recordedType,
	type RecorderProblem
} from './recorded-audio';

/**
 * - idle: nothing recorded yet (or the last attempt failed before recording);
 * - asking: waiting for the browser's microphone permission;
 * - recording / recorded: as said; a new recording replaces the last one only once it is finished;
 * - refused: the microphone was refused or is missing (`problem` says which);
 * - unsupported: this browser has no MediaRecorder or no microphone access at all.
 */
export type RecorderPhase =
	'idle' | 'asking' | 'recording' | 'recorded' | 'refused' | 'unsupported';

export type RecorderOptions = {
	/** Stops by itself after this many seconds; no limit when omitted. */
	maxSeconds?: number;
	/** A larger recording stays to be listened to but is flagged `tooLarge` (not to be sent). */
	maxBytes?: number;
};

/**
 * One microphone recording with MediaRecorder, as reactive state: Opus at a speech bitrate where the browser
 * can, the running time, an optional time limit, and the finished recording as a Blob with an object URL to
 * play it back. Create it while a component initialises: once mounted it checks what the browser supports,
 * and when that component is destroyed it releases the microphone and revokes the object URL.
 */
export class AudioRecorder {
	#maxSeconds: number | undefined;
	#maxBytes: number;
	#recorder: MediaRecorder | undefined;
	#stream: MediaStream | undefined;
	#startedAt = 0;
	#ticker: ReturnType<typeof setInterval> | undefined;
	#limit: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;

	phase = $state<RecorderPhase>('idle');
	problem = $state<RecorderProblem | null>(null);
	/** Undefined until checked in the browser (server rendering, before mount). */
	supported = $state<boolean | undefined>(undefined);
	/** Seconds since recording started, updated twice a second while recording. */
	elapsed = $state(0);
	/** The finished recording and its playback URL (revoked when replaced or destroyed). */
	blob = $state<Blob | undefined>(undefined);
	url = $state<string | undefined>(undefined);
	durationMs = $state(0);

	/** Whole seconds of the recording, at least 1 (a tap on Record then Stop still made one). */
	get seconds(): number {
		return Math.max(1, Math.round(this.durationMs / 1000));
	}

	/** The recording is over the cap: it can be listened to, not sent. */
	get tooLarge(): boolean {
		return this.blob !== undefined && exceedsRecordingCap(this.blob.size, this.#maxBytes);
	}

	constructor({ maxSeconds, maxBytes = RECORDING_MAX_BYTES }: RecorderOptions = {}) {
		this.#maxSeconds = maxSeconds;
		this.#maxBytes = maxBytes;
		// Runs once after mount (it reads no state); its cleanup runs when the creating component goes.
		$effect(() => {
			const supported =
				typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
			this.supported = supported;
			if (!supported) this.phase = 'unsupported';
			return () => this.#destroy();
		});
	}

	/** Asks for the microphone and starts recording; the last recording stays until this one is done. */
	async record() {
		if (this.phase === 'asking' || this.phase === 'recording' || this.phase === 'unsupported')
			return;
		this.problem = null;
		this.phase = 'asking';
		let stream: MediaStream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch (error) {
			this.#refuse(microphoneProblem(error instanceof DOMException ? error.name : ''));
			return;
		}
		if (this.#destroyed) {
			stream.getTracks().forEach((track) => track.stop());
			return;
		}
		this.#stream = stream;
		const requested = chooseRecordingType((type) => MediaRecorder.isTypeSupported(type));
		let recorder: MediaRecorder;
		try {
			recorder = new MediaRecorder(stream, {
				...(requested ? { mimeType: requested } : {}),
				audioBitsPerSecond: SPEECH_BITS_PER_SECOND
			});
		} catch {
			this.#release();
			this.#refuse('failed');
			return;
		}
		const chunks: Blob[] = [];
		recorder.ondataavailable = (event) => {
			if (event.data.size > 0) chunks.push(event.data);
		};
		recorder.onstop = () =>
			this.#finish(new Blob(chunks, { type: recordedType(recorder.mimeType, requested) }));
		recorder.onerror = () => {
			this.problem = 'failed';
			this.stop();
		};
		this.#recorder = recorder;
		recorder.start();
		this.#startedAt = performance.now();
		this.elapsed = 0;
		this.phase = 'recording';
		this.#ticker = setInterval(() => {
			this.elapsed = (performance.now() - this.#startedAt) / 1000;
		}, 500);
		if (this.#maxSeconds) this.#limit = setTimeout(() => this.stop(), this.#maxSeconds * 1000);
	}

	/** Stops recording; the recording arrives (phase 'recorded') when the recorder has flushed it. */
	stop() {
		this.#clearTimers();
		if (this.#recorder && this.#recorder.state !== 'inactive') {
			this.durationMs = performance.now() - this.#startedAt;
			this.#recorder.stop();
		}
	}

	#refuse(problem: RecorderProblem) {
		this.problem = problem;
		this.phase = this.blob ? 'recorded' : problem === 'failed' ? 'idle' : 'refused';
	}

	#finish(blob: Blob) {
		this.#release();
		this.#recorder = undefined;
		if (this.#destroyed) return;
		if (blob.size === 0) {
			this.#refuse('failed');
			return;
		}
		if (this.url) URL.revokeObjectURL(this.url);
		this.blob = blob;
		this.url = URL.createObjectURL(blob);
		// `record()` cleared the last problem: one set since (a recorder error) stays with this recording.
		if (this.tooLarge) this.problem = 'too_large';
		this.phase = 'recorded';
	}

	#clearTimers() {
		clearInterval(this.#ticker);
		clearTimeout(this.#limit);
	}

	#release() {
		this.#stream?.getTracks().forEach((track) => track.stop());
		this.#stream = undefined;
	}

	#destroy() {
		this.#destroyed = true;
		this.#clearTimers();
		if (this.#recorder && this.#recorder.state !== 'inactive') this.#recorder.stop();
		this.#release();
		if (this.url) URL.revokeObjectURL(this.url);
	}
}
