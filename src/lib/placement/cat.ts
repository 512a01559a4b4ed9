/**
 * The computerized adaptive test as a small state machine over plain data:
 *
 *   let state = startCat(config);
 *   for (let item = nextItem(state, bank); item; item = nextItem(state, bank)) {
 *     state = recordAnswer(state, item, await ask(item));
 *   }
 *
 * CatState is JSON (no classes, Maps, Infinity or undefined-dependent fields), so it can be stored in the
 * database between HTTP requests and resumed. Functions never mutate their arguments.
 *
 * Persist the item returned by nextItem together with the state (e.g. `pendingItemId`) and show that item
 * again on reload: with randomesque or Sympson–Hetter exposure control a second call may return a different
 * item, which would let a candidate "re-roll" a question.
 */
import { SKILLS, type BankItem, type Skill } from './bank';
import { STOP_RULES, stopDecision, type Decision, type StopRuleConfig } from './classify';
import { estimateAbility, type AbilityEstimate } from './estimate';
import { information } from './model';
import { normalQuantile } from './normal';
import { SELECTION_METHODS, selectionValue, type SelectionMethod } from './select';
import type { Rng } from './random';
import type { SkillResponse } from './scoring';

export type ExposureControl =
	| { method: 'randomesque'; k: number }
	| { method: 'sympson-hetter'; rates: Record<string, number> };

/**
 * Pass/fail screening against one cut. `method` chooses the stop rule (see classify.ts): the two-sided
 * credible interval θ̂ ± z·SE, z = Φ⁻¹(1 − (1 − confidence)/2) (default, the rule of tests started before
 * the others existed), Wald's SPRT or the generalized likelihood ratio with the indifference region
 * cut ± `indifference`, or the one-sided posterior probability; `curtail` adds stochastic curtailment to
 * the interval rules. `selectAt`: where information is maximised — 'estimate' (default), 'cut', or 'auto'
 * (at the cut while |θ̂ − cut| ≤ SE, otherwise at the estimate).
 */
export type ClassificationRule = StopRuleConfig & {
	selectAt?: 'estimate' | 'cut' | 'auto';
};

/**
 * Item selection for the first `firstItems` scored items (afterwards: maximum information at θ̂):
 * 'max-info' (default), 'posterior-weighted' (van der Linden 1998) or 'kl' (Chang & Ying 1996).
 */
export type SelectionRule = {
	method: SelectionMethod;
	firstItems: number;
};

export type CatConfig = {
	/** Stop when the posterior SD is ≤ this (after minItems). 0 disables the SE rule. */
	targetSe: number;
	/** Scored items before any stop other than an exhausted bank. */
	minItems: number;
	/** Scored items at most; pilot items come on top. */
	maxItems: number;
	/** θ at which the first item is chosen (default: the prior mean). Does not enter the estimate. */
	startTheta?: number;
	/** Minimum scored items per skill before the test may stop (except at maxItems). */
	skillMinimums?: Partial<Record<Skill, number>>;
	exposure?: ExposureControl;
	classification?: ClassificationRule;
	/** How the first items are chosen (default: maximum information at θ̂ throughout). */
	selection?: SelectionRule;
	/** Unscored pilot items (bank items with `pilot: true`) to give each candidate, on top of maxItems. */
	pilotItems?: number;
	/** Prior for the EAP estimate. Default N(0, 1), the calibration population. */
	prior?: { mean: number; sd: number };
};

/** One administered item with everything needed to re-score it later without the bank. */
export type AdministeredItem = {
	id: string;
	skill: Skill;
	level: number;
	a: number;
	b: number;
	c?: number;
	pilot: boolean;
	correct: boolean;
};

export type CatState = {
	version: 1;
	config: CatConfig;
	/**
	 * Per-test random seed (uint32) for the Sympson–Hetter lottery: the draw for an item is a hash of
	 * (seed, item id), so an item passed over once stays passed over for the whole test, as in the
	 * original procedure, without the state having to remember rejections.
	 */
	seed: number;
	administered: AdministeredItem[];
	/** EAP over the scored (non-pilot) items. */
	estimate: AbilityEstimate;
};

export type StopReason = 'max-items' | 'target-se' | 'classified' | 'bank-exhausted';

const DEFAULT_PRIOR = { mean: 0, sd: 1 } as const;

/**
 * A new test. Validates the configuration and copies it into the state. `seed` (uint32) fixes the
 * Sympson–Hetter lottery of this test: simulations pass one for reproducibility; when omitted, a random
 * seed is drawn if the config uses Sympson–Hetter, and 0 (unused) otherwise, so that startCat stays a
 * pure function for every other configuration.
 * @throws RangeError on an inconsistent configuration (e.g. minItems > maxItems, quotas > maxItems).
 */
