import { describe, expect, it } from 'vitest';
import type { BankItem, Skill } from './bank';
import {
	classificationOutcome,
	credibleInterval,
	currentEstimate,
	nextItem,
	recordAnswer,
	startCat,
	stopReason,
	type CatConfig,
	type CatState
} from './cat';
import { estimateAbility } from './estimate';
import { information, probability } from './model';
import { mulberry32, randomUniform, type Rng } from './random';
import { provisionalParams } from './scoring';
import { exposureRates, simulateCat, syntheticBank, sympsonHetterRates } from './simulate';

const bank = syntheticBank(mulberry32(3));

/** Every state of one simulated test, first (empty) to last. */
function history(
	theta: number,
	config: CatConfig,
	items: readonly BankItem[],
	rng: Rng
): CatState[] {
	const states = [startCat(config)];
	for (let item = nextItem(states[states.length - 1], items, rng); item;) {
		const state = recordAnswer(states[states.length - 1], item, rng() < probability(theta, item));
		states.push(state);
		item = nextItem(state, items, rng);
	}
	return states;
}

function simulees(count: number, seed: number, lower = -3, upper = 3): number[] {
	const rng = mulberry32(seed);
	return Array.from({ length: count }, () => randomUniform(rng, lower, upper));
}

const scored = (state: CatState) => state.administered.filter((entry) => !entry.pilot);
const mostInformativeAt = (theta: number, items: readonly BankItem[]) =>
	[...items].sort((x, y) => information(theta, y) - information(theta, x))[0];

describe('CAT configuration and state', () => {
	it('rejects inconsistent configurations', () => {
		const base: CatConfig = { targetSe: 0.3, minItems: 5, maxItems: 20 };
		expect(() => startCat({ ...base, minItems: 21 })).toThrow(RangeError);
		expect(() => startCat({ ...base, maxItems: 0, minItems: 0 })).toThrow(RangeError);
		expect(() => startCat({ ...base, targetSe: -1 })).toThrow(RangeError);
		expect(() => startCat({ ...base, skillMinimums: { writing: 15, speaking: 6 } })).toThrow(
			RangeError
		);
		expect(() =>
			startCat({ ...base, skillMinimums: { grammar: 2 } as Partial<Record<Skill, number>> })
		).toThrow(RangeError);
		expect(() => startCat({ ...base, exposure: { method: 'randomesque', k: 0 } })).toThrow(
			RangeError
		);
		expect(() => startCat({ ...base, classification: { cut: 0, confidence: 1 } })).toThrow(
			RangeError
		);
		expect(() => startCat({ ...base, prior: { mean: 0, sd: 0 } })).toThrow(RangeError);
		expect(startCat(base).estimate.theta).toBeCloseTo(0, 12);
	});

	it('is plain JSON: a stored and reloaded state continues identically', () => {
		const config: CatConfig = {
			targetSe: 0.3,
			minItems: 5,
			maxItems: 30,
			skillMinimums: { reading: 2 }
		};
		const states = history(0.7, config, bank, mulberry32(1));
		const middle = states[6];
		const reloaded = JSON.parse(JSON.stringify(middle)) as CatState;
		expect(reloaded).toEqual(middle);
		expect(nextItem(reloaded, bank)).toEqual(nextItem(middle, bank));
		const item = nextItem(middle, bank);
		if (!item) throw new Error('test should not be over');
		expect(recordAnswer(reloaded, item, true)).toEqual(recordAnswer(middle, item, true));
	});

	it('does not mutate its inputs and never repeats an item', () => {
		const state = startCat({ targetSe: 0.3, minItems: 3, maxItems: 10 });
		const item = nextItem(state, bank);
		if (!item) throw new Error('expected an item');
		const after = recordAnswer(state, item, true);
		expect(state.administered).toHaveLength(0);
		expect(after.administered).toHaveLength(1);
		expect(() => recordAnswer(after, item, false)).toThrow(/already administered/);
		expect(nextItem(after, bank)?.id).not.toBe(item.id);
		const estimate = currentEstimate(after);
		estimate.theta = 99;
		expect(after.estimate.theta).not.toBe(99);
	});

	it('estimates θ by EAP over the scored items with the configured prior', () => {
		const config: CatConfig = {
			targetSe: 0.3,
			minItems: 3,
			maxItems: 10,
			prior: { mean: 0.5, sd: 1.2 }
		};
		const final = history(1.1, config, bank, mulberry32(4)).at(-1) as CatState;
		const expected = estimateAbility(
			final.administered.map((entry) => ({ item: entry, correct: entry.correct })),
			{ priorMean: 0.5, priorSd: 1.2 }
		);
		expect(currentEstimate(final)).toEqual(expected);
	});

	it('reproduces a simulation exactly from the same seed', () => {
		const config: CatConfig = {
			targetSe: 0.3,
			minItems: 5,
			maxItems: 40,
			exposure: { method: 'randomesque', k: 4 }
		};
		expect(simulateCat(0.2, config, bank, mulberry32(8))).toEqual(
			simulateCat(0.2, config, bank, mulberry32(8))
		);
	});
});

