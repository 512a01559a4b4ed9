import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationResult } from './calibrate';
import type { BankItem } from './bank';
import { probability, type ItemParams } from './model';
import type { ResponseMatrix } from './patterns';
import { mulberry32, randomNormal, randomUniform, type Rng } from './random';
import { simulateCat, syntheticBank } from './simulate';
import { publishedEstimate, readResponseCsv } from './test-data';

const lsat6 = readResponseCsv('lsat6_full.csv');
const lsat7 = readResponseCsv('lsat7_full.csv');
/** Tight convergence: the published Rasch/1PL numbers are converged to ~1e-6. */
const TIGHT = { tolerance: 1e-8, maxIter: 10_000 };

const asArray = (value: number | number[], length: number) =>
	Array.isArray(value) ? value : Array.from({ length }, () => value);

function expectAllClose(actual: number[], expected: number[], tolerance: number) {
	expect(actual).toHaveLength(expected.length);
	actual.forEach((value, i) =>
		expect(Math.abs(value - expected[i]), `index ${i}`).toBeLessThan(tolerance)
	);
}

function simulateMatrix(
	rng: Rng,
	items: ItemParams[],
	thetas: number[],
	missing = 0
): (0 | 1 | null)[][] {
	return thetas.map((theta) =>
		items.map((item) => (rng() < missing ? null : rng() < probability(theta, item) ? 1 : 0))
	);
}

function rmse(estimated: number[], truth: number[]): number {
	return Math.sqrt(
		estimated.reduce((sum, value, i) => sum + (value - truth[i]) ** 2, 0) / truth.length
	);
}

function expectFinite(result: CalibrationResult) {
	expect(Number.isFinite(result.logLik)).toBe(true);
	for (const item of result.items)
		expect(Number.isFinite(item.a) && Number.isFinite(item.b)).toBe(true);
}

