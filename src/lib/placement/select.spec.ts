import { describe, expect, it } from 'vitest';
import type { BankItem } from './bank';
import { nextItem, recordAnswer, startCat } from './cat';
import { information } from './model';
import { expectedPosteriorVariance, klInformation, posteriorGrid, selectionValue } from './select';

const prior = { mean: 0, sd: 1 };

describe('posterior-weighted information', () => {
	it('is the information averaged over the posterior: under the prior, an item at 0 beats one at 2.5', () => {
		const value = selectionValue('posterior-weighted', [], 0, prior);
		expect(value({ a: 1, b: 0 })).toBeGreaterThan(value({ a: 1, b: 2.5 }));
		// Averaging flattens the peak: less than the information at the mode for a sharp item.
		expect(value({ a: 2.5, b: 0 })).toBeLessThan(information(0, { a: 2.5, b: 0 }));
	});

	it('uses a normalised posterior that moves with the answers', () => {
		const { nodes, weights } = posteriorGrid(
			[
				{ a: 1, b: 0, correct: true },
				{ a: 1, b: 1, correct: true }
			],
			prior
		);
		expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 4);
		const mean = nodes.reduce((s, t, k) => s + t * weights[k], 0);
		expect(mean).toBeGreaterThan(0.3);
	});
});

describe('Kullback–Leibler information (Chang & Ying 1996)', () => {
	it('is positive, grows with the interval and vanishes with it', () => {
		const item = { a: 1.2, b: 0.3 };
		expect(klInformation(item, 0, 1e-6)).toBeLessThan(1e-9);
		expect(klInformation(item, 0, 1)).toBeGreaterThan(klInformation(item, 0, 0.5));
		expect(klInformation(item, 0, 1)).toBeGreaterThan(0);
	});

	it('prefers an item near θ̂ to a far one of equal slope', () => {
		expect(klInformation({ a: 1, b: 0 }, 0, 1)).toBeGreaterThan(
			klInformation({ a: 1, b: 3 }, 0, 1)
		);
	});
});

describe('expected posterior variance', () => {
	it('is below the current variance, and lowest for an item where the posterior is', () => {
		const { nodes, weights } = posteriorGrid([], prior);
		const near = expectedPosteriorVariance({ a: 1.5, b: 0 }, nodes, weights);
		const far = expectedPosteriorVariance({ a: 1.5, b: 3 }, nodes, weights);
		expect(near).toBeLessThan(1);
		expect(near).toBeLessThan(far);
	});
});

describe('selection rule in the adaptive test', () => {
	const bank: BankItem[] = [
		{ id: 'sharp-far', skill: 'reading', level: 4, a: 3, b: 0.6 },
		{ id: 'broad-near', skill: 'reading', level: 3, a: 1.2, b: 0.1 },
		{ id: 'easy', skill: 'reading', level: 1, a: 1, b: -2 },
		{ id: 'hard', skill: 'reading', level: 6, a: 1, b: 2.5 }
	];

	it('ranks the first items by the chosen criterion, then goes back to information at θ̂', () => {
		const base = { targetSe: 0, minItems: 2, maxItems: 3 };
		// At θ̂ = 0 the sharp item 0.6 away still has the most information; averaged over the wide
		// prior posterior the broad item near the middle wins.
		expect(information(0, bank[0])).toBeGreaterThan(information(0, bank[1]));
		expect(nextItem(startCat(base), bank)?.id).toBe('sharp-far');
		const pwi = { ...base, selection: { method: 'posterior-weighted' as const, firstItems: 1 } };
		const value = selectionValue('posterior-weighted', [], 0, prior);
		const best = [...bank].sort((x, y) => value(y) - value(x))[0];
		let state = startCat(pwi);
		expect(nextItem(state, bank)?.id).toBe(best.id);
		state = recordAnswer(state, best, true);
		const theta = state.estimate.theta;
		const rest = bank.filter((item) => item.id !== best.id);
		const byInformation = [...rest].sort((x, y) => information(theta, y) - information(theta, x));
		expect(nextItem(state, bank)?.id).toBe(byInformation[0].id);
	});

	it('refuses an unknown criterion', () => {
		expect(() =>
			startCat({
				targetSe: 0.3,
				minItems: 1,
				maxItems: 5,
				selection: { method: 'magic' as 'kl', firstItems: 3 }
			})
		).toThrow(/selection.method/);
	});
});
