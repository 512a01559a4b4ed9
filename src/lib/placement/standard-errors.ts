/**
 * Standard errors for `calibrate`: the inverse of the cross-product ("empirical") information matrix
 * (Meilijson 1989, JRSS B 51, 127–138), the estimator irtQ prints.
 */
import { inverseDiagonalSpd } from './linalg';
import {
	ANCHOR,
	FREE,
	logProbabilityTables,
	nodeThetas,
	patternPosterior,
	slopePriorTerms,
	type ModelState
} from './em';
import type { QuadratureRule } from './normal';
import type { PatternSet } from './patterns';

/** Standard errors of a and b: 0 for fixed values, Infinity where the data do not determine them. */
export type ItemStandardError = { a: number; b: number };

/** Index of each parameter in the information matrix (−1 = fixed). */
type ParameterLayout = {
	size: number;
	slope: Int32Array;
	difficulty: Int32Array;
	mean: number;
	sd: number;
};

function parameterLayout(model: ModelState): ParameterLayout {
	const itemCount = model.role.length;
	const slope = new Int32Array(itemCount).fill(-1);
	const difficulty = new Int32Array(itemCount).fill(-1);
	let size = 0;
	const anyFree = model.role.some((role) => role === FREE);
	const sharedSlope = model.kind === 'common-a' && anyFree ? size++ : -1;
	for (let j = 0; j < itemCount; j++) {
		if (model.role[j] !== FREE) continue;
		if (model.kind === '2pl') slope[j] = size++;
		else if (model.kind === 'common-a') slope[j] = sharedSlope;
		difficulty[j] = size++;
	}
	const mean = model.estimateLatent ? size++ : -1;
	const sd = model.estimateLatent ? size++ : -1;
	return { size, slope, difficulty, mean, sd };
}

/**
 * Cross-product standard errors in the (a, b) parameterisation. Person p's score vector is the posterior
 * expectation of the complete-data gradient (Louis 1982, Fisher's identity):
 *   ∂/∂b_j = E[−a_j (x_pj − P_j(θ))],  ∂/∂a_j = E[(θ − b_j)(x_pj − P_j(θ))],
 *   ∂/∂μ = E[(θ − μ)/σ²],  ∂/∂σ = E[((θ − μ)² − σ²)/σ³].
 */
export function crossProductStandardErrors(
	data: PatternSet,
	model: ModelState,
	rule: QuadratureRule
): ItemStandardError[] {
	const itemCount = model.role.length;
	const layout = parameterLayout(model);
	const size = layout.size;
	const result = Array.from(model.role, (role): ItemStandardError =>
		role === ANCHOR ? { a: 0, b: 0 } : { a: Infinity, b: Infinity }
	);
	if (size === 0 || data.patternCount === 0) return result;

	const points = rule.nodes.length;
	const thetas = nodeThetas(model, rule);
	const tables = logProbabilityTables(model, thetas);
	const logWeights = rule.weights.map(Math.log);
	const posterior = new Float64Array(points);
	const information = new Float64Array(size * size);
	const score = new Float64Array(size);
	const touched = new Int32Array(size);
	const isTouched = new Uint8Array(size);

	for (let p = 0; p < data.patternCount; p++) {
		patternPosterior(data, p, logWeights, tables, posterior);
		const frequency = data.frequency[p];
		let touchedCount = 0;
		const add = (index: number, value: number) => {
			if (index < 0) return;
			if (!isTouched[index]) {
				isTouched[index] = 1;
				touched[touchedCount++] = index;
			}
			score[index] += value / frequency; // posterior carries the frequency; scores are per person
		};
		for (let e = data.offsets[p]; e < data.offsets[p + 1]; e++) {
			const j = data.items[e];
			if (model.role[j] !== FREE) continue;
			const x = data.correct[e];
			const offset = j * points;
			let slopeScore = 0;
			let difficultyScore = 0;
			for (let q = 0; q < points; q++) {
				const residual = x - Math.exp(tables.logCorrect[offset + q]);
				slopeScore += posterior[q] * (thetas[q] - model.b[j]) * residual;
				difficultyScore -= posterior[q] * model.a[j] * residual;
			}
			add(layout.slope[j], slopeScore);
			add(layout.difficulty[j], difficultyScore);
		}
		if (model.estimateLatent) {
			let meanScore = 0;
			let sdScore = 0;
			const variance = model.sd * model.sd;
			for (let q = 0; q < points; q++) {
				const deviation = thetas[q] - model.mean;
				meanScore += (posterior[q] * deviation) / variance;
				sdScore += (posterior[q] * (deviation * deviation - variance)) / (variance * model.sd);
			}
			add(layout.mean, meanScore);
			add(layout.sd, sdScore);
		}
		for (let s = 0; s < touchedCount; s++) {
			const row = touched[s];
			for (let t = 0; t < touchedCount; t++) {
				const column = touched[t];
				information[row * size + column] += frequency * score[row] * score[column];
			}
		}
		for (let s = 0; s < touchedCount; s++) {
			score[touched[s]] = 0;
			isTouched[touched[s]] = 0;
		}
	}

	if (model.slopePrior) {
		// Bayes modal estimates: the prior's curvature adds to the information of each slope.
		for (let j = 0; j < itemCount; j++) {
			const index = layout.slope[j];
			if (index >= 0)
				information[index * size + index] += slopePriorTerms(
					model.a[j],
					model.slopePrior
				).curvature;
		}
	}
	const variances = inverseDiagonalSpd(information, size);
	for (let j = 0; j < itemCount; j++) {
		if (model.role[j] !== FREE) continue;
		const slopeIndex = layout.slope[j];
		const difficultyIndex = layout.difficulty[j];
		result[j] = {
			a: slopeIndex < 0 ? 0 : variances ? Math.sqrt(variances[slopeIndex]) : Infinity,
			b: variances ? Math.sqrt(variances[difficultyIndex]) : Infinity
		};
	}
	return result;
}
