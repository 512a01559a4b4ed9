/**
 * Stop rules for pass/fail screening against one cut θc, as pure functions of the scored answers so far.
 *
 * Four rules, compared side by side in `npm run bench:cat`:
 *
 * - `credible-interval`: stop when the two-sided credible interval θ̂ ± z·SE at `confidence` excludes θc
 *   (Kingsbury & Weiss 1983, "adaptive mastery testing"). Optional stochastic curtailment (below).
 * - `sprt`: Wald's sequential probability ratio test of H₀: θ = θc − δ against H₁: θ = θc + δ (the indifference
 *   region is θc ± δ), with error rates α = β = 1 − confidence (Wald 1947, *Sequential Analysis*;
 *   Reckase 1983; Eggen 1999, "Item selection in adaptive testing with the sequential probability ratio
 *   test", Applied Psychological Measurement 23, 249–261):
 *
 *     Λₙ = Σᵢ [log Pᵢ(θc + δ)^xᵢ Qᵢ(θc + δ)^(1−xᵢ) − log Pᵢ(θc − δ)^xᵢ Qᵢ(θc − δ)^(1−xᵢ)]
 *     pass when Λₙ ≥ A = log((1 − β)/α), fail when Λₙ ≤ B = log(β/(1 − α)), else continue.
 *
 * - `glr`: the generalized likelihood ratio (Bartroff, Finkelman & Lai 2008; Thompson 2009, "Item selection
 *   in computerized classification testing", Educational and Psychological Measurement 69, 778–793): the
 *   point hypotheses are replaced by the best θ on each side,
 *
 *     Λₙ = sup_{θ ≥ θc+δ} ℓ(θ) − sup_{θ ≤ θc−δ} ℓ(θ),  same bounds A and B.
 *
 *   For the 2PL ℓ is concave, so each supremum is ℓ at the MLE when the MLE lies in the region, otherwise
 *   ℓ at the region's edge. A candidate far from the cut is classified sooner than by the SPRT.
 * - `posterior`: stop when the posterior probability of the wrong side is ≤ 1 − confidence, i.e. the
 *   one-sided interval at `confidence` excludes θc (the Bayes rule for a 0–1 loss: every decision made
 *   has posterior error ≤ 1 − c, so the share of correct decisions is ≥ c when the prior is the
 *   population; Lewis & Sheehan 1990 for the Bayesian mastery stop).
 *
 * Stochastic curtailment (Finkelman 2008, "On using stochastic curtailment to shorten the SPRT in
 * sequential mastery testing", J. Educational and Behavioral Statistics 33, 442–463), here for the
 * interval rules: the posterior mean is a martingale, so if the test ran to `maxItems` the final θ̂ would be
 * about N(θ̂ₙ, SEₙ² − SE_max²), SE_max² = 1/(1/SEₙ² + k·Īₙ) with k items left and Īₙ the mean information
 * of the items given at θ̂ₙ. Stop when the chance that the decision would change,
 * Φ(−|θ̂ₙ − θc| / √(SEₙ² − SE_max²)), is ≤ 1 − confidence.
 */
import type { AbilityEstimate, ScoredResponse } from './estimate';
import { estimateAbility } from './estimate';
import { information, logLikelihoodOf, probability, type ItemParams } from './model';
import { normalCdf, normalQuantile } from './normal';

export const STOP_RULES = ['credible-interval', 'sprt', 'glr', 'posterior'] as const;
export type StopRule = (typeof STOP_RULES)[number];

/** The stop rule's parameters (a subset of `ClassificationRule`). */
export type StopRuleConfig = {
	cut: number;
	confidence: number;
	/** Default 'credible-interval' (the rule of tests started before the others existed). */
	method?: StopRule;
	/** Half-width δ of the indifference region θc ± δ (sprt, glr). Default `DEFAULT_INDIFFERENCE`. */
	indifference?: number;
	/** Stochastic curtailment for the interval rules (credible-interval, posterior). */
	curtail?: boolean;
	/**
	 * Error rate α = β of the likelihood-ratio rules at the edges of the indifference region. Default
	 * 1 − confidence (Wald's reading); (1 − confidence)/2 matches the two-sided interval's tail.
	 */
	errorRate?: number;
};

/** δ = 0.2 logits: about half of a level band on the N(0, 1) scale (bands are one logit wide). */
export const DEFAULT_INDIFFERENCE = 0.2;

export type Decision = 'pass' | 'fail';

/**
 * The screening default, chosen in `npm run bench:cat` (stop rules side by side): the GLR with δ = 0.2
 * and α = β = 1 − confidence, run without an SE stop up to 60 items, reached the confidence (±1 point) on
 * candidates concentrated around the cut and beat a fixed form twice its mean length, in fewer items than
 * the SPRT and the credible interval at equal accuracy.
 */
