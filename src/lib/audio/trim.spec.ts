import { describe, expect, it } from 'vitest';
import { encodeWav, mixToMono, speechBounds } from './trim';

const RATE = 8000;

/** `silence` s of low noise, `speech` s of a 200 Hz tone, then `tail` s of low noise. */
function clip(silence: number, speech: number, tail: number): Float32Array {
	const total = Math.round((silence + speech + tail) * RATE);
	const samples = new Float32Array(total);
	for (let i = 0; i < total; i++) {
		const t = i / RATE;
		const talking = t >= silence && t < silence + speech;
		samples[i] = talking
			? 0.5 * Math.sin(2 * Math.PI * 200 * t)
			: 0.002 * Math.sin(2 * Math.PI * 50 * t);
	}
	return samples;
}

describe('speechBounds', () => {
	it('cuts the silence at both ends and keeps the padding around the speech', () => {
		const bounds = speechBounds(clip(1, 0.8, 1.5), RATE, { padMs: 100 });
		expect(bounds).not.toBeNull();
		// Speech runs 1.0–1.8 s; 100 ms of padding each side, within one 20 ms window.
		expect(bounds!.start / RATE).toBeCloseTo(0.9, 1);
		expect(bounds!.end / RATE).toBeCloseTo(1.9, 1);
	});

	it('never reaches outside the recording', () => {
		const samples = clip(0, 0.5, 0);
		expect(speechBounds(samples, RATE, { padMs: 300 })).toEqual({ start: 0, end: samples.length });
	});

	it('finds nothing in a recording of silence', () => {
		expect(speechBounds(clip(1, 0, 1), RATE)).toBeNull();
		expect(speechBounds(new Float32Array(0), RATE)).toBeNull();
	});

	it('keeps a quiet syllable between two loud ones', () => {
		const samples = clip(0.5, 1, 0.5);
		// A soft middle (a tenth of the loudness, still above −20 dB of the peak)…
		for (let i = 0.9 * RATE; i < 1.1 * RATE; i++) samples[i] *= 0.25;
		const bounds = speechBounds(samples, RATE, { padMs: 0 })!;
		expect(bounds.start / RATE).toBeCloseTo(0.5, 1);
		expect(bounds.end / RATE).toBeCloseTo(1.5, 1);
	});
});

describe('mixToMono', () => {
	it('averages the channels', () => {
		expect([...mixToMono([new Float32Array([1, 0.5]), new Float32Array([0, -0.5])])]).toEqual([
			0.5, 0
		]);
	});
});

describe('encodeWav', () => {
	it('writes a 16-bit mono PCM RIFF file with the samples clipped to full scale', () => {
		const wav = encodeWav(new Float32Array([0, 1, -1, 2]), 24000);
		const view = new DataView(wav.buffer);
		const text = (from: number, to: number) => String.fromCharCode(...wav.slice(from, to));
		expect(text(0, 4)).toBe('RIFF');
		expect(text(8, 12)).toBe('WAVE');
		expect(view.getUint32(4, true)).toBe(wav.length - 8);
		expect(view.getUint16(22, true)).toBe(1);
		expect(view.getUint32(24, true)).toBe(24000);
		expect(view.getUint32(40, true)).toBe(8);
		expect([0, 1, 2, 3].map((i) => view.getInt16(44 + i * 2, true))).toEqual([
			0, 32767, -32768, 32767
		]);
	});
});