describe('calibrate: published LSAT estimates (ltm, mirt; logistic D = 1, θ ~ N(0, 1))', () => {
	it('LSAT6 Rasch with a fixed at 1 matches ltm to 1e-4 (b) and its log-likelihood', () => {
		const reference = publishedEstimate('lsat6_rasch_a1');
		const result = calibrate(lsat6, { model: '1pl', fixedA: 1, ...TIGHT });
		expect(result.converged).toBe(true);
		expect(result.patterns).toBe(30);
		expect(result.persons).toBe(1000);
		expectAllClose(
			result.items.map((item) => item.b),
			reference.b,
			1e-4
		);
		expect(result.items.every((item) => item.a === 1)).toBe(true);
		expect(Math.abs(result.logLik - reference.logLik)).toBeLessThan(1e-3);
		expect(result.standardErrors?.every((se) => se.a === 0)).toBe(true);
	});

	it('LSAT6 1PL with one estimated slope matches ltm (a, b to 1e-4) and irtQ cross-product SEs', () => {
		const reference = publishedEstimate('lsat6_1pl_common_a');
		const result = calibrate(lsat6, { model: '1pl', ...TIGHT });
		expect(result.converged).toBe(true);
		expectAllClose(
			result.items.map((item) => item.a),
			asArray(reference.a, 5),
			1e-4
		);
		expectAllClose(
			result.items.map((item) => item.b),
			reference.b,
			1e-4
		);
		expect(Math.abs(result.logLik - reference.logLik)).toBeLessThan(1e-3);
		// Same estimator as irtQ (Meilijson cross-product): agreement to 1 % (irtQ used 49 points, we use 61).
		const irtQ = reference.corroboration?.irtQ_est_irt_doc;
		const se = result.standardErrors ?? [];
		irtQ?.se_b?.forEach((value, j) => expect(Math.abs(se[j].b / value - 1)).toBeLessThan(0.01));
		expect(Math.abs(se[0].a / (irtQ?.se_a ?? NaN) - 1)).toBeLessThan(0.01);
		// ltm's SEs come from the observed information: the cross-product approximation is within 5 %.
		reference.se_b?.forEach((value, j) => expect(Math.abs(se[j].b / value - 1)).toBeLessThan(0.05));
	});

	it('LSAT6 2PL matches ltm to 5e-3 and reaches at least its log-likelihood', () => {
		const reference = publishedEstimate('lsat6_2pl');
		const result = calibrate(lsat6, { model: '2pl', ...TIGHT });
		expect(result.converged).toBe(true);
		expectAllClose(
			result.items.map((item) => item.a),
			asArray(reference.a, 5),
			5e-3
		);
		expectAllClose(
			result.items.map((item) => item.b),
			reference.b,
			5e-3
		);
		expect(result.logLik).toBeGreaterThan(reference.logLik - 1e-3);
		expect(result.logLik - reference.logLik).toBeLessThan(2e-3);
		reference.se_b?.forEach((value, j) =>
			expect(Math.abs((result.standardErrors?.[j].b ?? 0) / value - 1)).toBeLessThan(0.1)
		);
	});

	it('LSAT7 2PL matches mirt to 5e-3 with the default tolerance', () => {
		const reference = publishedEstimate('lsat7_2pl');
		const result = calibrate(lsat7, { model: '2pl' });
		expect(result.converged).toBe(true);
		expectAllClose(
			result.items.map((item) => item.a),
			asArray(reference.a, 5),
			5e-3
		);
		expectAllClose(
			result.items.map((item) => item.b),
			reference.b,
			5e-3
		);
		expect(Math.abs(result.logLik - reference.logLik)).toBeLessThan(1e-3);
	});

	it("LSAT7 1PL equals mirt's Rasch with free latent variance (a = SD(θ), b_mirt = a·b)", () => {
		const reference = publishedEstimate('lsat7_rasch');
		const result = calibrate(lsat7, { model: '1pl', ...TIGHT });
		const slope = result.items[0].a;
		expect(slope).toBeCloseTo(1.011, 3);
		// mirt's EM stops when no parameter moves by 1e-4 and its variance update is slow, so its d are
		// ~2e-4 short of the maximum: our log-likelihood is higher than mirt's full-precision value
		// (same 61-point rule), which is what shows ours is the better-converged solution.
		expectAllClose(
			result.items.map((item) => item.b * slope),
			reference.b,
			5e-4
		);
		const mirtRect61 = reference.corroboration?.mirt_quadrature_sensitivity_logLik?.rect61 ?? NaN;
		expect(result.logLik).toBeGreaterThanOrEqual(mirtRect61);
		expect(result.logLik - mirtRect61).toBeLessThan(1e-4);
	});

	it('ignores persons without responses and stops at maxIter without claiming convergence', () => {
		const padded: ResponseMatrix = [
			...lsat7,
			[null, null, null, null, null],
			[null, null, null, null, null]
		];
		const plain = calibrate(lsat7, { model: '2pl' });
		const withEmptyRows = calibrate(padded, { model: '2pl' });
		expect(withEmptyRows.persons).toBe(1000);
		expect(withEmptyRows.items).toEqual(plain.items);
		const capped = calibrate(lsat7, { model: '2pl', maxIter: 3 });
		expect(capped.iterations).toBe(3);
		expect(capped.converged).toBe(false);
	});
});