export function startCat(config: CatConfig, seed?: number): CatState {
	validateConfig(config);
	const lotterySeed =
		seed ??
		(config.exposure?.method === 'sympson-hetter' ? Math.floor(Math.random() * 2 ** 32) : 0);
	if (!Number.isInteger(lotterySeed) || lotterySeed < 0 || lotterySeed >= 2 ** 32) {
		throw new RangeError('seed must be a uint32');
	}
	const copy = JSON.parse(JSON.stringify(config)) as CatConfig;
	return {
		version: 1,
		config: copy,
		seed: lotterySeed,
		administered: [],
		estimate: estimateFor(copy, [])
	};
}

/** The current EAP estimate and posterior SD of the scored items. */
export function currentEstimate(state: CatState): AbilityEstimate {
	return { theta: state.estimate.theta, se: state.estimate.se };
}

/**
 * Records an answer and re-estimates θ (pilot items are recorded but do not change the estimate).
 * @throws Error if the item was already administered: an item is never repeated.
 */
export function recordAnswer(state: CatState, item: BankItem, correct: boolean): CatState {
	if (typeof correct !== 'boolean') throw new TypeError('correct must be a boolean');
	if (state.administered.some((entry) => entry.id === item.id)) {
		throw new Error(`item ${item.id} was already administered in this test`);
	}
	const entry: AdministeredItem = {
		id: item.id,
		skill: item.skill,
		level: item.level,
		a: item.a,
		b: item.b,
		...(item.c !== undefined && item.c !== 0 ? { c: item.c } : {}),
		pilot: item.pilot === true,
		correct
	};
	const administered = [...state.administered, entry];
	const estimate = entry.pilot ? state.estimate : estimateFor(state.config, administered);
	return { ...state, administered, estimate };
}

/** Scored responses with their skills, e.g. for `skillScores`. */
export function scoredResponses(state: CatState): SkillResponse[] {
	return state.administered
		.filter((entry) => !entry.pilot)
		.map((entry) => ({ item: entry, correct: entry.correct }));
}

/**
 * The item to give next, or null when the test is over (see `stopReason`). Owed pilot items come first
 * when due; otherwise the operational item with maximum Fisher information at the selection point,
 * within content quotas and exposure control. `rng` drives the randomesque and pilot draws; the
 * Sympson–Hetter lottery uses the state's seed.
 */
export function nextItem(
	state: CatState,
	bank: readonly BankItem[],
	rng: Rng = Math.random
): BankItem | null {
	const measurementStop = operationalStopReason(state, bank);
	if (pilotDue(state, measurementStop !== null)) {
		const pilot = choosePilot(state, bank, rng);
		if (pilot) return pilot;
	}
	if (measurementStop !== null) return null;
	return chooseOperational(state, bank, rng);
}

/**
 * Why the test is over, or null if it is not: 'max-items'; 'bank-exhausted' (no operational item left);
 * after minItems and with all skill minimums met: 'classified' (screening interval excludes the cut) or
 * 'target-se'. While a pilot item is still owed and available the test is not over.
 */
export function stopReason(state: CatState, bank: readonly BankItem[]): StopReason | null {
	const reason = operationalStopReason(state, bank);
	const pilotOwed = reason !== null && pilotDue(state, true);
	if (pilotOwed && choosePilot(state, bank, () => 0) !== null) return null;
	return reason;
}

/**
 * Screening outcome: the stop rule's decision when it reached one (`decided`); otherwise (a test stopped at
 * maxItems or an exhausted bank) pass = θ̂ ≥ cut, undecided. Null without a classification rule.
 */
export function classificationOutcome(state: CatState): { pass: boolean; decided: boolean } | null {
	const rule = state.config.classification;
	if (!rule) return null;
	const decision = classificationSide(state);
	if (decision === null) return { pass: state.estimate.theta >= rule.cut, decided: false };
	return { pass: decision === 'pass', decided: true };
}

/** Two-sided credible interval θ̂ ± z·SE at `confidence`. */
export function credibleInterval(estimate: AbilityEstimate, confidence: number): [number, number] {
	const z = normalQuantile(1 - (1 - confidence) / 2);
	return [estimate.theta - z * estimate.se, estimate.theta + z * estimate.se];
}

