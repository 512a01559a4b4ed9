import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureDurationMs } from './audio-duration';

// Recorded by Chromium's MediaRecorder (fake microphone, Opus in WebM, 32 kbit/s) for 3 s and 7 s.
const webm = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/audio/${name}`));

describe('measureDurationMs', () => {
	it('measures a MediaRecorder WebM, which carries no duration header', async () => {
		const three = await measureDurationMs(webm('speech-3s.webm'), 'audio/webm;codecs=opus');
		const seven = await measureDurationMs(webm('speech-7s.webm'), 'audio/webm');
		expect(three).toBeGreaterThan(2_500);
		expect(three).toBeLessThan(3_500);
		expect(seven).toBeGreaterThan(6_500);
		expect(seven).toBeLessThan(7_500);
	});

	it('measures the file, whatever type the uploader claims', async () => {
		const seven = await measureDurationMs(webm('speech-7s.webm'), 'audio/mp4');
		expect(seven).toBeGreaterThan(6_500);
	});

	it('gives nothing for bytes that are not audio, or half a file', async () => {
		expect(await measureDurationMs(new TextEncoder().encode('<html>hi</html>'), 'audio/webm')).toBe(
			null
		);
		expect(await measureDurationMs(new Uint8Array(0), 'audio/ogg')).toBe(null);
		const truncated = webm('speech-7s.webm').slice(0, 40);
		expect(await measureDurationMs(truncated, 'audio/webm')).toBe(null);
	});
});