export const SCREENING_STOP_RULE = {
	method: 'glr',
	indifference: 0.2
} as const satisfies Partial<StopRuleConfig>;
/** Items at most when screening against a cut (candidates near the cut need them). */
export const SCREENING_MAX_ITEMS = 60;

/** Log-likelihood of the answers at θ: Σ x log P + (1 − x) log Q. */
export function logLikelihood(theta: number, responses: readonly ScoredResponse[]): number {
	let total = 0;
	for (const { item, correct } of responses) total += logLikelihoodOf(theta, item, correct);
	return total;
}

function score(theta: number, responses: readonly ScoredResponse[]): number {
	let total = 0;
	for (const { item, correct } of responses) {
		const c = item.c ?? 0;
		const p = probability(theta, item);
		const residual = (correct ? 1 : 0) - p;
		total += c === 0 ? item.a * residual : (item.a * residual * (p - c)) / (p * (1 - c));
	}
	return total;
}

/** Wald's bounds A = log((1 − β)/α), B = log(β/(1 − α)) with α = β = `error`. */
export function waldBounds(error: number): { upper: number; lower: number } {
	return { upper: Math.log((1 - error) / error), lower: Math.log(error / (1 - error)) };
}

/** SPRT statistic ℓ(θc + δ) − ℓ(θc − δ). */
export function sprtStatistic(
	responses: readonly ScoredResponse[],
	cut: number,
	indifference: number
): number {
	return (
		logLikelihood(cut + indifference, responses) - logLikelihood(cut - indifference, responses)
	);
}

/**
 * GLR statistic sup_{θ ≥ θc+δ} ℓ − sup_{θ ≤ θc−δ} ℓ. The MLE is computed only when the score at a region's
 * edge points into the region (ℓ concave for c = 0; with guessing this is the usual local reading).
 */
export function glrStatistic(
	responses: readonly ScoredResponse[],
	cut: number,
	indifference: number
): number {
	const upperEdge = cut + indifference;
	const lowerEdge = cut - indifference;
	let upper = logLikelihood(upperEdge, responses);
	let lower = logLikelihood(lowerEdge, responses);
	const rises = score(upperEdge, responses) > 0;
	const falls = score(lowerEdge, responses) < 0;
	if ((rises || falls) && responses.length > 0) {
		const mle = estimateAbility(responses, { method: 'mle' }).theta;
		const atMle = logLikelihood(mle, responses);
		if (rises && mle > upperEdge) upper = Math.max(upper, atMle);
		if (falls && mle < lowerEdge) lower = Math.max(lower, atMle);
	}
	return upper - lower;
}

/**
 * The decision the rule has reached after these answers, or null to go on.
 * `itemsLeft`: scored items the test may still give (for curtailment).
 */
export function stopDecision(
	rule: StopRuleConfig,
	responses: readonly ScoredResponse[],
	estimate: AbilityEstimate,
	itemsLeft = 0
): Decision | null {
	const method = rule.method ?? 'credible-interval';
	if (method === 'sprt' || method === 'glr') {
		const delta = rule.indifference ?? DEFAULT_INDIFFERENCE;
		const statistic =
			method === 'sprt'
				? sprtStatistic(responses, rule.cut, delta)
				: glrStatistic(responses, rule.cut, delta);
		const { upper, lower } = waldBounds(rule.errorRate ?? 1 - rule.confidence);
		if (statistic >= upper) return 'pass';
		if (statistic <= lower) return 'fail';
		return null;
	}
	const tail = method === 'posterior' ? 1 - rule.confidence : (1 - rule.confidence) / 2;
	const z = normalQuantile(1 - tail);
	if (estimate.theta - z * estimate.se >= rule.cut) return 'pass';
	if (estimate.theta + z * estimate.se < rule.cut) return 'fail';
	if (rule.curtail && itemsLeft > 0 && responses.length > 0) {
		const change = curtailedChangeProbability(responses, estimate, rule.cut, itemsLeft);
		if (change <= 1 - rule.confidence) return estimate.theta >= rule.cut ? 'pass' : 'fail';
	}
	return null;
}

/**
 * Predicted chance that the side of θ̂ changes if `itemsLeft` more items like the ones given so far
 * were answered (see the module comment): Φ(−|θ̂ − θc| / √(SE² − SE_max²)).
 */
export function curtailedChangeProbability(
	responses: readonly ScoredResponse[],
	estimate: AbilityEstimate,
	cut: number,
	itemsLeft: number
): number {
	let total = 0;
	for (const { item } of responses) total += information(estimate.theta, item as ItemParams);
	const meanInformation = total / responses.length;
	const finalVariance = 1 / (1 / estimate.se ** 2 + itemsLeft * meanInformation);
	const spread = Math.sqrt(Math.max(estimate.se ** 2 - finalVariance, 1e-12));
	return normalCdf(-Math.abs(estimate.theta - cut) / spread);
}
