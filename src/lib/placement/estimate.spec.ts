import { describe, expect, it } from 'vitest';
import { estimateAbility, type ScoredResponse } from './estimate';
import type { ItemParams } from './model';
import { scoringReference } from './test-data';

function responsesFor(pattern: string, items: ItemParams[]): ScoredResponse[] {
	return [...pattern].map((digit, j) => ({ item: items[j], correct: digit === '1' }));
}

function itemsOf(reference: { item_parameters: { a: number[]; b: number[] } }): ItemParams[] {
	return reference.item_parameters.a.map((a, j) => ({ a, b: reference.item_parameters.b[j] }));
}

describe('EAP against published scores', () => {
	it('reproduces mirt fscores EAP and posterior SD for all 32 LSAT7 patterns (121 points on ±6)', () => {
		const reference = scoringReference('mirt_lsat7_2pl_eap');
		const items = itemsOf(reference);
		expect(reference.patterns).toHaveLength(32);
		for (const { pattern, theta, se } of reference.patterns) {
			const estimate = estimateAbility(responsesFor(pattern, items));
			expect(estimate.theta, pattern).toBeCloseTo(theta, 9);
			expect(estimate.se, pattern).toBeCloseTo(se, 9);
		}
	});

	it("reproduces ltm's EAP for the 30 observed LSAT6 patterns with ltm's 21-point Gauss–Hermite rule", () => {
		const reference = scoringReference('ltm_lsat6_2pl_eap');
		const items = itemsOf(reference);
		expect(reference.patterns).toHaveLength(30);
		for (const { pattern, theta, se } of reference.patterns) {
			const exact = estimateAbility(responsesFor(pattern, items), {
				quadrature: 'gauss-hermite',
				points: 21
			});
			expect(exact.theta, pattern).toBeCloseTo(theta, 9);
			expect(exact.se, pattern).toBeCloseTo(se, 9);
			// …and the default rectangular rule agrees to 1e-5, as any reasonable quadrature should.
			const defaultRule = estimateAbility(responsesFor(pattern, items));
			expect(Math.abs(defaultRule.theta - theta), pattern).toBeLessThan(1e-5);
			expect(Math.abs(defaultRule.se - se), pattern).toBeLessThan(1e-5);
		}
	});
});

describe('EAP against adaptive numerical integration', () => {
	// Posterior mean and SD by scipy.integrate.quad on [−12, 12] (tolerances 1e-13): no grid involved.
	const items: ItemParams[] = [
		{ a: 1.3, b: -0.5 },
		{ a: 0.9, b: 0.4 },
		{ a: 1.7, b: 1.2 },
		{ a: 1.1, b: 0, c: 0.2 }
	];
	const responses = responsesFor('1101', items);

	it('with the standard normal prior', () => {
		const estimate = estimateAbility(responses);
		expect(estimate.theta).toBeCloseTo(0.5266181501000213, 9);
		expect(estimate.se).toBeCloseTo(0.6972442756865587, 9);
	});

	it('with a shifted, narrower prior N(0.5, 0.8²)', () => {
		const estimate = estimateAbility(responses, { priorMean: 0.5, priorSd: 0.8 });
		expect(estimate.theta).toBeCloseTo(0.7118533022101449, 9);
		expect(estimate.se).toBeCloseTo(0.6125574725960715, 9);
	});

	it('returns the prior without responses', () => {
		const estimate = estimateAbility([], { priorMean: 0.3, priorSd: 1.5 });
		expect(estimate.theta).toBeCloseTo(0.3, 12);
		expect(estimate.se).toBeCloseTo(1.5, 6);
	});

	it('rejects an invalid prior', () => {
		expect(() => estimateAbility(responses, { priorSd: 0 })).toThrow(RangeError);
	});
});

describe('MLE', () => {
	it('solves the 3-item hand check (scipy brentq on the score function)', () => {
		const items: ItemParams[] = [
			{ a: 1, b: -1 },
			{ a: 1.2, b: 0 },
			{ a: 0.8, b: 1 }
		];
		const estimate = estimateAbility(responsesFor('101', items), { method: 'mle' });
		expect(estimate.theta).toBeCloseTo(0.324846276050944, 10);
		expect(estimate.se).toBeCloseTo(1.2295686222847186, 9);
	});

	it('maximises a 3PL likelihood (scipy bounded minimisation of −log L)', () => {
		const items: ItemParams[] = [
			{ a: 1.5, b: -0.5, c: 0.2 },
			{ a: 1, b: 0.3, c: 0.25 },
			{ a: 2, b: 1, c: 0.15 },
			{ a: 0.7, b: -1.2, c: 0.2 }
		];
		const estimate = estimateAbility(responsesFor('1101', items), { method: 'mle' });
		expect(estimate.theta).toBeCloseTo(0.5617759674126609, 7);
		expect(estimate.se).toBeCloseTo(1.0096871600589807, 6);
	});

	it('returns the bound, with a finite SE, when every answer is right or every answer is wrong', () => {
		const items: ItemParams[] = [
			{ a: 1, b: -1 },
			{ a: 1.4, b: 0.5 },
			{ a: 0.9, b: 1.5 }
		];
		const allRight = estimateAbility(responsesFor('111', items), { method: 'mle' });
		const allWrong = estimateAbility(responsesFor('000', items), { method: 'mle' });
		expect(allRight.theta).toBe(6);
		expect(allWrong.theta).toBe(-6);
		expect(Number.isFinite(allRight.se) && allRight.se > 1).toBe(true);
		const narrow = estimateAbility(responsesFor('111', items), {
			method: 'mle',
			bounds: [-3.5, 3.5]
		});
		expect(narrow.theta).toBe(3.5);
	});

	it('is undefined without responses', () => {
		expect(() => estimateAbility([], { method: 'mle' })).toThrow(RangeError);
	});
});

describe('numerical robustness', () => {
	it('gives finite EAP and SE for 200 extreme items answered all right or all wrong', () => {
		const items: ItemParams[] = Array.from({ length: 200 }, (_, j) => ({ a: 4, b: -5 + (j % 10) }));
		const right = estimateAbility(items.map((item) => ({ item, correct: true })));
		const wrong = estimateAbility(items.map((item) => ({ item, correct: false })));
		for (const estimate of [right, wrong]) {
			expect(Number.isFinite(estimate.theta)).toBe(true);
			expect(Number.isFinite(estimate.se) && estimate.se > 0).toBe(true);
		}
		expect(right.theta).toBeGreaterThan(4);
		expect(wrong.theta).toBeLessThan(-4);
	});

	it('orders estimates by the number right on equal items', () => {
		const item = { a: 1.2, b: 0 };
		const thetas = [0, 1, 2, 3, 4].map(
			(right) => estimateAbility([0, 1, 2, 3].map((j) => ({ item, correct: j < right }))).theta
		);
		for (let k = 1; k < thetas.length; k++) expect(thetas[k]).toBeGreaterThan(thetas[k - 1]);
	});
});
