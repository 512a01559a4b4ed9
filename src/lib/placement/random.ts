/**
 * Seeded pseudo-random numbers for simulations, tests and the benchmark, so that every run reproduces.
 * Not for anything security-related (session ids, item-order secrecy): use crypto for those.
 */

/** A source of uniform numbers in [0, 1), like Math.random. */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit-state generator by Tommy Ettinger (public domain, 2017), passes PractRand to 2^32
 * outputs and gap tests that matter for simulations with ~10⁷ draws. Returns multiples of 2⁻³² in [0, 1).
 */
export function mulberry32(seed: number): Rng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Normal deviate by the Box–Muller transform (Box & Muller 1958); 1 − u keeps the log argument > 0. */
export function randomNormal(rng: Rng, mean = 0, sd = 1): number {
	const u = 1 - rng();
	const v = rng();
	return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Uniform deviate on [lower, upper). */
export function randomUniform(rng: Rng, lower: number, upper: number): number {
	return lower + (upper - lower) * rng();
}
