import { describe, expect, it } from 'vitest';
import { mulberry32, randomNormal, randomUniform } from './random';

describe('seeded random numbers', () => {
	it('mulberry32 reproduces its sequence for a seed and differs across seeds', () => {
		const first = Array.from({ length: 5 }, mulberry32(42));
		const again = Array.from({ length: 5 }, mulberry32(42));
		const other = Array.from({ length: 5 }, mulberry32(43));
		expect(again).toEqual(first);
		expect(other).not.toEqual(first);
	});

	it('matches the reference mulberry32 output for seed 1', () => {
		// First outputs of the reference implementation (bryc, "PRNGs" gist, `a += 0x6D2B79F5` form), × 2³².
		const rng = mulberry32(1);
		const ints = Array.from({ length: 3 }, () => Math.round(rng() * 4294967296));
		expect(ints).toEqual([2693262067, 11749833, 2265367787]);
	});

	it('is uniform on [0, 1): mean ½, variance 1/12, no value outside', () => {
		const rng = mulberry32(7);
		const values = Array.from({ length: 200_000 }, rng);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
		expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
		expect(mean).toBeCloseTo(0.5, 2);
		expect(variance).toBeCloseTo(1 / 12, 3);
	});

	it('draws normal and uniform deviates with the requested moments', () => {
		const rng = mulberry32(11);
		const normals = Array.from({ length: 100_000 }, () => randomNormal(rng, 2, 0.5));
		const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
		const sd = Math.sqrt(normals.reduce((s, v) => s + (v - mean) ** 2, 0) / normals.length);
		expect(mean).toBeCloseTo(2, 2);
		expect(sd).toBeCloseTo(0.5, 2);
		const uniforms = Array.from({ length: 10_000 }, () => randomUniform(rng, -3, 3));
		expect(uniforms.every((v) => v >= -3 && v < 3)).toBe(true);
		expect(uniforms.reduce((s, v) => s + v, 0) / uniforms.length).toBeCloseTo(0, 1);
	});
});
