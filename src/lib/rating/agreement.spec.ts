import { describe, expect, it } from 'vitest';
import {
	adjacentAgreement,
	agreementByRater,
	exactAgreement,
	finalBand,
	needsThirdRater,
	quadraticWeightedKappa,
	resolveRatings,
	type BandPair
} from './agreement';

/** `count` copies of one pair. */
const repeat = (count: number, first: number, second: number): BandPair[] =>
	Array.from({ length: count }, () => ({ first, second }));

/**
 * Quadratic-weighted kappa by Schuster's identity (Educ. Psychol. Meas. 64, 2004): with equally spaced
 * bands, κw = 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²) with population moments — computed independently of
 * the contingency table the implementation uses.
 */
function kappaByMoments(pairs: BandPair[]): number {
	const n = pairs.length;
	const mx = pairs.reduce((s, p) => s + p.first, 0) / n;
	const my = pairs.reduce((s, p) => s + p.second, 0) / n;
	const sxy = pairs.reduce((s, p) => s + (p.first - mx) * (p.second - my), 0) / n;
	const sx = pairs.reduce((s, p) => s + (p.first - mx) ** 2, 0) / n;
	const sy = pairs.reduce((s, p) => s + (p.second - my) ** 2, 0) / n;
	return (2 * sxy) / (sx + sy + (mx - my) ** 2);
}

describe('quadratic-weighted kappa', () => {
	it('equals Cohen’s kappa on two bands: the textbook 50-answer example gives 0.4', () => {
		// Both "yes" 20, A yes B no 5, A no B yes 10, both "no" 15: pₒ = 0.7, pₑ = 0.5, κ = 0.4
		// (the worked example of Cohen's kappa, e.g. Wikipedia "Cohen's kappa").
		const pairs = [
			...repeat(20, 1, 1),
			...repeat(5, 1, 0),
			...repeat(10, 0, 1),
			...repeat(15, 0, 0)
		];
		expect(quadraticWeightedKappa(pairs)).toBeCloseTo(0.4, 12);
		expect(exactAgreement(pairs)).toBeCloseTo(0.7, 12);
	});

	it('matches Schuster’s moment formula on a four-band table', () => {
		const pairs = [
			...repeat(11, 0, 0),
			...repeat(4, 0, 1),
			...repeat(3, 1, 0),
			...repeat(14, 1, 1),
			...repeat(5, 1, 2),
			...repeat(2, 2, 0),
			...repeat(6, 2, 1),
			...repeat(17, 2, 2),
			...repeat(3, 2, 3),
			...repeat(1, 3, 1),
			...repeat(4, 3, 2),
			...repeat(9, 3, 3)
		];
		const kappa = quadraticWeightedKappa(pairs)!;
		expect(kappa).toBeCloseTo(kappaByMoments(pairs), 12);
		expect(kappa).toBeGreaterThan(0.6);
		expect(kappa).toBeLessThan(1);
	});

	it('is 1 for perfect agreement, 0 for independent raters, negative when they disagree systematically', () => {
		expect(
			quadraticWeightedKappa([...repeat(3, 0, 0), ...repeat(2, 2, 2), ...repeat(4, 3, 3)])
		).toBe(1);
		// Every combination once: observed equals chance.
		const independent = [0, 1, 2].flatMap((a) => [0, 1, 2].map((b) => ({ first: a, second: b })));
		expect(quadraticWeightedKappa(independent)).toBeCloseTo(0, 12);
		expect(quadraticWeightedKappa([...repeat(5, 0, 3), ...repeat(5, 3, 0)])).toBeLessThan(0);
	});

	it('is undefined without pairs or when chance disagreement is impossible', () => {
		expect(quadraticWeightedKappa([])).toBeNull();
		expect(quadraticWeightedKappa(repeat(4, 2, 2))).toBeNull();
		expect(() => quadraticWeightedKappa([{ first: 5, second: 1 }], { min: 0, max: 3 })).toThrow(
			RangeError
		);
	});
});