describe('item selection', () => {
	it('starts with the most informative item at startTheta (default: prior mean)', () => {
		expect(nextItem(startCat({ targetSe: 0.3, minItems: 1, maxItems: 5 }), bank)).toEqual(
			mostInformativeAt(0, bank)
		);
		expect(
			nextItem(startCat({ targetSe: 0.3, minItems: 1, maxItems: 5, startTheta: 2 }), bank)
		).toEqual(mostInformativeAt(2, bank));
	});

	it('follows the estimate: after answers, picks the unused item most informative at θ̂', () => {
		const states = history(-1.5, { targetSe: 0.3, minItems: 5, maxItems: 20 }, bank, mulberry32(2));
		for (const state of states.slice(1, -1)) {
			const used = new Set(state.administered.map((entry) => entry.id));
			const expected = mostInformativeAt(
				state.estimate.theta,
				bank.filter((item) => !used.has(item.id))
			);
			expect(nextItem(state, bank)?.id).toBe(expected.id);
		}
	});

	it('selects at the cut, the estimate, or (auto) the cut only while θ̂ is within one SE of it', () => {
		const classification = { cut: 1, confidence: 0.95 };
		const atCut = startCat({
			targetSe: 0,
			minItems: 1,
			maxItems: 20,
			classification: { ...classification, selectAt: 'cut' }
		});
		expect(nextItem(atCut, bank)).toEqual(mostInformativeAt(1, bank));
		const atEstimate = startCat({ targetSe: 0, minItems: 1, maxItems: 20, classification });
		expect(nextItem(atEstimate, bank)).toEqual(mostInformativeAt(0, bank));
		const auto: CatState = {
			...startCat({
				targetSe: 0,
				minItems: 1,
				maxItems: 20,
				classification: { ...classification, selectAt: 'auto' }
			}),
			administered: [{ ...bank[0], pilot: false, correct: true }]
		};
		const withinOneSe = { ...auto, estimate: { theta: 0.6, se: 0.5 } };
		// Far from the cut in SE units (|θ̂ − cut| = 2 > SE) but not yet classified (θ̂ + 1.96·SE > cut).
		const farFromCut = { ...auto, estimate: { theta: -1, se: 1.2 } };
		const unused = bank.slice(1);
		expect(nextItem(withinOneSe, bank)?.id).toBe(mostInformativeAt(1, unused).id);
		expect(nextItem(farFromCut, bank)?.id).toBe(mostInformativeAt(-1, unused).id);
	});
});

