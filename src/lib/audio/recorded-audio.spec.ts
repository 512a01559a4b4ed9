import { describe, expect, it } from 'vitest';
import {
	RECORDING_MAX_BYTES,
	chooseRecordingType,
	clock,
	exceedsRecordingCap,
	microphoneProblem,
	recordedType
} from './recorded-audio';

describe('chooseRecordingType', () => {
	it('prefers Opus in WebM, then Ogg, then MP4', () => {
		expect(chooseRecordingType(() => true)).toBe('audio/webm;codecs=opus');
		expect(chooseRecordingType((t) => t.startsWith('audio/ogg'))).toBe('audio/ogg;codecs=opus');
		expect(chooseRecordingType((t) => t === 'audio/mp4')).toBe('audio/mp4');
	});

	it('leaves the choice to the browser when it supports none of them', () => {
		expect(chooseRecordingType(() => false)).toBeUndefined();
	});
});

describe('recordedType', () => {
	it('labels a recording with what the recorder produced, else what was asked, else WebM', () => {
		expect(recordedType('audio/webm;codecs=opus', 'audio/ogg;codecs=opus')).toBe(
			'audio/webm;codecs=opus'
		);
		expect(recordedType('', 'audio/mp4')).toBe('audio/mp4');
		expect(recordedType('', undefined)).toBe('audio/webm');
	});
});

describe('exceedsRecordingCap', () => {
	it('allows exactly 3 MiB and refuses one byte more', () => {
		expect(RECORDING_MAX_BYTES).toBe(3 * 1024 * 1024);
		expect(exceedsRecordingCap(RECORDING_MAX_BYTES)).toBe(false);
		expect(exceedsRecordingCap(RECORDING_MAX_BYTES + 1)).toBe(true);
	});

	it('takes another cap when given one', () => {
		expect(exceedsRecordingCap(1001, 1000)).toBe(true);
		expect(exceedsRecordingCap(1000, 1000)).toBe(false);
	});
});

describe('microphoneProblem', () => {
	it('tells a refused permission from a missing microphone and from other failures', () => {
		expect(microphoneProblem('NotAllowedError')).toBe('denied');
		expect(microphoneProblem('SecurityError')).toBe('denied');
		expect(microphoneProblem('NotFoundError')).toBe('no_mic');
		expect(microphoneProblem('NotReadableError')).toBe('no_mic');
		expect(microphoneProblem('OverconstrainedError')).toBe('no_mic');
		expect(microphoneProblem('AbortError')).toBe('failed');
		expect(microphoneProblem('')).toBe('failed');
	});
});

describe('clock', () => {
	it('shows whole minutes and two-digit seconds', () => {
		expect(clock(0)).toBe('0:00');
		expect(clock(1.9)).toBe('0:01');
		expect(clock(65)).toBe('1:05');
		expect(clock(-3)).toBe('0:00');
	});
});
