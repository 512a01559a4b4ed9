import { describe, expect, it } from 'vitest';
import { inverseDiagonalSpd } from './linalg';

describe('inverseDiagonalSpd', () => {
	it('matches numpy.linalg.inv on a 3×3 SPD matrix', () => {
		const matrix = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
		const diagonal = inverseDiagonalSpd(matrix, 3);
		expect(diagonal).not.toBeNull();
		expect(Array.from(diagonal ?? [])).toEqual([
			expect.closeTo(0.2799436355096289, 14),
			expect.closeTo(0.36402066697980273, 14),
			expect.closeTo(0.516674495068107, 14)
		]);
	});

	it('returns null for a singular matrix', () => {
		expect(inverseDiagonalSpd(Float64Array.from([1, 1, 1, 1]), 2)).toBeNull();
	});
});
