/**
 * The EM machinery behind `calibrate` (Bock & Aitkin 1981): the working state, the E-step over collapsed
 * response patterns, and the per-item Newton–Raphson M-steps. Internal to this folder; `calibrate` is the
 * public entry point.
 */
import { logistic, softplus } from './model';
import type { QuadratureRule } from './normal';
import type { PatternSet } from './patterns';

/** log a ~ N(meanLog, sdLog²); the density of a includes the 1/a Jacobian, so its mode is exp(meanLog − sdLog²). */
export type SlopePrior = { meanLog: number; sdLog: number };

/** Box for estimated parameters: keeps Newton finite on items the data barely determine. */
export const DISCRIMINATION_BOUNDS: readonly [number, number] = [0.05, 6];
export const DIFFICULTY_BOUND = 8;

export const FREE = 0;
export const ANCHOR = 1;
export const EXCLUDED = 2;

export type Kind = '2pl' | 'common-a' | 'fixed-a';

/** Mutable working state of the EM; the public API only ever sees copies. */
export type ModelState = {
	kind: Kind;
	slopePrior: SlopePrior | undefined;
	role: Uint8Array;
	a: Float64Array;
	b: Float64Array;
	c: Float64Array;
	mean: number;
	sd: number;
	estimateLatent: boolean;
};

export type Expected = {
	/** Σ over persons who took item j of their posterior mass at node q (row j·Q … j·Q + Q − 1). */
	n: Float64Array;
	/** The same, restricted to correct answers. */
	r: Float64Array;
	/** Σ_p f_p E[θ | x_p] and Σ_p f_p E[θ² | x_p], for the latent-distribution update. */
	firstMoment: number;
	secondMoment: number;
};

/** θ at each node under the current latent distribution. */
export function nodeThetas(model: ModelState, rule: QuadratureRule): Float64Array {
	return rule.nodes.map((z) => model.mean + model.sd * z);
}

/** log P and log(1 − P) of every non-excluded item at every node (rows of length Q). */
export function logProbabilityTables(model: ModelState, thetas: Float64Array) {
	const points = thetas.length;
	const itemCount = model.a.length;
	const logCorrect = new Float64Array(itemCount * points);
	const logIncorrect = new Float64Array(itemCount * points);
	for (let j = 0; j < itemCount; j++) {
		if (model.role[j] === EXCLUDED) continue;
		const a = model.a[j];
		const b = model.b[j];
		const c = model.c[j];
		const logOneMinusC = c === 0 ? 0 : Math.log1p(-c);
		for (let q = 0; q < points; q++) {
			const z = a * (thetas[q] - b);
			logCorrect[j * points + q] = c === 0 ? -softplus(-z) : Math.log(c + (1 - c) * logistic(z));
			logIncorrect[j * points + q] = logOneMinusC - softplus(z);
		}
	}
	return { logCorrect, logIncorrect };
}

/**
 * Writes f_p · P(q | x_p) into `posterior` and returns log Σ_q L_p(θ_q) A_q (the pattern's log marginal
 * likelihood). Log-space with max-shift: a 40-item pattern's likelihood is far below 1e-300.
 */
export function patternPosterior(
	data: PatternSet,
	pattern: number,
	logWeights: Float64Array,
	tables: { logCorrect: Float64Array; logIncorrect: Float64Array },
	posterior: Float64Array
): number {
	const points = logWeights.length;
	posterior.set(logWeights);
	for (let e = data.offsets[pattern]; e < data.offsets[pattern + 1]; e++) {
		const row = data.correct[e] === 1 ? tables.logCorrect : tables.logIncorrect;
		const offset = data.items[e] * points;
		for (let q = 0; q < points; q++) posterior[q] += row[offset + q];
	}
	let max = -Infinity;
	for (let q = 0; q < points; q++) if (posterior[q] > max) max = posterior[q];
	let total = 0;
	for (let q = 0; q < points; q++) {
		posterior[q] = Math.exp(posterior[q] - max);
		total += posterior[q];
	}
	const scale = data.frequency[pattern] / total;
	for (let q = 0; q < points; q++) posterior[q] *= scale;
	return max + Math.log(total);
}

/** E-step: fills `expected` and returns the marginal log-likelihood at the current parameters. */
export function eStep(
	data: PatternSet,
	model: ModelState,
	rule: QuadratureRule,
	expected: Expected
): number {
	const points = rule.nodes.length;
	const thetas = nodeThetas(model, rule);
	const tables = logProbabilityTables(model, thetas);
	const logWeights = rule.weights.map(Math.log);
	const posterior = new Float64Array(points);
	const administered = expected.n;
	const correct = expected.r;
	administered.fill(0);
	correct.fill(0);
	let firstMoment = 0;
	let secondMoment = 0;
	let logLik = 0;
	for (let p = 0; p < data.patternCount; p++) {
		logLik += data.frequency[p] * patternPosterior(data, p, logWeights, tables, posterior);
		for (let q = 0; q < points; q++) {
			firstMoment += posterior[q] * thetas[q];
			secondMoment += posterior[q] * thetas[q] * thetas[q];
		}
		for (let e = data.offsets[p]; e < data.offsets[p + 1]; e++) {
			const offset = data.items[e] * points;
			for (let q = 0; q < points; q++) administered[offset + q] += posterior[q];
			if (data.correct[e] === 1) {
				for (let q = 0; q < points; q++) correct[offset + q] += posterior[q];
			}
		}
	}
	expected.firstMoment = firstMoment;
	expected.secondMoment = secondMoment;
	return logLik;
}