describe('stopping rules', () => {
	it('never stops before minItems and always stops at maxItems', () => {
		for (const theta of simulees(30, 10)) {
			const easy = simulateCat(
				theta,
				{ targetSe: 0.9, minItems: 8, maxItems: 20 },
				bank,
				mulberry32(Math.round(theta * 1e6))
			);
			expect(easy.administered).toHaveLength(8);
			expect(stopReason(easy, bank)).toBe('target-se');
			const hard = simulateCat(
				theta,
				{ targetSe: 0.05, minItems: 2, maxItems: 12 },
				bank,
				mulberry32(7)
			);
			expect(hard.administered).toHaveLength(12);
			expect(stopReason(hard, bank)).toBe('max-items');
		}
	});

	it('stops at the first scored item that brings the SE to the target', () => {
		const config: CatConfig = { targetSe: 0.3, minItems: 3, maxItems: 60 };
		const rng = mulberry32(12);
		for (const theta of simulees(60, 11)) {
			const states = history(theta, config, bank, rng);
			const final = states[states.length - 1];
			const before = states[states.length - 2];
			expect(final.estimate.se).toBeLessThanOrEqual(0.3);
			expect(before.estimate.se > 0.3 || before.administered.length < 3).toBe(true);
			expect(stopReason(final, bank)).toBe('target-se');
			expect(stopReason(before, bank)).toBeNull();
		}
	});

	it('stops when the bank is exhausted', () => {
		const small = bank.slice(60, 65);
		const state = simulateCat(
			0,
			{ targetSe: 0.01, minItems: 10, maxItems: 20 },
			small,
			mulberry32(1)
		);
		expect(state.administered.map((entry) => entry.id).sort()).toEqual(
			small.map((item) => item.id).sort()
		);
		expect(stopReason(state, small)).toBe('bank-exhausted');
		expect(nextItem(state, small)).toBeNull();
	});

	it('screening stops once the two-sided interval excludes the cut, and classifies well', () => {
		const cut = -1;
		const config: CatConfig = {
			targetSe: 0,
			minItems: 3,
			maxItems: 40,
			classification: { cut, confidence: 0.95 }
		};
		expect(credibleInterval({ theta: 0, se: 1 }, 0.95)[1]).toBeCloseTo(1.959963984540054, 12);
		const rng = mulberry32(13);
		const thetas = simulees(300, 14);
		let correct = 0;
		const lengthsFar: number[] = [];
		const lengthsNear: number[] = [];
		for (const theta of thetas) {
			const states = history(theta, config, bank, rng);
			const final = states[states.length - 1];
			const [lower, upper] = credibleInterval(final.estimate, 0.95);
			const length = final.administered.length;
			if (length < 40) {
				expect(lower >= cut || upper < cut).toBe(true);
				expect(stopReason(final, bank)).toBe('classified');
				const previous = states[states.length - 2];
				const [prevLower, prevUpper] = credibleInterval(previous.estimate, 0.95);
				expect((prevLower < cut && prevUpper >= cut) || previous.administered.length < 3).toBe(
					true
				);
			}
			const outcome = classificationOutcome(final);
			if (outcome?.pass === theta >= cut) correct++;
			(Math.abs(theta - cut) > 1.5 ? lengthsFar : lengthsNear).push(length);
		}
		expect(correct / thetas.length).toBeGreaterThan(0.93);
		const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
		expect(mean(lengthsFar)).toBeLessThan(6);
		expect(mean(lengthsNear)).toBeGreaterThan(mean(lengthsFar));
	});
});

describe('content quotas', () => {
	// Writing and speaking items are weak (a = 0.5): maximum information alone would avoid them.
	const weak = bank.map((item) =>
		item.skill === 'writing' || item.skill === 'speaking' ? { ...item, a: 0.5 } : item
	);
	const count = (state: CatState, skill: Skill) =>
		scored(state).filter((entry) => entry.skill === skill).length;

	it('meets skill minimums before stopping on SE, and only then stops', () => {
		const config: CatConfig = {
			targetSe: 0.35,
			minItems: 4,
			maxItems: 40,
			skillMinimums: { writing: 4, speaking: 3 }
		};
		const without: CatConfig = { targetSe: 0.35, minItems: 4, maxItems: 40 };
		let writingWithout = 0;
		for (const theta of simulees(40, 20)) {
			const state = simulateCat(theta, config, weak, mulberry32(Math.round(1e6 * theta)));
			expect(count(state, 'writing')).toBeGreaterThanOrEqual(4);
			expect(count(state, 'speaking')).toBeGreaterThanOrEqual(3);
			expect(stopReason(state, weak)).toBe('target-se');
			writingWithout += count(simulateCat(theta, without, weak, mulberry32(1)), 'writing');
		}
		expect(writingWithout / 40).toBeLessThan(1);
	});

	it('fills the quota in the last slots before maxItems', () => {
		const config: CatConfig = {
			targetSe: 0.01,
			minItems: 1,
			maxItems: 10,
			skillMinimums: { writing: 4, speaking: 3 }
		};
		for (const theta of simulees(20, 21)) {
			const state = simulateCat(theta, config, weak, mulberry32(2));
			expect(state.administered).toHaveLength(10);
			expect(count(state, 'writing')).toBe(4);
			expect(count(state, 'speaking')).toBe(3);
			const lastSeven = state.administered.slice(3).map((entry) => entry.skill);
			expect(lastSeven.every((skill) => skill === 'writing' || skill === 'speaking')).toBe(true);
		}
	});
});