describe('exact and adjacent agreement', () => {
	it('counts same bands, and bands at most one apart', () => {
		const pairs = [
			{ first: 2, second: 2 },
			{ first: 1, second: 2 },
			{ first: 0, second: 3 },
			{ first: 3, second: 1 }
		];
		expect(exactAgreement(pairs)).toBe(0.25);
		expect(adjacentAgreement(pairs)).toBe(0.5);
		expect(exactAgreement([])).toBeNull();
		expect(adjacentAgreement([])).toBeNull();
	});
});

describe('agreement by rater', () => {
	it('pairs each rater with the others on the same criterion of the same answer', () => {
		const bands = [
			{ answerId: 'a1', criterion: 0, raterId: 'lan', band: 2 },
			{ answerId: 'a1', criterion: 0, raterId: 'minh', band: 2 },
			{ answerId: 'a1', criterion: 1, raterId: 'lan', band: 1 },
			{ answerId: 'a1', criterion: 1, raterId: 'minh', band: 3 },
			{ answerId: 'a2', criterion: 0, raterId: 'lan', band: 0 },
			{ answerId: 'a2', criterion: 0, raterId: 'minh', band: 1 },
			{ answerId: 'a2', criterion: 0, raterId: 'somsak', band: 0 },
			{ answerId: 'a3', criterion: 0, raterId: 'vong', band: 2 }
		];
		const result = agreementByRater(bands, { min: 0, max: 3 });
		expect(result.map((r) => [r.raterId, r.pairs, r.exact, r.adjacent])).toEqual([
			['lan', 4, 0.5, 0.75],
			['minh', 4, 0.25, 0.75],
			['somsak', 2, 0.5, 1],
			['vong', 0, null, null]
		]);
		const lan = result[0];
		expect(lan.kappa).toBeCloseTo(
			quadraticWeightedKappa(
				[
					{ first: 2, second: 2 },
					{ first: 1, second: 3 },
					{ first: 0, second: 1 },
					{ first: 0, second: 0 }
				],
				{ min: 0, max: 3 }
			)!,
			12
		);
		expect(result[3].kappa).toBeNull();
	});
});

describe('final band', () => {
	it('takes the mean of two bands at most one apart, and asks a third rater beyond', () => {
		expect(finalBand([2, 2])).toEqual({ band: 2, needsThird: false });
		expect(finalBand([2, 3])).toEqual({ band: 2.5, needsThird: false });
		expect(finalBand([0, 2])).toEqual({ band: null, needsThird: true });
		expect(finalBand([3])).toEqual({ band: 3, needsThird: false });
		expect(finalBand([])).toEqual({ band: null, needsThird: false });
	});

	it('takes the median of three, so the outlying rater does not move it', () => {
		expect(finalBand([0, 3, 3])).toEqual({ band: 3, needsThird: false });
		expect(finalBand([1, 3, 2])).toEqual({ band: 2, needsThird: false });
	});

	it('sends an answer to a third rater when any criterion differs by more than one band', () => {
		expect(needsThirdRater([2, 1, 3], [3, 1, 2])).toBe(false);
		expect(needsThirdRater([2, 0, 3], [2, 2, 3])).toBe(true);
	});
});

describe('resolving independent ratings', () => {
	it('keeps one rating, takes the mean within one band, asks a third beyond, and the median of three', () => {
		expect(resolveRatings([{ 0: 2, 1: 3 }])).toEqual({ scores: { 0: 2, 1: 3 }, needsThird: false });
		expect(
			resolveRatings([
				{ 0: 3, 1: 3 },
				{ 0: 2, 1: 3 }
			])
		).toEqual({
			scores: { 0: 2.5, 1: 3 },
			needsThird: false
		});
		expect(
			resolveRatings([
				{ 0: 3, 1: 3 },
				{ 0: 1, 1: 3 }
			])
		).toEqual({
			scores: null,
			needsThird: true
		});
		expect(
			resolveRatings([
				{ 0: 3, 1: 3 },
				{ 0: 1, 1: 3 },
				{ 0: 2, 1: 0 }
			])
		).toEqual({
			scores: { 0: 2, 1: 3 },
			needsThird: false
		});
		expect(resolveRatings([])).toEqual({ scores: null, needsThird: false });
	});
});
