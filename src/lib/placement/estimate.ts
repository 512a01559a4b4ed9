/**
 * Ability estimation for known item parameters: EAP (the default, used by the adaptive test) and MLE.
 *
 * EAP is preferred for the adaptive test because it exists for every response pattern, including the
 * all-correct and all-wrong patterns that are common after the first few items, and because its posterior
 * SD is exactly the quantity the stopping rule needs. MLE is offered for reporting and cross-checks.
 */
import { information, logLikelihoodOf, probability, softplus, type ItemParams } from './model';
import { gaussHermiteRule, rectangularRule, type QuadratureRule } from './normal';

/** One scored answer to an item with known parameters. */
export type ScoredResponse = { item: ItemParams; correct: boolean };

/** A point estimate of θ with its standard error (posterior SD for EAP, 1/√I for MLE). */
export type AbilityEstimate = { theta: number; se: number };

export type EstimateOptions = {
	/** 'eap' (default): posterior mean under a normal prior. 'mle': maximum likelihood. */
	method?: 'eap' | 'mle';
	/** Mean of the normal prior (EAP only). Default 0: the calibration scale's population mean. */
	priorMean?: number;
	/** SD of the normal prior (EAP only). Default 1. */
	priorSd?: number;
	/** Quadrature points (EAP only). Default 121 rectangular points, 41 Gauss–Hermite points. */
	points?: number;
	/** Quadrature family (EAP only). Default 'rectangular' on prior mean ± 6 prior SD. */
	quadrature?: 'rectangular' | 'gauss-hermite';
	/** Search interval for the MLE (MLE only). Default [−6, 6]. */
	bounds?: readonly [number, number];
};

/**
 * 121 points on [−6, 6] (spacing 0.1): mirt's `fscores` default. The rectangular rule is accurate while the
 * spacing is well below the posterior SD; a CAT drives the posterior SD down to ~0.2–0.3, where 61 points
 * (spacing 0.2) would already lose digits and 121 keeps EAP exact to ~1e-9.
 */
export const DEFAULT_EAP_POINTS = 121;
/** Default Gauss–Hermite size when `quadrature: 'gauss-hermite'` is asked for without `points`. */
export const DEFAULT_GAUSS_HERMITE_POINTS = 41;
/** MLE search interval: θ beyond ±6 is meaningless on an N(0, 1) calibration scale. */
export const DEFAULT_MLE_BOUNDS: readonly [number, number] = [-6, 6];

const ruleCache = new Map<string, QuadratureRule>();

/** Quadrature rules are immutable and reused: the CAT estimates after every answer. */
export function quadratureRule(
	kind: 'rectangular' | 'gauss-hermite',
	points: number
): QuadratureRule {
	const key = `${kind}:${points}`;
	let rule = ruleCache.get(key);
	if (!rule) {
		rule = kind === 'rectangular' ? rectangularRule(points) : gaussHermiteRule(points);
		ruleCache.set(key, rule);
	}
	return rule;
}

/**
 * Estimate θ from scored responses to items with known parameters.
 *
 * EAP (default): θ̂ = ∫ θ L(θ) g(θ) dθ / ∫ L(θ) g(θ) dθ and SE = posterior SD, with L(θ) = Π P_j^x (1 − P_j)^(1−x)
 * and g = N(priorMean, priorSd²), integrated by quadrature (Bock & Mislevy 1982, "Adaptive EAP estimation
 * of ability in a microcomputer environment", Applied Psychological Measurement 6, 431–444).
 *
 * MLE: root of ∂ log L/∂θ = Σ a_j (x_j − P_j)(P_j − c_j) / (P_j (1 − c_j)) found by Newton/Fisher-scoring
 * steps with a bisection safeguard, SE = 1/√(Σ I_j(θ̂)) (Baker & Kim 2004, ch. 7; Lord 1980, ch. 5).
 * For all-correct / all-wrong patterns the likelihood has no maximum; the estimate is then the nearer
 * bound of `bounds` (default ±6) and the SE is 1/√I at that bound — a deliberately large number.
 *
 * @throws RangeError for MLE without responses (undefined) or an invalid prior.
 */
