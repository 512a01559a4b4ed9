/**
 * Selection criteria for the first items of an adaptive test, when θ̂ rests on a few answers and the
 * item most informative at θ̂ may be informative at the wrong place. After `SelectionRule.firstItems`
 * scored items the test goes back to maximum information at θ̂ (cat.ts).
 *
 * - 'max-info': Fisher information at the point estimate, I_j(θ̂) (Lord 1980, ch. 10).
 * - 'posterior-weighted': PWI_j = ∫ I_j(θ) π(θ | x) dθ, the information averaged over the current posterior
 *   (van der Linden 1998, "Bayesian item selection criteria for adaptive testing", Psychometrika 63, 201–216;
 *   van der Linden & Pashley 2010).
 * - 'kl': Kullback–Leibler information over an interval around θ̂ (Chang & Ying 1996, "A global information
 *   approach to computerized adaptive testing", Applied Psychological Measurement 20, 213–229):
 *
 *     KL_j(θ̂) = ∫_{θ̂−δₙ}^{θ̂+δₙ} [P_j(θ̂) log(P_j(θ̂)/P_j(θ)) + Q_j(θ̂) log(Q_j(θ̂)/Q_j(θ))] dθ,
 *     δₙ = 3/√n after n items (δ₀ = 3).
 * - 'expected-variance': minimum expected posterior variance after the item (one-step look-ahead;
 *   van der Linden 1998, criterion MEPV): −[P̄_j·Var(θ | x, 1) + (1 − P̄_j)·Var(θ | x, 0)], P̄_j = ∫ P_j π.
 *   Ranked by the negative so that, like the others, larger is better.
 *
 * Integrals by the rectangular rule; posterior nodes carrying < 1e-6 of the mass are skipped.
 */
import type { ItemParams } from './model';
import {
	information,
	logLikelihoodOf,
	logProbabilityCorrect,
	logProbabilityIncorrect
} from './model';

export const SELECTION_METHODS = [
	'max-info',
	'posterior-weighted',
	'kl',
	'expected-variance'
] as const;
export type SelectionMethod = (typeof SELECTION_METHODS)[number];

type Answer = ItemParams & { correct: boolean };

const POSTERIOR_POINTS = 61;
const POSTERIOR_HALF_WIDTH = 6;
const KL_POINTS = 13;

/**
 * The ranking value of each candidate item for `method`, given the scored answers so far, the selection
 * point θ and the N(mean, sd²) prior of the EAP.
 */
export function selectionValue(
	method: SelectionMethod,
	answers: readonly Answer[],
	theta: number,
	prior: { mean: number; sd: number }
): (item: ItemParams) => number {
	if (method === 'posterior-weighted') {
		const { nodes, weights } = posteriorGrid(answers, prior);
		return (item) => {
			let total = 0;
			for (let k = 0; k < nodes.length; k++) total += weights[k] * information(nodes[k], item);
			return total;
		};
	}
	if (method === 'expected-variance') {
		const { nodes, weights } = posteriorGrid(answers, prior);
		return (item) => -expectedPosteriorVariance(item, nodes, weights);
	}
	if (method === 'kl') {
		const delta = 3 / Math.sqrt(Math.max(1, answers.length));
		return (item) => klInformation(item, theta, delta);
	}
	return (item) => information(theta, item);
}

/** Posterior on an even grid, normalised, with negligible nodes dropped. */
export function posteriorGrid(
	answers: readonly Answer[],
	prior: { mean: number; sd: number }
): { nodes: number[]; weights: number[] } {
	const step = (2 * POSTERIOR_HALF_WIDTH) / (POSTERIOR_POINTS - 1);
	const logMass: number[] = [];
	const all: number[] = [];
	let max = -Infinity;
	for (let k = 0; k < POSTERIOR_POINTS; k++) {
		const theta = prior.mean + prior.sd * (-POSTERIOR_HALF_WIDTH + k * step);
		let value = -0.5 * ((theta - prior.mean) / prior.sd) ** 2;
		for (const answer of answers) value += logLikelihoodOf(theta, answer, answer.correct);
		all.push(theta);
		logMass.push(value);
		if (value > max) max = value;
	}
	const mass = logMass.map((value) => Math.exp(value - max));
	const total = mass.reduce((sum, value) => sum + value, 0);
	const nodes: number[] = [];
	const weights: number[] = [];
	for (let k = 0; k < mass.length; k++) {
		const weight = mass[k] / total;
		if (weight < 1e-6) continue;
		nodes.push(all[k]);
		weights.push(weight);
	}
	return { nodes, weights };
}

/** ∫_{θ̂−δ}^{θ̂+δ} KL(P(θ̂) ‖ P(θ)) dθ by the midpoint rule on KL_POINTS cells. */
export function klInformation(item: ItemParams, thetaHat: number, delta: number): number {
	const logP0 = logProbabilityCorrect(thetaHat, item);
	const logQ0 = logProbabilityIncorrect(thetaHat, item);
	const p0 = Math.exp(logP0);
	const q0 = Math.exp(logQ0);
	const width = (2 * delta) / KL_POINTS;
	let total = 0;
	for (let k = 0; k < KL_POINTS; k++) {
		const theta = thetaHat - delta + (k + 0.5) * width;
		total +=
			p0 * (logP0 - logProbabilityCorrect(theta, item)) +
			q0 * (logQ0 - logProbabilityIncorrect(theta, item));
	}
	return total * width;
}

/** E[Var(θ | x, next answer)] over the predictive distribution of the next answer. */
export function expectedPosteriorVariance(
	item: ItemParams,
	nodes: readonly number[],
	weights: readonly number[]
): number {
	let right = 0;
	let rightFirst = 0;
	let rightSecond = 0;
	let wrongFirst = 0;
	let wrongSecond = 0;
	for (let k = 0; k < nodes.length; k++) {
		const p = Math.exp(logProbabilityCorrect(nodes[k], item));
		const w = weights[k];
		right += w * p;
		rightFirst += w * p * nodes[k];
		rightSecond += w * p * nodes[k] * nodes[k];
		wrongFirst += w * (1 - p) * nodes[k];
		wrongSecond += w * (1 - p) * nodes[k] * nodes[k];
	}
	const wrong = 1 - right;
	const variance = (mass: number, first: number, second: number) =>
		mass > 0 ? second / mass - (first / mass) ** 2 : 0;
	return (
		right * variance(right, rightFirst, rightSecond) +
		wrong * variance(wrong, wrongFirst, wrongSecond)
	);
}
