/**
 * The demo's dice: a seeded generator (mulberry32, Tommy Ettinger's 32-bit mixer), so every first
 * start answers, reviews and studies the same way. Not for anything secret.
 */
export type Dice = {
	/** Uniform in [0, 1). */
	next(): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** A whole number from `min` to `max`, both included. */
	between(min: number, max: number): number;
};

export function dice(seed: number): Dice {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	return {
		next,
		chance: (p) => next() < p,
		between: (min, max) => min + Math.floor(next() * (max - min + 1))
	};
}