function estimateFor(
	config: CatConfig,
	administered: readonly AdministeredItem[]
): AbilityEstimate {
	const prior = config.prior ?? DEFAULT_PRIOR;
	const responses = administered
		.filter((entry) => !entry.pilot)
		.map((entry) => ({ item: entry, correct: entry.correct }));
	return estimateAbility(responses, { priorMean: prior.mean, priorSd: prior.sd });
}

function scoredCount(state: CatState): number {
	return state.administered.reduce((count, entry) => count + (entry.pilot ? 0 : 1), 0);
}

function pilotCount(state: CatState): number {
	return state.administered.length - scoredCount(state);
}

/**
 * The stop rule's decision so far (classify.ts). Why the default interval is "two-sided": `confidence`
 * was read as the coverage of the interval, so each wrong-side decision has posterior probability
 * ≤ (1 − confidence)/2 at stopping (Kingsbury & Weiss 1983; Linacre's pass/fail table, z = 1.96 for 95 %).
 */
function classificationSide(state: CatState): Decision | null {
	const rule = state.config.classification;
	if (!rule) return null;
	const responses = state.administered
		.filter((entry) => !entry.pilot)
		.map((entry) => ({ item: entry, correct: entry.correct }));
	return stopDecision(rule, responses, state.estimate, state.config.maxItems - responses.length);
}

/** The measurement goal is met: SE target reached, or the screening decision is made. */
function precisionReached(state: CatState): boolean {
	const { config, estimate } = state;
	if (config.targetSe > 0 && estimate.se <= config.targetSe) return true;
	return config.classification !== undefined && classificationSide(state) !== null;
}

function remainingOperational(state: CatState, bank: readonly BankItem[]): BankItem[] {
	const used = new Set(state.administered.map((entry) => entry.id));
	return bank.filter((item) => item.pilot !== true && !used.has(item.id));
}

/**
 * Items still needed per skill to meet `skillMinimums`, capped by what the bank still has — a quota the
 * bank cannot fill must not keep the test running until maxItems.
 */
function unmetQuotas(state: CatState, remaining: readonly BankItem[]): Map<Skill, number> {
	const unmet = new Map<Skill, number>();
	const minimums = state.config.skillMinimums ?? {};
	for (const skill of SKILLS) {
		const minimum = minimums[skill] ?? 0;
		if (minimum === 0) continue;
		const given = state.administered.filter(
			(entry) => !entry.pilot && entry.skill === skill
		).length;
		const available = remaining.filter((item) => item.skill === skill).length;
		const needed = Math.min(Math.max(0, minimum - given), available);
		if (needed > 0) unmet.set(skill, needed);
	}
	return unmet;
}

function totalOf(unmet: Map<Skill, number>): number {
	let total = 0;
	for (const count of unmet.values()) total += count;
	return total;
}

/** Stop reason from the operational items only (pilot items considered separately). */
function operationalStopReason(state: CatState, bank: readonly BankItem[]): StopReason | null {
	const { config } = state;
	const count = scoredCount(state);
	if (count >= config.maxItems) return 'max-items';
	const remaining = remainingOperational(state, bank);
	if (remaining.length === 0) return 'bank-exhausted';
	if (count < config.minItems) return null;
	if (totalOf(unmetQuotas(state, remaining)) > 0) return null;
	if (config.classification && classificationSide(state) !== null) return 'classified';
	if (config.targetSe > 0 && state.estimate.se <= config.targetSe) return 'target-se';
	return null;
}

/**
 * Pilot items are spread over the first minItems scored items: the k-th pilot becomes due after
 * k·spacing scored items, spacing = max(1, ⌊minItems / (pilotItems + 1)⌋), so they are all given before
 * the test can stop, never first (a pilot item must not set the candidate's first impression), and
 * are indistinguishable in position from scored items. Any still owed at the end are given before stopping.
 */
function pilotDue(state: CatState, testWouldStop: boolean): boolean {
	const wanted = state.config.pilotItems ?? 0;
	const given = pilotCount(state);
	if (given >= wanted) return false;
	const spacing = Math.max(1, Math.floor(state.config.minItems / (wanted + 1)));
	return testWouldStop || scoredCount(state) >= (given + 1) * spacing;
}

/**
 * A pilot item at random among those whose provisional difficulty is within 1.5 logits of θ̂ (all pilot
 * items if none is): random so that every pilot item collects responses, near θ̂ so that the responses are
 * informative for calibration and the item does not look absurdly easy or hard to the candidate.
 */
