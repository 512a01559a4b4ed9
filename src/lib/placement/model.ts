/**
 * Item response model: the logistic 1PL/2PL/3PL family WITHOUT the 1.702 scaling constant (D = 1),
 * the metric used by the R packages ltm and mirt for the reference values in shared/data/irt.
 *
 *   P(θ) = c + (1 − c) / (1 + exp(−a(θ − b)))
 *
 * Everything here is a pure function of numbers so it can run in the browser, on the server and in
 * simulations alike. Log-probabilities are computed without forming 1 − P, because for very easy or very
 * hard items P rounds to exactly 1 or 0 in double precision and log(1 − P) would become −∞.
 */

/** Item parameters: discrimination `a` (> 0), difficulty `b`, lower asymptote `c` (guessing, default 0). */
export type ItemParams = { a: number; b: number; c?: number };

/** Standard logistic function 1 / (1 + e^−z), evaluated so that neither branch overflows. */
export function logistic(z: number): number {
	if (z >= 0) return 1 / (1 + Math.exp(-z));
	const e = Math.exp(z);
	return e / (1 + e);
}

/** softplus(z) = log(1 + e^z), stable for large |z| (log1p keeps precision when e^z is tiny). */
export function softplus(z: number): number {
	return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Probability of a correct response, P(θ) = c + (1 − c) / (1 + exp(−a(θ − b))), D = 1.
 *
 * Source: Birnbaum (1968) in Lord & Novick, *Statistical Theories of Mental Test Scores*, ch. 17;
 * Baker & Kim (2004), *Item Response Theory: Parameter Estimation Techniques*, eq. 2.1 (logistic form).
 */
export function probability(theta: number, item: ItemParams): number {
	const c = item.c ?? 0;
	return c + (1 - c) * logistic(item.a * (theta - item.b));
}

/**
 * Fisher information of one item at θ.
 *
 *   I(θ) = a² · (Q / P) · ((P − c) / (1 − c))²      (3PL; reduces to a² P Q when c = 0)
 *
 * Written as a² · σ(z)² · (1 − c) · σ(−z) / P with z = a(θ − b), which is algebraically the same but never
 * subtracts nearly equal numbers, so it stays accurate (and > 0) far from b.
 *
 * Source: Birnbaum (1968); Baker & Kim (2004), eq. 3.4 / Lord (1980), *Applications of IRT*, eq. 5-7.
 */
export function information(theta: number, item: ItemParams): number {
	const c = item.c ?? 0;
	const z = item.a * (theta - item.b);
	const s = logistic(z);
	const sMinus = logistic(-z);
	if (c === 0) return item.a * item.a * s * sMinus;
	const p = c + (1 - c) * s;
	return (item.a * item.a * s * s * (1 - c) * sMinus) / p;
}

/** Test information Σ I_j(θ) (Lord 1980, eq. 5-6): information adds over locally independent items. */
export function testInformation(theta: number, items: readonly ItemParams[]): number {
	let total = 0;
	for (const item of items) total += information(theta, item);
	return total;
}

/** log P(θ): for c = 0 this is −softplus(−z), exact even when P underflows to 0. */
export function logProbabilityCorrect(theta: number, item: ItemParams): number {
	const c = item.c ?? 0;
	const z = item.a * (theta - item.b);
	if (c === 0) return -softplus(-z);
	// P ≥ c > 0, so the direct logarithm cannot underflow.
	return Math.log(c + (1 - c) * logistic(z));
}

/** log(1 − P(θ)) = log(1 − c) − softplus(z), computed without forming 1 − P. */
export function logProbabilityIncorrect(theta: number, item: ItemParams): number {
	const c = item.c ?? 0;
	const z = item.a * (theta - item.b);
	return (c === 0 ? 0 : Math.log1p(-c)) - softplus(z);
}

/** Log-likelihood of one scored response: log P if correct, log(1 − P) if not. */
export function logLikelihoodOf(theta: number, item: ItemParams, correct: boolean): number {
	return correct ? logProbabilityCorrect(theta, item) : logProbabilityIncorrect(theta, item);
}

/**
 * Throws a RangeError unless the parameters describe a usable item: finite a > 0, finite b, 0 ≤ c < 1.
 * Called at API boundaries (bank validation, calibration anchors) rather than in hot loops.
 */
export function assertItemParams(item: ItemParams, label = 'item'): void {
	if (!Number.isFinite(item.a) || item.a <= 0) {
		throw new RangeError(
			`${label}: discrimination a must be a finite positive number (got ${item.a})`
		);
	}
	if (!Number.isFinite(item.b))
		throw new RangeError(`${label}: difficulty b must be finite (got ${item.b})`);
	const c = item.c ?? 0;
	if (!Number.isFinite(c) || c < 0 || c >= 1) {
		throw new RangeError(`${label}: guessing c must be in [0, 1) (got ${item.c})`);
	}
}
