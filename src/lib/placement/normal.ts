/**
 * The standard normal distribution: density, quantile and quadrature rules for E[f(θ)], θ ~ N(μ, σ²).
 *
 * Quadrature is how every integral over ability is done in this folder (EAP scores, the marginal likelihood
 * of the EM calibration). A rule is a set of nodes z_k with weights w_k (Σ w_k = 1) such that
 * E[f(Z)] ≈ Σ_k w_k f(z_k) for Z ~ N(0, 1); a normal with mean μ and SD σ uses nodes μ + σ z_k.
 */

/** A quadrature rule for the standard normal: weights sum to 1. Float64Array for tight loops. */
export type QuadratureRule = { readonly nodes: Float64Array; readonly weights: Float64Array };

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Standard normal density φ(z) = exp(−z²/2) / √(2π). */
export function normalDensity(z: number): number {
	return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

/**
 * Standard normal distribution function Φ(z) = erfc(−z/√2)/2, with erfc by the Chebyshev fit of
 * Press et al., *Numerical Recipes* (2nd ed., §6.2, `erfcc`): relative error < 1.2e-7 everywhere.
 */
export function normalCdf(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.5 * x);
	const erfc =
		t *
		Math.exp(
			-x * x -
				1.26551223 +
				t *
					(1.00002368 +
						t *
							(0.37409196 +
								t *
									(0.09678418 +
										t *
											(-0.18628806 +
												t *
													(0.27886807 +
														t *
															(-1.13520398 +
																t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
		);
	return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

function polynomial(coefficients: readonly number[], x: number): number {
	let value = 0;
	for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i];
	return value;
}

// Wichura (1988), Algorithm AS 241 (PPND16), coefficients in ascending powers, written as the shortest
// decimal of the nearest double (the published 20-digit values parse to exactly these numbers).
const AS241_A = [
	3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
	67265.7709270087, 33430.57558358813, 2509.0809287301227
];
const AS241_B = [
	1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
	28729.085735721943, 5226.495278852854
];
const AS241_C = [
	1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
	0.2417807251774506, 0.022723844989269184, 0.0007745450142783414
];
const AS241_D = [
	1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
	0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9
];
const AS241_E = [
	6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
	0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7
];
const AS241_F = [
	1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
	0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15
];

/**
 * Quantile of the standard normal, Φ⁻¹(p), accurate to about 1e-16 relative.
 * Source: Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal distribution.
 * Applied Statistics 37(3), 477–484. Used to turn a classification confidence into a z multiplier.
 */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
	const q = p - 0.5;
	if (Math.abs(q) <= 0.425) {
		const r = 0.180625 - q * q;
		return (q * polynomial(AS241_A, r)) / polynomial(AS241_B, r);
	}
	let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
	let x: number;
	if (r <= 5) {
		r -= 1.6;
		x = polynomial(AS241_C, r) / polynomial(AS241_D, r);
	} else {
		r -= 5;
		x = polynomial(AS241_E, r) / polynomial(AS241_F, r);
	}
	return q < 0 ? -x : x;
}

/**
 * Equally spaced nodes on [−halfWidth, halfWidth] with weights φ(z_k) normalised to sum to 1.
 *
 * This is the rule of mirt (61 points on [−6, 6] for calibration, 121 for `fscores`) and, up to the range,
 * of catR and BILOG. Because the normal density is smooth and negligible beyond ±6, the equally spaced
 * (trapezoid) rule converges geometrically as long as the spacing is small relative to the posterior SD.
 */
export function rectangularRule(points: number, halfWidth = 6): QuadratureRule {
	if (!Number.isInteger(points) || points < 2) {
		throw new RangeError(`rectangularRule: need an integer number of points ≥ 2, got ${points}`);
	}
	const nodes = new Float64Array(points);
	const weights = new Float64Array(points);
	const step = (2 * halfWidth) / (points - 1);
	let total = 0;
	for (let k = 0; k < points; k++) {
		nodes[k] = -halfWidth + k * step;
		weights[k] = normalDensity(nodes[k]);
		total += weights[k];
	}
	for (let k = 0; k < points; k++) weights[k] /= total;
	return { nodes, weights };
}

/**
 * Gauss–Hermite rule for the standard normal: nodes √2·x_k, weights w_k/√π from the physicists' rule
 * ∫ e^{−x²} f(x) dx ≈ Σ w_k f(x_k). Exact for polynomials of degree ≤ 2n − 1.
 *
 * Roots by Newton's method on orthonormal Hermite polynomials with the initial guesses of Press et al.,
 * *Numerical Recipes* (3rd ed., 2007), §4.6 `gauher`. This is the rule ltm uses (21 points by default),
 * included so its published EAP scores can be reproduced exactly.
 */
export function gaussHermiteRule(points: number): QuadratureRule {
	if (!Number.isInteger(points) || points < 1 || points > 200) {
		throw new RangeError(
			`gaussHermiteRule: need an integer number of points in 1..200, got ${points}`
		);
	}
	const n = points;
	const x = new Float64Array(n);
	const w = new Float64Array(n);
	const PIM4 = Math.pow(Math.PI, -0.25);
	let z = 0;
	for (let i = 0; i < (n + 1) >> 1; i++) {
		if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
		else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
		else if (i === 2) z = 1.86 * z - 0.86 * x[0];
		else if (i === 3) z = 1.91 * z - 0.91 * x[1];
		else z = 2 * z - x[i - 2];
		let derivative = 0;
		for (let iteration = 0; iteration < 100; iteration++) {
			let p1 = PIM4;
			let p2 = 0;
			for (let j = 0; j < n; j++) {
				const p3 = p2;
				p2 = p1;
				p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
			}
			derivative = Math.sqrt(2 * n) * p2;
			const previous = z;
			z = previous - p1 / derivative;
			if (Math.abs(z - previous) <= 1e-15 * Math.max(1, Math.abs(z))) break;
		}
		x[i] = z;
		x[n - 1 - i] = -z;
		w[i] = 2 / (derivative * derivative);
		w[n - 1 - i] = w[i];
	}
	// Ascending order, mapped to the standard normal.
	const nodes = new Float64Array(n);
	const weights = new Float64Array(n);
	let total = 0;
	for (let k = 0; k < n; k++) {
		nodes[k] = Math.SQRT2 * x[n - 1 - k];
		weights[k] = w[n - 1 - k] / Math.sqrt(Math.PI);
		total += weights[k];
	}
	// Σ w_k/√π = 1 analytically; renormalise away the last ulp of rounding.
	for (let k = 0; k < n; k++) weights[k] /= total;
	return { nodes, weights };
}