export function estimateAbility(
	responses: readonly ScoredResponse[],
	options: EstimateOptions = {}
): AbilityEstimate {
	if ((options.method ?? 'eap') === 'mle') {
		return maximumLikelihood(responses, options.bounds ?? DEFAULT_MLE_BOUNDS);
	}
	const kind = options.quadrature ?? 'rectangular';
	const points =
		options.points ?? (kind === 'rectangular' ? DEFAULT_EAP_POINTS : DEFAULT_GAUSS_HERMITE_POINTS);
	return expectedAPosteriori(
		responses,
		options.priorMean ?? 0,
		options.priorSd ?? 1,
		quadratureRule(kind, points)
	);
}

/**
 * EAP with prior N(mean, sd²) on the rule's nodes mean + sd·z_k. Works in log space: the log posterior is
 * shifted by its maximum before exponentiating, so 100+ items (likelihoods far below 1e-300) are fine.
 */
export function expectedAPosteriori(
	responses: readonly ScoredResponse[],
	priorMean: number,
	priorSd: number,
	rule: QuadratureRule
): AbilityEstimate {
	if (!Number.isFinite(priorMean))
		throw new RangeError(`prior mean must be finite, got ${priorMean}`);
	if (!(priorSd > 0 && Number.isFinite(priorSd))) {
		throw new RangeError(`prior SD must be a finite positive number, got ${priorSd}`);
	}
	const { nodes, weights } = rule;
	const count = nodes.length;
	const thetas = new Float64Array(count);
	const logPosterior = new Float64Array(count);
	for (let k = 0; k < count; k++) {
		thetas[k] = priorMean + priorSd * nodes[k];
		logPosterior[k] = Math.log(weights[k]);
	}
	// Item-major loop: the adaptive test re-scores after every answer, so this is its hot path.
	for (const { item, correct } of responses) {
		if ((item.c ?? 0) !== 0) {
			for (let k = 0; k < count; k++) logPosterior[k] += logLikelihoodOf(thetas[k], item, correct);
			continue;
		}
		// c = 0: log P = −softplus(−z), log(1 − P) = −softplus(z), z = a(θ − b).
		const sign = correct ? -1 : 1;
		for (let k = 0; k < count; k++)
			logPosterior[k] -= softplus(sign * item.a * (thetas[k] - item.b));
	}
	return posteriorMoments(thetas, logPosterior);
}

/** Mean and SD of a discrete distribution given by unnormalised log masses (two-pass for accuracy). */
export function posteriorMoments(thetas: Float64Array, logMass: Float64Array): AbilityEstimate {
	let max = -Infinity;
	for (let k = 0; k < logMass.length; k++) if (logMass[k] > max) max = logMass[k];
	let total = 0;
	let first = 0;
	const mass = new Float64Array(logMass.length);
	for (let k = 0; k < logMass.length; k++) {
		mass[k] = Math.exp(logMass[k] - max);
		total += mass[k];
		first += mass[k] * thetas[k];
	}
	const mean = first / total;
	let second = 0;
	for (let k = 0; k < logMass.length; k++) second += mass[k] * (thetas[k] - mean) ** 2;
	return { theta: mean, se: Math.sqrt(second / total) };
}

/** ∂ log L / ∂θ for the 3PL (reduces to Σ a (x − P) when c = 0). */
function scoreFunction(theta: number, responses: readonly ScoredResponse[]): number {
	let total = 0;
	for (const { item, correct } of responses) {
		const c = item.c ?? 0;
		const p = probability(theta, item);
		const residual = (correct ? 1 : 0) - p;
		total += c === 0 ? item.a * residual : (item.a * residual * (p - c)) / (p * (1 - c));
	}
	return total;
}