function choosePilot(state: CatState, bank: readonly BankItem[], rng: Rng): BankItem | null {
	const used = new Set(state.administered.map((entry) => entry.id));
	const pilots = bank.filter((item) => item.pilot === true && !used.has(item.id));
	if (pilots.length === 0) return null;
	const near = pilots.filter((item) => Math.abs(item.b - state.estimate.theta) <= 1.5);
	const pool = near.length > 0 ? near : pilots;
	return pool[Math.min(pool.length - 1, Math.floor(rng() * pool.length))];
}

/** θ at which information is maximised. */
function selectionPoint(state: CatState): number {
	const { config, estimate } = state;
	const theta =
		scoredCount(state) > 0
			? estimate.theta
			: (config.startTheta ?? (config.prior ?? DEFAULT_PRIOR).mean);
	const rule = config.classification;
	if (!rule) return theta;
	switch (rule.selectAt ?? 'estimate') {
		case 'cut':
			return rule.cut;
		case 'auto':
			return Math.abs(theta - rule.cut) <= estimate.se ? rule.cut : theta;
		default:
			return theta;
	}
}

/**
 * Content quotas: when the slots left before maxItems are no more than the unmet quota, or when the
 * measurement goal is already met (the quota is then the only reason to continue), only items of skills
 * still below their minimum are eligible.
 */
function eligibleOperational(state: CatState, bank: readonly BankItem[]): BankItem[] {
	const remaining = remainingOperational(state, bank);
	const unmet = unmetQuotas(state, remaining);
	const totalUnmet = totalOf(unmet);
	if (totalUnmet === 0) return remaining;
	const slotsLeft = state.config.maxItems - scoredCount(state);
	if (slotsLeft > totalUnmet && !precisionReached(state)) return remaining;
	return remaining.filter((item) => unmet.has(item.skill));
}

/**
 * Maximum-information selection (Lord 1980, ch. 10; Weiss 1982) with exposure control:
 * randomesque — uniform among the k most informative, drawn with `rng` (Kingsbury & Zara 1989);
 * Sympson–Hetter — walk down the ranking, administering each item with probability rates[id] (default 1),
 * a passed-over item staying out for the rest of the test; if every item is passed over, the most
 * informative is given (Sympson & Hetter 1985). Rates come from simulation: `sympsonHetterRates`.
 */
function chooseOperational(state: CatState, bank: readonly BankItem[], rng: Rng): BankItem | null {
	const candidates = eligibleOperational(state, bank);
	if (candidates.length === 0) return null;
	const theta = selectionPoint(state);
	const selection = state.config.selection;
	if (selection && selection.method !== 'max-info' && scoredCount(state) < selection.firstItems) {
		const value = selectionValue(
			selection.method,
			state.administered.filter((entry) => !entry.pilot),
			theta,
			state.config.prior ?? DEFAULT_PRIOR
		);
		return rankedChoice(state, candidates, value, rng);
	}
	const exposure = state.config.exposure;
	if (exposure?.method === 'randomesque') {
		const top = mostInformative(candidates, theta, exposure.k);
		return top[Math.min(top.length - 1, Math.floor(rng() * top.length))];
	}
	if (exposure?.method === 'sympson-hetter') {
		const ranked = mostInformative(candidates, theta, candidates.length);
		for (const item of ranked) {
			const rate = exposure.rates[item.id] ?? 1;
			if (rate >= 1 || lotteryDraw(state.seed, item.id) < rate) return item;
		}
		return ranked[0];
	}
	return mostInformative(candidates, theta, 1)[0];
}

/**
 * The same exposure control as for maximum information, over another ranking of the candidates
 * (posterior-weighted or KL information).
 */
function rankedChoice(
	state: CatState,
	candidates: readonly BankItem[],
	value: (item: BankItem) => number,
	rng: Rng
): BankItem {
	const exposure = state.config.exposure;
	const count =
		exposure?.method === 'randomesque'
			? exposure.k
			: exposure?.method === 'sympson-hetter'
				? candidates.length
				: 1;
	const ranked = topBy(candidates, value, count);
	if (exposure?.method === 'randomesque') {
		return ranked[Math.min(ranked.length - 1, Math.floor(rng() * ranked.length))];
	}
	if (exposure?.method === 'sympson-hetter') {
		for (const item of ranked) {
			const rate = exposure.rates[item.id] ?? 1;
			if (rate >= 1 || lotteryDraw(state.seed, item.id) < rate) return item;
		}
	}
	return ranked[0];
}

/**
 * The `count` items with the largest information at θ, best first; ties broken by id so that selection
 * is reproducible. Insertion into a short sorted list: O(n·count), no full sort for the common small count.
 */