describe('exposure control', () => {
	const config: CatConfig = { targetSe: 0.3, minItems: 5, maxItems: 30 };
	const thetas = simulees(300, 30, -2.5, 2.5);
	const maxExposure = (states: CatState[]) => Math.max(...exposureRates(states).values());
	const plain = thetas.map((theta) => simulateCat(theta, config, bank, mulberry32(31)));

	it('without control, the first item is the same for everyone', () => {
		expect(maxExposure(plain)).toBe(1);
	});

	it('randomesque spreads the first item over the top k and lowers maximum exposure', () => {
		expect(maxExposure(plain)).toBe(1);
		const rng = mulberry32(32);
		const states = thetas.map((theta) =>
			simulateCat(theta, { ...config, exposure: { method: 'randomesque', k: 5 } }, bank, rng)
		);
		const firstItems = new Set(states.map((state) => state.administered[0].id));
		expect(firstItems.size).toBe(5);
		expect(maxExposure(states)).toBeLessThan(0.75);
	});

	it('Sympson–Hetter rates calibrated by simulation hold exposure near the target', () => {
		const rates = sympsonHetterRates(bank, config, thetas.slice(0, 200), {
			maxExposure: 0.25,
			rounds: 6,
			rng: mulberry32(33)
		});
		expect(Object.values(rates).every((rate) => rate > 0 && rate < 1)).toBe(true);
		const rng = mulberry32(34);
		const states = simulees(400, 35, -2.5, 2.5).map((theta) =>
			simulateCat(theta, { ...config, exposure: { method: 'sympson-hetter', rates } }, bank, rng)
		);
		// Target 0.25; a 200-simulee calibration and the maximum over 150 noisy rates leave some slack.
		expect(maxExposure(states)).toBeLessThan(0.35);
	});

	it('Sympson–Hetter never gives an item with rate 0 while others remain', () => {
		const best = mostInformativeAt(0, bank);
		const rng = mulberry32(36);
		const states = thetas
			.slice(0, 50)
			.map((theta) =>
				simulateCat(
					theta,
					{ ...config, exposure: { method: 'sympson-hetter', rates: { [best.id]: 0 } } },
					bank,
					rng
				)
			);
		expect(states.every((state) => state.administered.every((entry) => entry.id !== best.id))).toBe(
			true
		);
	});
});

describe('pilot items', () => {
	const pilots: BankItem[] = [1, 2, 3, 4, 5, 6].map((level) => ({
		id: `pilot-${level}`,
		skill: 'reading',
		level,
		pilot: true,
		...provisionalParams(level)
	}));
	const withPilots = [...bank, ...pilots];

	it('seeds the configured number of unscored pilot items, never first, without touching the estimate', () => {
		const config: CatConfig = { targetSe: 0.3, minItems: 6, maxItems: 25, pilotItems: 2 };
		const rng = mulberry32(40);
		for (const theta of simulees(40, 41)) {
			const state = simulateCat(theta, config, withPilots, rng);
			const pilotEntries = state.administered.filter((entry) => entry.pilot);
			expect(pilotEntries).toHaveLength(2);
			expect(state.administered[0].pilot).toBe(false);
			expect(scored(state).length).toBeLessThanOrEqual(25);
			const scoredOnly = estimateAbility(
				scored(state).map((entry) => ({ item: entry, correct: entry.correct }))
			);
			expect(state.estimate).toEqual(scoredOnly);
		}
	});

	it('never gives pilot items unless asked to', () => {
		const state = simulateCat(
			0.5,
			{ targetSe: 0.3, minItems: 6, maxItems: 25 },
			withPilots,
			mulberry32(42)
		);
		expect(state.administered.some((entry) => entry.pilot)).toBe(false);
	});
});