describe('calibrate: parameter recovery from simulated data', () => {
	const rng = mulberry32(2024);
	const truth: ItemParams[] = Array.from({ length: 30 }, () => ({
		a: randomUniform(rng, 0.8, 2.0),
		b: randomUniform(rng, -2, 2)
	}));
	const complete = simulateMatrix(
		rng,
		truth,
		Array.from({ length: 3000 }, () => randomNormal(rng))
	);
	const fit = calibrate(complete, { model: '2pl' });

	it('recovers 2PL parameters from 3000 persons × 30 items (RMSE b < 0.15, a < 0.2)', () => {
		expect(fit.converged).toBe(true);
		expectFinite(fit);
		expect(
			rmse(
				fit.items.map((i) => i.b),
				truth.map((i) => i.b)
			)
		).toBeLessThan(0.15);
		expect(
			rmse(
				fit.items.map((i) => i.a),
				truth.map((i) => i.a)
			)
		).toBeLessThan(0.2);
		expect(fit.flags.every((flag) => flag === 'estimated')).toBe(true);
	});

	it('reports standard errors that match the actual estimation error (|z| SD between 0.7 and 1.4)', () => {
		const se = fit.standardErrors ?? [];
		const z = fit.items.flatMap((item, j) => [
			(item.a - truth[j].a) / se[j].a,
			(item.b - truth[j].b) / se[j].b
		]);
		const sd = Math.sqrt(z.reduce((sum, value) => sum + value * value, 0) / z.length);
		expect(sd).toBeGreaterThan(0.7);
		expect(sd).toBeLessThan(1.4);
	});

	it('handles a sparse matrix (60 % missing at random) with larger but honest errors', () => {
		const sparse = complete.map((row) => row.map((value) => (rng() < 0.6 ? null : value)));
		const result = calibrate(sparse, { model: '2pl' });
		expect(result.converged).toBe(true);
		expectFinite(result);
		expect(
			rmse(
				result.items.map((i) => i.b),
				truth.map((i) => i.b)
			)
		).toBeLessThan(0.2);
		expect(
			rmse(
				result.items.map((i) => i.a),
				truth.map((i) => i.a)
			)
		).toBeLessThan(0.3);
		const meanSe = (r: CalibrationResult) =>
			(r.standardErrors ?? []).reduce((s, e) => s + e.b, 0) / 30;
		expect(meanSe(result)).toBeGreaterThan(1.3 * meanSe(fit));
	});

	it('puts new items on the scale of fixed anchors, estimating the new cohort’s mean and SD', () => {
		const local = mulberry32(77);
		const anchorsTruth = truth.slice(0, 20);
		const fresh: ItemParams[] = Array.from({ length: 10 }, () => ({
			a: randomUniform(local, 0.8, 2.0),
			b: randomUniform(local, -1.5, 2.5)
		}));
		// A stronger, more spread-out cohort than the one that defined the scale.
		const thetas = Array.from({ length: 2500 }, () => randomNormal(local, 0.5, 1.3));
		const data = simulateMatrix(local, [...anchorsTruth, ...fresh], thetas);
		const anchors = Object.fromEntries(anchorsTruth.map((item, j) => [j, item]));
		const anchored = calibrate(data, { model: '2pl', anchors });
		expect(anchored.converged).toBe(true);
		anchorsTruth.forEach((item, j) => expect(anchored.items[j]).toEqual(item));
		expect(anchored.flags.slice(0, 20).every((flag) => flag === 'anchor')).toBe(true);
		expect(anchored.standardErrors?.slice(0, 20).every((se) => se.a === 0 && se.b === 0)).toBe(
			true
		);
		expect(anchored.latent.mean).toBeCloseTo(0.5, 1);
		expect(anchored.latent.sd).toBeCloseTo(1.3, 1);
		const newItems = anchored.items.slice(20);
		expect(
			rmse(
				newItems.map((i) => i.b),
				fresh.map((i) => i.b)
			)
		).toBeLessThan(0.15);
		expect(
			rmse(
				newItems.map((i) => i.a),
				fresh.map((i) => i.a)
			)
		).toBeLessThan(0.25);
		// Without anchors the same data are put on the new cohort's own N(0, 1) scale: b is off by ~0.5.
		const unanchored = calibrate(data, { model: '2pl' });
		expect(
			rmse(
				unanchored.items.slice(20).map((i) => i.b),
				fresh.map((i) => i.b)
			)
		).toBeGreaterThan(0.3);
	});
});

