import { describe, expect, it } from 'vitest';
import { heardSomething, meterLevel, SILENCE_LEVEL } from './level';

const sine = (amplitude: number, n = 1000) =>
	Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * i) / 50));

describe('meterLevel', () => {
	it('is 0 for silence and an empty frame', () => {
		expect(meterLevel(new Float32Array(512))).toBe(0);
		expect(meterLevel([])).toBe(0);
	});
	it('grows with loudness and stops at 1', () => {
		const quiet = meterLevel(sine(0.02));
		const speech = meterLevel(sine(0.15));
		expect(quiet).toBeLessThan(speech);
		expect(speech).toBeGreaterThan(0.3);
		expect(speech).toBeLessThan(1);
		expect(meterLevel(sine(1))).toBe(1);
	});
	it('tells a muted microphone (hiss) from speech', () => {
		expect(heardSomething(meterLevel(sine(0.003)))).toBe(false);
		expect(heardSomething(meterLevel(sine(0.1)))).toBe(true);
		expect(heardSomething(SILENCE_LEVEL)).toBe(false);
	});
});