function logLikelihood(theta: number, responses: readonly ScoredResponse[]): number {
	let total = 0;
	for (const { item, correct } of responses) total += logLikelihoodOf(theta, item, correct);
	return total;
}

function fisherInformation(theta: number, responses: readonly ScoredResponse[]): number {
	let total = 0;
	for (const { item } of responses) total += information(theta, item);
	return total;
}

const MLE_GRID_POINTS = 121;

function maximumLikelihood(
	responses: readonly ScoredResponse[],
	bounds: readonly [number, number]
): AbilityEstimate {
	if (responses.length === 0) throw new RangeError('MLE is undefined without responses');
	const [lower, upper] = bounds;
	if (!(lower < upper))
		throw new RangeError(`MLE bounds must satisfy lower < upper, got ${bounds}`);
	const theta = maximiseLikelihood(responses, lower, upper);
	const info = fisherInformation(theta, responses);
	return { theta, se: info > 0 ? 1 / Math.sqrt(info) : Infinity };
}

/**
 * A coarse grid search first, so that a multimodal 3PL likelihood cannot trap Newton in a minor mode and
 * monotone (all-correct/all-wrong) likelihoods are recognised by their maximum sitting on a bound.
 */
function maximiseLikelihood(
	responses: readonly ScoredResponse[],
	lower: number,
	upper: number
): number {
	const step = (upper - lower) / (MLE_GRID_POINTS - 1);
	let best = 0;
	let bestValue = -Infinity;
	for (let k = 0; k < MLE_GRID_POINTS; k++) {
		const value = logLikelihood(lower + k * step, responses);
		if (value > bestValue) {
			bestValue = value;
			best = k;
		}
	}
	const peak = lower + best * step;
	const slope = scoreFunction(peak, responses);
	if (best === 0 && slope <= 0) return lower;
	if (best === MLE_GRID_POINTS - 1 && slope >= 0) return upper;
	if (slope === 0) return peak;
	// The maximum lies on the side of the peak the slope points to, within one grid step.
	const left = slope > 0 ? peak : Math.max(lower, peak - step);
	const right = slope > 0 ? Math.min(upper, peak + step) : peak;
	return safeguardedNewton(responses, left, right);
}

/**
 * Newton (Fisher-scoring) steps on the score function inside a bracket [left, right] where the score goes
 * from ≥ 0 to ≤ 0. Any step leaving the bracket is replaced by bisection, so convergence is guaranteed.
 */
function safeguardedNewton(
	responses: readonly ScoredResponse[],
	left: number,
	right: number
): number {
	let lo = left;
	let hi = right;
	if (scoreFunction(lo, responses) < 0 || scoreFunction(hi, responses) > 0) {
		return goldenSectionMaximum(responses, lo, hi);
	}
	let theta = 0.5 * (lo + hi);
	for (let iteration = 0; iteration < 200; iteration++) {
		const slope = scoreFunction(theta, responses);
		if (slope > 0) lo = theta;
		else if (slope < 0) hi = theta;
		else return theta;
		const info = fisherInformation(theta, responses);
		let next = theta + slope / info;
		if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
		if (Math.abs(next - theta) < 1e-12 || hi - lo < 1e-12) return next;
		theta = next;
	}
	return theta;
}

/** Fallback for the pathological case of a non-bracketing score (a dip inside one grid cell). */
function goldenSectionMaximum(
	responses: readonly ScoredResponse[],
	left: number,
	right: number
): number {
	const ratio = (Math.sqrt(5) - 1) / 2;
	let a = left;
	let b = right;
	let x1 = b - ratio * (b - a);
	let x2 = a + ratio * (b - a);
	let f1 = logLikelihood(x1, responses);
	let f2 = logLikelihood(x2, responses);
	while (b - a > 1e-10) {
		if (f1 < f2) {
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = a + ratio * (b - a);
			f2 = logLikelihood(x2, responses);
		} else {
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = b - ratio * (b - a);
			f1 = logLikelihood(x1, responses);
		}
	}
	return 0.5 * (a + b);
}