describe('calibrate: sparse adaptive-test logs', () => {
	it('recalibrates a bank from simulated CAT administrations (MAR missingness, slope prior)', () => {
		const rng = mulberry32(5);
		const bank: BankItem[] = syntheticBank(rng, { perLevel: 15 });
		const config = {
			targetSe: 0,
			minItems: 20,
			maxItems: 20,
			exposure: { method: 'randomesque', k: 5 }
		} as const;
		const column = new Map(bank.map((item, j) => [item.id, j]));
		const matrix = Array.from({ length: 1500 }, () => {
			const state = simulateCat(randomNormal(rng), config, bank, rng);
			const row: (0 | 1 | null)[] = bank.map(() => null);
			for (const entry of state.administered)
				row[column.get(entry.id) ?? -1] = entry.correct ? 1 : 0;
			return row;
		});
		const result = calibrate(matrix, { model: '2pl', slopePrior: { meanLog: 0.3, sdLog: 0.5 } });
		expect(result.converged).toBe(true);
		expectFinite(result);
		const counts = bank.map((_, j) => matrix.reduce((n, row) => n + (row[j] === null ? 0 : 1), 0));
		const wellSampled = bank.map((_, j) => j).filter((j) => counts[j] >= 100);
		expect(wellSampled.length).toBeGreaterThan(40);
		const b = (items: ItemParams[]) => wellSampled.map((j) => items[j].b);
		expect(rmse(b(result.items), b(bank))).toBeLessThan(0.25);
		// Items nobody (or everybody) got right are flagged, not estimated; nothing is NaN.
		counts.forEach((count, j) => {
			if (count === 0) expect(result.flags[j]).toBe('no-data');
		});
		const se = result.standardErrors ?? [];
		const within = wellSampled.filter(
			(j) => Math.abs(result.items[j].b - bank[j].b) <= 3 * se[j].b
		);
		expect(within.length / wellSampled.length).toBeGreaterThan(0.9);
	});
});

describe('calibrate: degenerate items and invalid input', () => {
	const rng = mulberry32(9);
	const items: ItemParams[] = Array.from({ length: 6 }, (_, j) => ({ a: 1.2, b: -1.5 + 0.6 * j }));
	const base = simulateMatrix(
		rng,
		items,
		Array.from({ length: 800 }, () => randomNormal(rng))
	);
	const data = base.map(
		(row, i) => [...row, 1, 0, null, i % 2 === 0 ? null : 1] as (0 | 1 | null)[]
	);

	it('flags all-correct, all-wrong and never-administered items and keeps the rest finite', () => {
		const result = calibrate(data, { model: '2pl' });
		expect(result.flags.slice(6)).toEqual(['all-correct', 'all-wrong', 'no-data', 'all-correct']);
		expectFinite(result);
		expect(result.items[6].b).toBeLessThan(-5);
		expect(result.items[7].b).toBeGreaterThan(5);
		expect(result.standardErrors?.[6].b).toBe(Infinity);
		// The degenerate columns carry no information: the other items match a fit without them.
		const alone = calibrate(base, { model: '2pl' });
		expectAllClose(
			result.items.slice(0, 6).map((i) => i.b),
			alone.items.map((i) => i.b),
			1e-9
		);
	});

	it('rejects malformed data and options', () => {
		expect(() => calibrate([[1, 0], [1]], { model: '2pl' })).toThrow(RangeError);
		expect(() => calibrate([[1, 2 as unknown as 0]], { model: '2pl' })).toThrow(RangeError);
		expect(() => calibrate(base, { model: '2pl', fixedA: 1 })).toThrow(RangeError);
		expect(() => calibrate(base, { model: '2pl', anchors: { 17: { a: 1, b: 0 } } })).toThrow(
			RangeError
		);
		expect(() => calibrate(base, { model: '2pl', anchors: { 0: { a: -1, b: 0 } } })).toThrow(
			RangeError
		);
		expect(() => calibrate(base, { model: '2pl', estimateLatent: true })).toThrow(RangeError);
		expect(() => calibrate(base, { model: '1pl', slopePrior: { meanLog: 0, sdLog: 0.5 } })).toThrow(
			RangeError
		);
	});

	it('keeps a Rasch calibration with anchors on the anchors’ scale', () => {
		const anchors = { 0: { a: 1.2, b: -1.5 }, 5: { a: 1.2, b: 1.5 } };
		const result = calibrate(base, { model: '1pl', fixedA: 1.2, anchors });
		expect(result.items[0]).toEqual(anchors[0]);
		expect(result.items[5]).toEqual(anchors[5]);
		expectAllClose(
			result.items.slice(1, 5).map((i) => i.b),
			items.slice(1, 5).map((i) => i.b),
			0.25
		);
	});
});
