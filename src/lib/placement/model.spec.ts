import { describe, expect, it } from 'vitest';
import {
	assertItemParams,
	information,
	logistic,
	logProbabilityCorrect,
	logProbabilityIncorrect,
	probability,
	softplus,
	testInformation
} from './model';

// Reference values computed independently with mpmath at 30 digits (P and the 3PL information formula
// a²·(Q/P)·((P − c)/(1 − c))²), logistic D = 1.
const cases = [
	{ theta: 1, item: { a: 1.5, b: 0.5 }, p: 0.679178699175393, info: 0.49026373596408157 },
	{
		theta: 0.4,
		item: { a: 1.2, b: -0.3, c: 0.2 },
		p: 0.758772172802031,
		info: 0.22334080011459162
	},
	{ theta: -2, item: { a: 0.8, b: 1 }, p: 0.08317269649392237, info: 0.048803199393185434 },
	{ theta: 0, item: { a: 1, b: 0 }, p: 0.5, info: 0.25 },
	{ theta: 3, item: { a: 2, b: -1, c: 0.25 }, p: 0.9997484874021502, info: 0.001005628674559957 }
];

describe('item response model (logistic, D = 1)', () => {
	it.each(cases)('P and I at θ=$theta for $item', ({ theta, item, p, info }) => {
		expect(probability(theta, item)).toBeCloseTo(p, 14);
		expect(information(theta, item)).toBeCloseTo(info, 14);
	});

	it('has no scaling constant: P = 1/(1 + e^−1) one logit above b for a = 1', () => {
		expect(probability(1, { a: 1, b: 0 })).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
	});

	it('information reduces to a²PQ without guessing and peaks at b', () => {
		const item = { a: 1.7, b: 0.3 };
		const p = probability(-0.4, item);
		expect(information(-0.4, item)).toBeCloseTo(1.7 * 1.7 * p * (1 - p), 15);
		expect(information(0.3, item)).toBeCloseTo((1.7 * 1.7) / 4, 15);
		expect(information(0.3, item)).toBeGreaterThan(information(0.5, item));
	});

	it('sums information over items', () => {
		const items = cases.map((c) => c.item);
		expect(testInformation(0.2, items)).toBeCloseTo(
			items.reduce((sum, item) => sum + information(0.2, item), 0),
			15
		);
	});

	it('computes log-probabilities without underflow far from b', () => {
		const item = { a: 20, b: 0 };
		// z = ±800: P rounds to 0 or 1, but log P and log(1 − P) are exactly −800 to double precision.
		expect(logProbabilityCorrect(-40, item)).toBeCloseTo(-800, 10);
		expect(logProbabilityIncorrect(40, item)).toBeCloseTo(-800, 10);
		expect(information(40, item)).toBeGreaterThanOrEqual(0);
		expect(Number.isNaN(information(40, item))).toBe(false);
		expect(logProbabilityIncorrect(0.3, { a: 1, b: 0, c: 0.2 })).toBeCloseTo(
			Math.log(1 - probability(0.3, { a: 1, b: 0, c: 0.2 })),
			14
		);
	});

	it('logistic and softplus are stable and consistent', () => {
		expect(logistic(-800)).toBe(0);
		expect(logistic(800)).toBe(1);
		expect(logistic(-3) + logistic(3)).toBeCloseTo(1, 15);
		expect(softplus(800)).toBe(800);
		expect(softplus(-800)).toBe(0);
		expect(softplus(0.7)).toBeCloseTo(Math.log(1 + Math.exp(0.7)), 15);
	});

	it('rejects unusable parameters', () => {
		expect(() => assertItemParams({ a: 0, b: 0 })).toThrow(RangeError);
		expect(() => assertItemParams({ a: 1, b: Number.NaN })).toThrow(RangeError);
		expect(() => assertItemParams({ a: 1, b: 0, c: 1 })).toThrow(RangeError);
		expect(() => assertItemParams({ a: 1.2, b: -0.5, c: 0.2 })).not.toThrow();
	});
});
