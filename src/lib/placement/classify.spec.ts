import { describe, expect, it } from 'vitest';
import {
	curtailedChangeProbability,
	glrStatistic,
	SCREENING_MAX_ITEMS,
	SCREENING_STOP_RULE,
	sprtStatistic,
	stopDecision,
	waldBounds
} from './classify';
import { classificationOutcome, startCat, stopReason, type CatConfig } from './cat';
import { estimateAbility } from './estimate';
import { logLikelihoodOf } from './model';
import { mulberry32, randomNormal } from './random';
import { simulateCat, syntheticBank } from './simulate';

const atCut = (n: number, correct: (i: number) => boolean, b = 0) =>
	Array.from({ length: n }, (_, i) => ({ item: { a: 1.5, b }, correct: correct(i) }));

describe('Wald bounds', () => {
	it('are log((1 − β)/α) and log(β/(1 − α))', () => {
		const { upper, lower } = waldBounds(0.05);
		expect(upper).toBeCloseTo(Math.log(19), 12);
		expect(lower).toBeCloseTo(-Math.log(19), 12);
	});
});

describe('likelihood-ratio statistics', () => {
	it('SPRT is ℓ(cut + δ) − ℓ(cut − δ)', () => {
		const responses = atCut(6, (i) => i % 3 !== 0);
		let expected = 0;
		for (const { item, correct } of responses)
			expected += logLikelihoodOf(0.2, item, correct) - logLikelihoodOf(-0.2, item, correct);
		expect(sprtStatistic(responses, 0, 0.2)).toBeCloseTo(expected, 12);
	});

	it('GLR takes the best θ beyond each edge: larger than the SPRT when the MLE is past an edge', () => {
		const strong = atCut(8, (i) => i !== 0); // MLE well above 0.2
		expect(estimateAbility(strong, { method: 'mle' }).theta).toBeGreaterThan(0.2);
		expect(glrStatistic(strong, 0, 0.2)).toBeGreaterThan(sprtStatistic(strong, 0, 0.2) + 0.1);
		const even = atCut(8, (i) => i % 2 === 0); // MLE at the cut, inside the region
		expect(glrStatistic(even, 0, 0.2)).toBeCloseTo(sprtStatistic(even, 0, 0.2), 12);
	});
});

describe('stopDecision', () => {
	const base = { cut: 0, confidence: 0.95 };

	it('SPRT and GLR pass a clear pass, fail a clear fail, and go on when answers are mixed', () => {
		for (const method of ['sprt', 'glr'] as const) {
			const rule = { ...base, method, indifference: 0.2 };
			const pass = atCut(20, () => true);
			const fail = atCut(20, () => false);
			const mixed = atCut(6, (i) => i % 2 === 0);
			expect(stopDecision(rule, pass, estimateAbility(pass))).toBe('pass');
			expect(stopDecision(rule, fail, estimateAbility(fail))).toBe('fail');
			expect(stopDecision(rule, mixed, estimateAbility(mixed))).toBeNull();
		}
	});

	it('GLR decides a candidate far from the cut in fewer answers than the SPRT', () => {
		const firstDecision = (method: 'sprt' | 'glr') => {
			for (let n = 1; n <= 40; n++) {
				const answers = atCut(n, () => true);
				if (stopDecision({ ...base, method, indifference: 0.2 }, answers, estimateAbility(answers)))
					return n;
			}
			return Infinity;
		};
		expect(firstDecision('glr')).toBeLessThan(firstDecision('sprt'));
	});

	it('the credible interval is two-sided, the posterior rule one-sided', () => {
		const estimate = { theta: 0.5, se: 0.28 }; // 0.5/0.28 = 1.79: between 1.645 and 1.96
		expect(stopDecision({ ...base, method: 'credible-interval' }, [], estimate)).toBeNull();
		expect(stopDecision(base, [], estimate)).toBeNull();
		expect(stopDecision({ ...base, method: 'posterior' }, [], estimate)).toBe('pass');
	});

	it('curtails when the items left could hardly move θ̂ across the cut', () => {
		const answers = atCut(30, (i) => i % 5 !== 0, 0.3);
		const estimate = { theta: 0.3, se: 0.25 };
		const rule = { ...base, curtail: true };
		expect(stopDecision(rule, answers, estimate, 0)).toBeNull();
		expect(curtailedChangeProbability(answers, estimate, 0, 1)).toBeLessThan(0.05);
		expect(stopDecision(rule, answers, estimate, 1)).toBe('pass');
		expect(curtailedChangeProbability(answers, estimate, 0, 200)).toBeGreaterThan(0.05);
		expect(stopDecision(rule, answers, estimate, 200)).toBeNull();
	});
});

describe('the screening default in the adaptive test', () => {
	const config: CatConfig = {
		targetSe: 0,
		minItems: 5,
		maxItems: SCREENING_MAX_ITEMS,
		classification: { cut: -1, confidence: 0.95, ...SCREENING_STOP_RULE }
	};

	it('is validated: unknown rules and a non-positive indifference are refused', () => {
		const bad = (rule: object) =>
			startCat({ ...config, classification: { ...config.classification!, ...rule } });
		expect(() => bad({ method: 'coin' })).toThrow(/method/);
		expect(() => bad({ indifference: 0 })).toThrow(/indifference/);
	});

	it('delivers the confidence (−1 point) on candidates near the cut, beyond a fixed form', () => {
		const bank = syntheticBank(mulberry32(7), { perLevel: 40 });
		const rng = mulberry32(2026);
		let correct = 0;
		let items = 0;
		const count = 250;
		for (let i = 0; i < count; i++) {
			const theta = -1 + randomNormal(rng);
			const state = simulateCat(theta, config, bank, rng);
			expect(stopReason(state, bank)).not.toBeNull();
			const outcome = classificationOutcome(state)!;
			if (outcome.pass === theta >= -1) correct++;
			items += state.administered.length;
		}
		expect(correct / count).toBeGreaterThanOrEqual(0.94);
		expect(items / count).toBeLessThan(25);
	});
});
