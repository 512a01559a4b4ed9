/**
 * Monte-Carlo simulation of the adaptive test: simulees with known θ answer according to the model. Used by
 * the benchmark, the tests and to calibrate Sympson–Hetter exposure parameters (Han 2018, "Conducting
 * simulation studies for computerized adaptive testing using SimulCAT", JEEHP 15:20).
 */
import { SKILLS, type BankItem } from './bank';
import { nextItem, recordAnswer, startCat, type CatConfig, type CatState } from './cat';
import { probability } from './model';
import { randomUniform, type Rng } from './random';
import { DEFAULT_LEVEL_CUTS } from './scoring';

/**
 * Run one complete test for a simulee of ability `trueTheta`; `rng` drives the answers, the selection
 * draws and the test's Sympson–Hetter seed, so a seeded rng reproduces the whole test.
 */
export function simulateCat(
	trueTheta: number,
	config: CatConfig,
	bank: readonly BankItem[],
	rng: Rng
): CatState {
	let state = startCat(config, Math.floor(rng() * 2 ** 32));
	for (let item = nextItem(state, bank, rng); item; item = nextItem(state, bank, rng)) {
		state = recordAnswer(state, item, rng() < probability(trueTheta, item));
	}
	return state;
}

/** Share of tests in which each item was administered (items never given are absent). */
export function exposureRates(states: readonly CatState[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const state of states) {
		for (const entry of state.administered) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
	}
	const rates = new Map<string, number>();
	for (const [id, count] of counts) rates.set(id, count / states.length);
	return rates;
}

export type SympsonHetterOptions = {
	/** Target maximum exposure rate r (e.g. 0.25). */
	maxExposure: number;
	/** Simulation rounds (default 8). */
	rounds?: number;
	rng: Rng;
};

/**
 * Sympson–Hetter exposure-control parameters by iterative simulation (Sympson & Hetter 1985; the
 * procedure as described by Hetter & Sympson 1997 in Sands, Waters & McBride, *CAT: From Inquiry to
 * Operation*, ch. 14):
 *
 *   K_i ← 1;  repeat: simulate the test for `thetas` with the current K;
 *   P(S_i) = P(A_i) / K_i (selection rate estimated from the administration rate);
 *   K_i ← √(K_i · K*_i) with the classic target K*_i = r / P(S_i) if P(S_i) > r, else 1.
 *
 * Returns only the items with K_i < 1 (others default to 1 in the config). Uses this engine's own
 * selection, so the rates account for its details (quotas, stopping rule, start point). As with any SH
 * calibration, use the population and configuration of the live test, and enough simulees (≥ 1000)
 * that the administration rates are not mostly noise.
 */
export function sympsonHetterRates(
	bank: readonly BankItem[],
	config: CatConfig,
	thetas: readonly number[],
	options: SympsonHetterOptions
): Record<string, number> {
	const { maxExposure, rng } = options;
	if (!(maxExposure > 0 && maxExposure <= 1)) throw new RangeError('maxExposure must be in (0, 1]');
	let rates: Record<string, number> = {};
	for (let round = 0; round < (options.rounds ?? 8); round++) {
		const roundConfig: CatConfig = { ...config, exposure: { method: 'sympson-hetter', rates } };
		const states = thetas.map((theta) => simulateCat(theta, roundConfig, bank, rng));
		const administered = exposureRates(states);
		const next: Record<string, number> = {};
		for (const item of bank) {
			const current = rates[item.id] ?? 1;
			const selection = (administered.get(item.id) ?? 0) / current;
			const classic = selection > maxExposure ? maxExposure / selection : 1;
			// Damped: the classic update makes items flip between K < 1 and K = 1 from round to round
			// as their neighbours' K change; the geometric mean keeps the same fixed point without that.
			const damped = Math.sqrt(current * classic);
			if (damped < 1) next[item.id] = damped;
		}
		rates = next;
	}
	return rates;
}

export type SyntheticBankOptions = {
	/** Items per level (default 25). */
	perLevel?: number;
	/** Level cut points (default DEFAULT_LEVEL_CUTS); the open end bands are one logit wide. */
	cuts?: readonly number[];
	/** Range of the uniform discrimination (default [0.8, 2.0]). */
	discrimination?: readonly [number, number];
};

/**
 * A synthetic bank for simulations until the real one exists: `perLevel` items per level, b uniform within
 * the level's θ band (the bottom and top bands taken one logit wide), a uniform in `discrimination`,
 * skills assigned in rotation so every level has every skill. Ids look like "L3-07".
 */
export function syntheticBank(rng: Rng, options: SyntheticBankOptions = {}): BankItem[] {
	const perLevel = options.perLevel ?? 25;
	const cuts = options.cuts ?? DEFAULT_LEVEL_CUTS;
	const [aLow, aHigh] = options.discrimination ?? [0.8, 2.0];
	const bank: BankItem[] = [];
	for (let level = 1; level <= cuts.length + 1; level++) {
		const lower = level === 1 ? cuts[0] - 1 : cuts[level - 2];
		const upper = level === cuts.length + 1 ? cuts[cuts.length - 1] + 1 : cuts[level - 1];
		for (let i = 0; i < perLevel; i++) {
			bank.push({
				id: `L${level}-${String(i + 1).padStart(2, '0')}`,
				skill: SKILLS[(bank.length + level) % SKILLS.length],
				level,
				a: randomUniform(rng, aLow, aHigh),
				b: randomUniform(rng, lower, upper)
			});
		}
	}
	return bank;
}
