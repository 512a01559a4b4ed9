import { describe, expect, it } from 'vitest';
import { gaussHermiteRule, normalDensity, normalQuantile, rectangularRule } from './normal';

function expectation(
	rule: { nodes: Float64Array; weights: Float64Array },
	f: (z: number) => number
) {
	let total = 0;
	for (let k = 0; k < rule.nodes.length; k++) total += rule.weights[k] * f(rule.nodes[k]);
	return total;
}

describe('standard normal', () => {
	// Reference values: scipy.stats.norm.ppf.
	it.each([
		[0.975, 1.959963984540054],
		[0.95, 1.6448536269514722],
		[0.5, 0],
		[0.3, -0.5244005127080409],
		[1e-10, -6.361340902404056],
		[0.999999, 4.753424308817087]
	])('Φ⁻¹(%s) = %s', (p, z) => {
		expect(normalQuantile(p)).toBeCloseTo(z, 13);
	});

	it('rejects probabilities outside (0, 1)', () => {
		expect(() => normalQuantile(0)).toThrow(RangeError);
		expect(() => normalQuantile(1)).toThrow(RangeError);
	});

	it('density is φ(0) = 1/√(2π)', () => {
		expect(normalDensity(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
	});

	it('Gauss–Hermite 21 matches numpy hermegauss (nodes, weights/√(2π))', () => {
		const rule = gaussHermiteRule(21);
		expect(rule.nodes[20]).toBeCloseTo(7.8493828951138225, 11);
		expect(rule.weights[20]).toBeCloseTo(2.098991219565671e-14, 24);
		expect(rule.nodes[19]).toBeCloseTo(6.751444718717461, 11);
		expect(rule.weights[10]).toBeCloseTo(0.270260183572877, 13);
		expect(rule.nodes[11]).toBeCloseTo(0.678045692440644, 12);
		expect(rule.weights[11]).toBeCloseTo(0.21533371569505969, 13);
		expect(rule.nodes[10]).toBeCloseTo(0, 14);
	});

	// Gauss–Hermite is exact for these polynomials; the rectangular rule loses the mass beyond ±6
	// (≈ 2e-9), which shows up as ~5e-8 in E[Z²] — harmless for scoring, and the reason for ±6.
	it.each([
		['Gauss–Hermite 21', gaussHermiteRule(21), 12],
		['Gauss–Hermite 61', gaussHermiteRule(61), 12],
		['rectangular 61 on ±6', rectangularRule(61), 6],
		['rectangular 121 on ±6', rectangularRule(121), 6]
	])('%s integrates the normal moments 1, 0, 1, 0, 3', (_name, rule, digits) => {
		expect(expectation(rule, () => 1)).toBeCloseTo(1, 13);
		expect(expectation(rule, (z) => z)).toBeCloseTo(0, 13);
		expect(expectation(rule, (z) => z * z)).toBeCloseTo(1, digits);
		expect(expectation(rule, (z) => z ** 3)).toBeCloseTo(0, 12);
		expect(expectation(rule, (z) => z ** 4)).toBeCloseTo(3, digits - 1);
	});
});