/** M-step: updates the model in place and returns the largest absolute parameter change. */
export function mStep(
	data: PatternSet,
	model: ModelState,
	rule: QuadratureRule,
	expected: Expected
): number {
	const thetas = nodeThetas(model, rule);
	const previousA = model.a.slice();
	const previousB = model.b.slice();
	const previousMean = model.mean;
	const previousSd = model.sd;
	const free: number[] = [];
	for (let j = 0; j < model.role.length; j++) if (model.role[j] === FREE) free.push(j);

	if (model.kind === '2pl') {
		for (const j of free) fitTwoPl(model, j, expected, thetas);
	} else if (model.kind === 'common-a') {
		fitCommonSlope(model, free, expected, thetas);
	} else {
		for (const j of free) fitFixedSlope(model, j, expected, thetas);
	}
	if (model.estimateLatent) {
		// EM update of a normal population: mean and variance of the posterior-averaged abilities.
		model.mean = expected.firstMoment / data.persons;
		const variance = expected.secondMoment / data.persons - model.mean * model.mean;
		model.sd = Math.sqrt(Math.max(variance, 1e-4));
	}

	let change = Math.max(Math.abs(model.mean - previousMean), Math.abs(model.sd - previousSd));
	for (const j of free) {
		change = Math.max(
			change,
			Math.abs(model.a[j] - previousA[j]),
			Math.abs(model.b[j] - previousB[j])
		);
	}
	return change;
}

/** Sums over nodes of one item's expected-data log-likelihood and its derivatives in (a, d). */
type ItemTerms = { value: number; ga: number; gd: number; haa: number; had: number; hdd: number };

function itemTerms(
	expected: Expected,
	j: number,
	thetas: Float64Array,
	a: number,
	d: number
): ItemTerms {
	const points = thetas.length;
	const offset = j * points;
	const terms: ItemTerms = { value: 0, ga: 0, gd: 0, haa: 0, had: 0, hdd: 0 };
	for (let q = 0; q < points; q++) {
		const n = expected.n[offset + q];
		if (n === 0) continue;
		const r = expected.r[offset + q];
		const theta = thetas[q];
		const z = a * theta + d;
		const p = logistic(z);
		terms.value -= r * softplus(-z) + (n - r) * softplus(z);
		const residual = r - n * p;
		terms.ga += residual * theta;
		terms.gd += residual;
		// Negative Hessian: n p (1 − p) [θ², θ; θ, 1] (expected = observed for the logistic).
		const w = n * p * (1 - p);
		terms.haa += w * theta * theta;
		terms.had += w * theta;
		terms.hdd += w;
	}
	return terms;
}

function itemValue(
	expected: Expected,
	j: number,
	thetas: Float64Array,
	a: number,
	d: number
): number {
	const points = thetas.length;
	const offset = j * points;
	let value = 0;
	for (let q = 0; q < points; q++) {
		const n = expected.n[offset + q];
		if (n === 0) continue;
		const z = a * thetas[q] + d;
		value -= expected.r[offset + q] * softplus(-z) + (n - expected.r[offset + q]) * softplus(z);
	}
	return value;
}

const NEWTON_ITERATIONS = 25;
const NEWTON_STEP_TOLERANCE = 1e-10;
const MAX_HALVINGS = 40;

/** Accept a step if it does not lower the objective beyond rounding noise. */
function notWorse(candidate: number, current: number): boolean {
	return candidate >= current - 1e-12 * (1 + Math.abs(current));
}

/** log prior density of a (0 without a prior) and its first derivative. */
export function slopePriorTerms(
	a: number,
	prior: SlopePrior | undefined
): { value: number; gradient: number; curvature: number } {
	if (!prior) return { value: 0, gradient: 0, curvature: 0 };
	const variance = prior.sdLog * prior.sdLog;
	const u = Math.log(a) - prior.meanLog;
	return {
		value: -(u * u) / (2 * variance) - Math.log(a),
		gradient: -u / (variance * a) - 1 / a,
		// Positive part of −∂²/∂a² only, so the Newton matrix stays positive definite; the step-halving
		// line search on the exact penalised objective keeps every step an ascent step.
		curvature: 1 / (variance * a * a)
	};
}

