import { chooseRecordingType, microphoneProblem, recordedType } from './recorded-audio';
import { heardSomething, meterLevel } from './level';

/**
 * - idle: not run yet; asking: waiting for the browser's permission; recording: the 3 s sample;
 * - works: recorded and something was heard (listen back); silent: recorded, nothing heard;
 * - denied: permission refused (the page explains how to allow it); no_mic: no usable microphone;
 * - failed: something else went wrong; unsupported: no microphone access or MediaRecorder at all.
 */
export type MicCheckPhase =
	| 'idle'
	| 'asking'
	| 'recording'
	| 'works'
	| 'silent'
	| 'denied'
	| 'no_mic'
	| 'failed'
	| 'unsupported';

/** How long the sample recording lasts. */
export const MIC_CHECK_SECONDS = 3;

/**
 * The microphone check before a test with a speaking part, as reactive state: records a short sample,
 * shows its level while recording (`level`, 0–1), then offers it to listen back (`url`). Create it while
 * a component initialises: it releases the microphone and the recording when that component goes.
 */
export class MicCheck {
	phase = $state<MicCheckPhase>('idle');
	/** The meter: loudness now (0–1) while recording. */
	level = $state(0);
	/** Seconds recorded so far. */
	elapsed = $state(0);
	url = $state<string | undefined>(undefined);

	#stream: MediaStream | undefined;
	#context: AudioContext | undefined;
	#frame = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;

	constructor() {
		$effect(() => {
			const supported =
				typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
			if (!supported) this.phase = 'unsupported';
			return () => this.#destroy();
		});
	}

	get busy(): boolean {
		return this.phase === 'asking' || this.phase === 'recording';
	}

	async run() {
		if (this.busy || this.phase === 'unsupported') return;
		this.phase = 'asking';
		this.level = 0;
		this.elapsed = 0;
		let stream: MediaStream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch (error) {
			const problem = microphoneProblem(error instanceof DOMException ? error.name : '');
			this.phase = problem === 'denied' ? 'denied' : problem === 'no_mic' ? 'no_mic' : 'failed';
			return;
		}
		if (this.#destroyed) return stream.getTracks().forEach((t) => t.stop());
		this.#stream = stream;
		let peak = 0;
		try {
			const context = new AudioContext();
			this.#context = context;
			const analyser = context.createAnalyser();
			analyser.fftSize = 1024;
			context.createMediaStreamSource(stream).connect(analyser);
			const samples = new Float32Array(analyser.fftSize);
			const started = performance.now();
			const tick = () => {
				analyser.getFloatTimeDomainData(samples);
				this.level = meterLevel(samples);
				peak = Math.max(peak, this.level);
				this.elapsed = Math.min(MIC_CHECK_SECONDS, (performance.now() - started) / 1000);
				this.#frame = requestAnimationFrame(tick);
			};
			tick();
		} catch {
			// No Web Audio: the check still records and plays back, without a meter.
			peak = 1;
		}
		const requested = chooseRecordingType((type) => MediaRecorder.isTypeSupported(type));
		let recorder: MediaRecorder;
		try {
			recorder = new MediaRecorder(stream, requested ? { mimeType: requested } : {});
		} catch {
			this.#release();
			this.phase = 'failed';
			return;
		}
		const chunks: Blob[] = [];
		recorder.ondataavailable = (event) => {
			if (event.data.size > 0) chunks.push(event.data);
		};
		recorder.onstop = () => {
			this.#release();
			if (this.#destroyed) return;
			const blob = new Blob(chunks, { type: recordedType(recorder.mimeType, requested) });
			if (blob.size === 0) {
				this.phase = 'failed';
				return;
			}
			if (this.url) URL.revokeObjectURL(this.url);
			this.url = URL.createObjectURL(blob);
			this.level = 0;
			this.phase = heardSomething(peak) ? 'works' : 'silent';
		};
		recorder.start();
		this.phase = 'recording';
		this.#timer = setTimeout(() => recorder.stop(), MIC_CHECK_SECONDS * 1000);
	}

	#release() {
		cancelAnimationFrame(this.#frame);
		clearTimeout(this.#timer);
		this.#stream?.getTracks().forEach((t) => t.stop());
		this.#stream = undefined;
		void this.#context?.close().catch(() => {});
		this.#context = undefined;
	}

	#destroy() {
		this.#destroyed = true;
		this.#release();
		if (this.url) URL.revokeObjectURL(this.url);
	}
}