function mostInformative(
	candidates: readonly BankItem[],
	theta: number,
	count: number
): BankItem[] {
	return topBy(candidates, (item) => information(theta, item), count);
}

/** The `count` candidates with the largest value, best first, ties by id. */
function topBy(
	candidates: readonly BankItem[],
	valueOf: (item: BankItem) => number,
	count: number
): BankItem[] {
	const top: { item: BankItem; value: number }[] = [];
	for (const item of candidates) {
		const value = valueOf(item);
		let position = top.length;
		while (position > 0 && ranksBefore(value, item.id, top[position - 1])) position--;
		if (position < count) {
			top.splice(position, 0, { item, value });
			if (top.length > count) top.pop();
		}
	}
	return top.map((entry) => entry.item);
}

function ranksBefore(value: number, id: string, other: { item: BankItem; value: number }): boolean {
	return value > other.value || (value === other.value && id < other.item.id);
}

/**
 * Uniform draw in [0, 1) determined by (seed, item id): FNV-1a over the id's UTF-16 code units, seeded,
 * then the murmur3 32-bit finaliser to spread the bits (Appleby, MurmurHash3, public domain).
 */
function lotteryDraw(seed: number, id: string): number {
	let hash = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b) >>> 0;
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
	hash ^= hash >>> 16;
	return (hash >>> 0) / 4294967296;
}

function isCount(value: number, minimum: number): boolean {
	return Number.isInteger(value) && value >= minimum;
}

function validateConfig(config: CatConfig): void {
	const fail = (message: string): never => {
		throw new RangeError(`CatConfig: ${message}`);
	};
	if (!(Number.isFinite(config.targetSe) && config.targetSe >= 0)) fail('targetSe must be ≥ 0');
	if (!isCount(config.minItems, 0)) fail('minItems must be an integer ≥ 0');
	if (!isCount(config.maxItems, 1)) fail('maxItems must be an integer ≥ 1');
	if (config.minItems > config.maxItems) fail('minItems must not exceed maxItems');
	if (config.startTheta !== undefined && !Number.isFinite(config.startTheta))
		fail('startTheta must be finite');
	let quotaTotal = 0;
	for (const [skill, minimum] of Object.entries(config.skillMinimums ?? {})) {
		if (!(SKILLS as readonly string[]).includes(skill))
			fail(`unknown skill ${skill} in skillMinimums`);
		if (!isCount(minimum ?? 0, 0)) fail(`skillMinimums.${skill} must be an integer ≥ 0`);
		quotaTotal += minimum ?? 0;
	}
	if (quotaTotal > config.maxItems) fail('skill minimums add up to more than maxItems');
	const exposure = config.exposure;
	if (exposure?.method === 'randomesque' && !isCount(exposure.k, 1))
		fail('randomesque k must be an integer ≥ 1');
	if (exposure?.method === 'sympson-hetter') {
		for (const [id, rate] of Object.entries(exposure.rates)) {
			if (!(rate >= 0 && rate <= 1)) fail(`Sympson–Hetter rate for ${id} must be in [0, 1]`);
		}
	}
	const rule = config.classification;
	if (rule) {
		if (!Number.isFinite(rule.cut)) fail('classification.cut must be finite');
		if (!(rule.confidence > 0 && rule.confidence < 1))
			fail('classification.confidence must be in (0, 1)');
		if (rule.selectAt !== undefined && !['estimate', 'cut', 'auto'].includes(rule.selectAt)) {
			fail('classification.selectAt must be estimate, cut or auto');
		}
		if (rule.method !== undefined && !(STOP_RULES as readonly string[]).includes(rule.method)) {
			fail(`classification.method must be one of ${STOP_RULES.join(', ')}`);
		}
		if (
			rule.indifference !== undefined &&
			!(Number.isFinite(rule.indifference) && rule.indifference > 0)
		) {
			fail('classification.indifference must be > 0');
		}
	}
	const selection = config.selection;
	if (selection) {
		if (!(SELECTION_METHODS as readonly string[]).includes(selection.method))
			fail(`selection.method must be one of ${SELECTION_METHODS.join(', ')}`);
		if (!isCount(selection.firstItems, 0)) fail('selection.firstItems must be an integer ≥ 0');
	}
	if (config.pilotItems !== undefined && !isCount(config.pilotItems, 0))
		fail('pilotItems must be an integer ≥ 0');
	const prior = config.prior;
	if (prior && !(Number.isFinite(prior.mean) && prior.sd > 0 && Number.isFinite(prior.sd))) {
		fail('prior must have a finite mean and a positive SD');
	}
}