/** Item-wise 2×2 Newton–Raphson with step halving, projected onto the parameter box. */
function fitTwoPl(model: ModelState, j: number, expected: Expected, thetas: Float64Array): void {
	const prior = model.slopePrior;
	const objective = (a: number, d: number) =>
		itemValue(expected, j, thetas, a, d) + slopePriorTerms(a, prior).value;
	let a = model.a[j];
	let d = -a * model.b[j];
	let value = objective(a, d);
	for (let iteration = 0; iteration < NEWTON_ITERATIONS; iteration++) {
		const t = itemTerms(expected, j, thetas, a, d);
		const penalty = slopePriorTerms(a, prior);
		const ga = t.ga + penalty.gradient;
		const haa = t.haa + penalty.curvature;
		const det = haa * t.hdd - t.had * t.had;
		if (!(det > 0)) break;
		const stepA = (t.hdd * ga - t.had * t.gd) / det;
		const stepD = (haa * t.gd - t.had * ga) / det;
		if (Math.max(Math.abs(stepA), Math.abs(stepD)) < NEWTON_STEP_TOLERANCE) break;
		let scale = 1;
		let moved = false;
		for (let halving = 0; halving < MAX_HALVINGS; halving++, scale /= 2) {
			const nextA = clamp(a + scale * stepA, DISCRIMINATION_BOUNDS[0], DISCRIMINATION_BOUNDS[1]);
			const nextD = d + scale * stepD;
			const nextValue = objective(nextA, nextD);
			if (notWorse(nextValue, value)) {
				a = nextA;
				d = nextD;
				value = nextValue;
				moved = true;
				break;
			}
		}
		if (!moved || scale * Math.max(Math.abs(stepA), Math.abs(stepD)) < NEWTON_STEP_TOLERANCE) break;
	}
	model.a[j] = a;
	model.b[j] = clamp(-d / a, -DIFFICULTY_BOUND, DIFFICULTY_BOUND);
}

/** Rasch-type item with known slope: one-dimensional Newton on the intercept. */
function fitFixedSlope(
	model: ModelState,
	j: number,
	expected: Expected,
	thetas: Float64Array
): void {
	const a = model.a[j];
	let d = -a * model.b[j];
	let value = itemValue(expected, j, thetas, a, d);
	for (let iteration = 0; iteration < NEWTON_ITERATIONS; iteration++) {
		const t = itemTerms(expected, j, thetas, a, d);
		if (!(t.hdd > 0)) break;
		const step = t.gd / t.hdd;
		if (Math.abs(step) < NEWTON_STEP_TOLERANCE) break;
		let scale = 1;
		let moved = false;
		for (let halving = 0; halving < MAX_HALVINGS; halving++, scale /= 2) {
			const nextValue = itemValue(expected, j, thetas, a, d + scale * step);
			if (notWorse(nextValue, value)) {
				d += scale * step;
				value = nextValue;
				moved = true;
				break;
			}
		}
		if (!moved) break;
	}
	model.b[j] = clamp(-d / a, -DIFFICULTY_BOUND, DIFFICULTY_BOUND);
}

/**
 * Joint Newton step on (a, d_1 … d_J) for a common slope. The negative Hessian has the arrow form
 * [H_aa hᵀ; h diag(h_dd)], solved by the Schur complement in O(J): Δa = (g_a − Σ h_j g_j / h_dd,j) / s with
 * s = H_aa − Σ h_j² / h_dd,j, then Δd_j = (g_j − h_j Δa) / h_dd,j.
 */
function fitCommonSlope(
	model: ModelState,
	free: number[],
	expected: Expected,
	thetas: Float64Array
): void {
	if (free.length === 0) return;
	let a = model.a[free[0]];
	let d = free.map((j) => -a * model.b[j]);
	const totalValue = (slope: number, intercepts: number[]) =>
		free.reduce((sum, j, i) => sum + itemValue(expected, j, thetas, slope, intercepts[i]), 0);
	let value = totalValue(a, d);
	for (let iteration = 0; iteration < NEWTON_ITERATIONS; iteration++) {
		const terms = free.map((j, i) => itemTerms(expected, j, thetas, a, d[i]));
		let schur = 0;
		let numerator = 0;
		for (const t of terms) {
			schur += t.haa - (t.had * t.had) / t.hdd;
			numerator += t.ga - (t.had * t.gd) / t.hdd;
		}
		if (!(schur > 0) || terms.some((t) => !(t.hdd > 0))) break;
		const stepA = numerator / schur;
		const stepD = terms.map((t) => (t.gd - t.had * stepA) / t.hdd);
		const largest = Math.max(Math.abs(stepA), ...stepD.map(Math.abs));
		if (largest < NEWTON_STEP_TOLERANCE) break;
		let scale = 1;
		let moved = false;
		for (let halving = 0; halving < MAX_HALVINGS; halving++, scale /= 2) {
			const nextA = clamp(a + scale * stepA, DISCRIMINATION_BOUNDS[0], DISCRIMINATION_BOUNDS[1]);
			const nextD = d.map((value, i) => value + scale * stepD[i]);
			const nextValue = totalValue(nextA, nextD);
			if (notWorse(nextValue, value)) {
				a = nextA;
				d = nextD;
				value = nextValue;
				moved = true;
				break;
			}
		}
		if (!moved) break;
	}
	free.forEach((j, i) => {
		model.a[j] = a;
		model.b[j] = clamp(-d[i] / a, -DIFFICULTY_BOUND, DIFFICULTY_BOUND);
	});
}

export function clamp(value: number, lower: number, upper: number): number {
	return Math.min(upper, Math.max(lower, value));
}
