/**
 * Item calibration by marginal maximum likelihood with the EM algorithm of Bock & Aitkin (1981).
 *
 * Ability is integrated out over a normal distribution discretised on a fixed grid of quadrature nodes.
 * Each EM cycle:
 *   E-step: for every distinct response pattern, the posterior over the nodes given the current items;
 *           summed into expected counts n̄_jq (persons at node q who took item j) and r̄_jq (… who got it right).
 *   M-step: for every item, the logistic regression of r̄_jq / n̄_jq on θ_q, solved by Newton–Raphson —
 *           the "artificial data" formulation of Bock & Aitkin, also Baker & Kim (2004), ch. 6.
 * Rows may be missing at random (adaptive tests administer a few items per person): the E-step simply
 * skips items a person did not take, which is the ignorable-missingness likelihood.
 *
 * Identification: without anchors θ ~ N(0, 1) fixes the scale. With anchors (items whose parameters are
 * known on an existing scale) the population mean and SD are estimated instead (fixed-parameter
 * calibration with a moving latent distribution; Kim 2006, J. Educ. Meas. 43, 355–381), so that a new
 * cohort that is stronger or more spread out than the original one does not bend the new items' scale.
 */
import {
	ANCHOR,
	clamp,
	DIFFICULTY_BOUND,
	DISCRIMINATION_BOUNDS,
	eStep,
	EXCLUDED,
	FREE,
	mStep,
	type Expected,
	type Kind,
	type ModelState,
	type SlopePrior
} from './em';
import { assertItemParams, type ItemParams } from './model';
import { rectangularRule } from './normal';
import {
	collapsePatterns,
	countResponses,
	validateMatrix,
	type ItemCounts,
	type ResponseMatrix
} from './patterns';
import { crossProductStandardErrors, type ItemStandardError } from './standard-errors';

export { DIFFICULTY_BOUND, DISCRIMINATION_BOUNDS, type SlopePrior } from './em';
export type { ItemStandardError } from './standard-errors';

export type CalibrationOptions = {
	/** '1pl': one discrimination shared by all estimated items (or `fixedA`); '2pl': one per item. */
	model: '1pl' | '2pl';
	/** 1PL only: fix the common discrimination (1 = classic Rasch with θ ~ N(0, 1)). */
	fixedA?: number;
	/** Items (by column index) whose parameters are known and kept fixed; they define the scale. */
	anchors?: Record<number, ItemParams>;
	/** Maximum EM cycles (default 2000). */
	maxIter?: number;
	/** Stop when no a, b (or latent mean/SD) changes by more than this in a cycle (default 1e-5). */
	tolerance?: number;
	/** Quadrature points, equally spaced on [−6, 6] (default 61, as mirt). */
	points?: number;
	/** Estimate the latent mean/SD. Default: true when anchors are given; not identified without them. */
	estimateLatent?: boolean;
	/** Compute cross-product standard errors (default true). */
	standardErrors?: boolean;
	/**
	 * 2PL only: log-normal prior on each discrimination, log a ~ N(meanLog, sdLog²), turning the M-step
	 * into Bayes modal estimation (Mislevy 1986). Off by default (pure MML). Recommended for sparse adaptive
	 * logs, where an item seen only by candidates near its b barely determines its slope: e.g.
	 * { meanLog: 0.3, sdLog: 0.5 } (BILOG-MG's default prior is meanLog 0, sdLog 0.5).
	 */
	slopePrior?: SlopePrior;
};

/**
 * What happened to each item:
 * 'estimated'; 'anchor' (kept fixed); 'no-data' (never administered); 'all-correct' / 'all-wrong' (no
 * finite estimate exists: reported at the difficulty bound and left out of the likelihood); 'at-bound'
 * (estimated, but a or b ended on its bound — usually a sparse or misfitting item; review it).
 */
export type ItemFlag =
	'estimated' | 'anchor' | 'no-data' | 'all-correct' | 'all-wrong' | 'at-bound';

export type CalibrationResult = {
	items: ItemParams[];
	iterations: number;
	converged: boolean;
	/** Marginal log-likelihood at the final estimates (items flagged all-correct/all-wrong/no-data excluded). */
	logLik: number;
	/** Cross-product (empirical information) standard errors; see `calibrate`. */
	standardErrors?: ItemStandardError[];
	flags: ItemFlag[];
	/** Latent distribution on the reported scale: N(0, 1) unless estimated against anchors. */
	latent: { mean: number; sd: number };
	/** Persons with at least one usable response, and their distinct response patterns. */
	persons: number;
	patterns: number;
};

export const DEFAULT_MAX_ITER = 2000;
export const DEFAULT_TOLERANCE = 1e-5;
export const DEFAULT_CALIBRATION_POINTS = 61;

/**
 * Marginal maximum likelihood calibration of 1PL/2PL items (logistic, D = 1) by EM.
 *
 * E-step (Bock & Aitkin 1981, Psychometrika 46, 443–459): with nodes θ_q and prior weights A_q,
 *   P(q | x_p) = L_p(θ_q) A_q / Σ_k L_p(θ_k) A_k,   n̄_jq = Σ_{p took j} f_p P(q | x_p),   r̄_jq = Σ_{p: x_pj = 1} f_p P(q | x_p).
 * M-step per item: maximise Σ_q r̄_jq log P_j(θ_q) + (n̄_jq − r̄_jq) log(1 − P_j(θ_q)) by Newton–Raphson in
 * slope–intercept form z = aθ + d (concave, so Newton with step halving converges; b = −d/a).
 * 1PL with a common slope solves the joint (a, d_1…d_J) Newton system, whose Hessian is an arrow matrix.
 * logLik = Σ_p f_p log Σ_q L_p(θ_q) A_q at the final estimates.
 *
 * Standard errors: inverse of the cross-product ("empirical") information Σ_p f_p s_p s_pᵀ, where s_p is
 * the gradient of person p's log marginal likelihood (Meilijson 1989, JRSS B 51, 127–138) — the method
 * irtQ uses. It is cheap for hundreds of items and agrees with the observed information to a few per cent
 * at the sample sizes a calibration needs. Latent mean/SD, when estimated, are included in the matrix.
 *
 * @throws RangeError on malformed data or options (ragged rows, bad anchors, fixedA with 2PL …).
 */
export function calibrate(
	responses: ResponseMatrix,
	options: CalibrationOptions
): CalibrationResult {
	const itemCount = validateMatrix(responses);
	const settings = resolveSettings(options, itemCount);
	const counts = countResponses(responses, itemCount);
	const flags = initialFlags(counts, settings.anchors);
	const model = initialModel(counts, flags, settings);
	const data = collapsePatterns(responses, itemCount, (j) => model.role[j] !== EXCLUDED);
	const rule = rectangularRule(settings.points);
	const expected: Expected = {
		n: new Float64Array(itemCount * settings.points),
		r: new Float64Array(itemCount * settings.points),
		firstMoment: 0,
		secondMoment: 0
	};

	let iterations = 0;
	let converged = false;
	if (data.patternCount > 0) {
		while (iterations < settings.maxIter && !converged) {
			eStep(data, model, rule, expected);
			const change = mStep(data, model, rule, expected);
			iterations++;
			converged = change < settings.tolerance;
		}
	}
	const logLik = data.patternCount > 0 ? eStep(data, model, rule, expected) : 0;
	markBoundaryItems(model, flags);

	return {
		items: reportedItems(model, settings.anchors),
		iterations,
		converged,
		logLik,
		standardErrors: settings.standardErrors
			? crossProductStandardErrors(data, model, rule)
			: undefined,
		flags,
		latent: { mean: model.mean, sd: model.sd },
		persons: data.persons,
		patterns: data.patternCount
	};
}

type Settings = {
	kind: Kind;
	fixedA: number | undefined;
	anchors: Map<number, ItemParams>;
	maxIter: number;
	tolerance: number;
	points: number;
	estimateLatent: boolean;
	standardErrors: boolean;
	slopePrior: SlopePrior | undefined;
};

function resolveSettings(options: CalibrationOptions, itemCount: number): Settings {
	if (options.model !== '1pl' && options.model !== '2pl') {
		throw new RangeError(`model must be '1pl' or '2pl', got ${String(options.model)}`);
	}
	if (options.fixedA !== undefined) {
		if (options.model !== '1pl') throw new RangeError('fixedA applies to the 1PL model only');
		if (!(options.fixedA > 0 && Number.isFinite(options.fixedA))) {
			throw new RangeError(`fixedA must be a finite positive number, got ${options.fixedA}`);
		}
	}
	const anchors = new Map<number, ItemParams>();
	for (const [key, params] of Object.entries(options.anchors ?? {})) {
		const index = Number(key);
		if (!Number.isInteger(index) || index < 0 || index >= itemCount) {
			throw new RangeError(`anchor key ${key} is not a column index in 0..${itemCount - 1}`);
		}
		assertItemParams(params, `anchor ${index}`);
		anchors.set(index, params);
	}
	const estimateLatent = options.estimateLatent ?? anchors.size > 0;
	if (estimateLatent && anchors.size === 0) {
		throw new RangeError(
			'the latent mean and SD are only identified when anchor items fix the scale'
		);
	}
	const maxIter = options.maxIter ?? DEFAULT_MAX_ITER;
	const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
	const points = options.points ?? DEFAULT_CALIBRATION_POINTS;
	if (!Number.isInteger(maxIter) || maxIter < 1)
		throw new RangeError(`maxIter must be ≥ 1, got ${maxIter}`);
	if (!(tolerance > 0)) throw new RangeError(`tolerance must be positive, got ${tolerance}`);
	if (!Number.isInteger(points) || points < 5)
		throw new RangeError(`points must be ≥ 5, got ${points}`);
	const kind: Kind =
		options.model === '2pl' ? '2pl' : options.fixedA !== undefined ? 'fixed-a' : 'common-a';
	const slopePrior = options.slopePrior;
	if (slopePrior) {
		if (kind !== '2pl') throw new RangeError('slopePrior applies to the 2PL model only');
		if (!(
			Number.isFinite(slopePrior.meanLog) &&
			slopePrior.sdLog > 0 &&
			Number.isFinite(slopePrior.sdLog)
		)) {
			throw new RangeError('slopePrior needs a finite meanLog and a positive sdLog');
		}
	}
	return {
		kind,
		fixedA: options.fixedA,
		anchors,
		maxIter,
		tolerance,
		points,
		estimateLatent,
		standardErrors: options.standardErrors ?? true,
		slopePrior
	};
}

function initialFlags(counts: ItemCounts, anchors: Map<number, ItemParams>): ItemFlag[] {
	return Array.from(counts.administered, (administered, j): ItemFlag => {
		if (anchors.has(j)) return 'anchor';
		if (administered === 0) return 'no-data';
		if (counts.correct[j] === administered) return 'all-correct';
		if (counts.correct[j] === 0) return 'all-wrong';
		return 'estimated';
	});
}

/**
 * Starting values from proportions correct: with θ ~ N(0, 1), E[σ(aθ + d)] ≈ σ(d / √(1 + a²/1.702²))
 * (the logistic–probit approximation), so d₀ = logit(p̂)·√(1 + a₀²/2.897).
 */
function initialModel(counts: ItemCounts, flags: ItemFlag[], settings: Settings): ModelState {
	const itemCount = flags.length;
	const startA = settings.fixedA ?? 1;
	const model: ModelState = {
		kind: settings.kind,
		slopePrior: settings.slopePrior,
		role: new Uint8Array(itemCount),
		a: new Float64Array(itemCount),
		b: new Float64Array(itemCount),
		c: new Float64Array(itemCount),
		mean: 0,
		sd: 1,
		estimateLatent: settings.estimateLatent
	};
	for (let j = 0; j < itemCount; j++) {
		const anchor = settings.anchors.get(j);
		if (anchor) {
			model.role[j] = ANCHOR;
			model.a[j] = anchor.a;
			model.b[j] = anchor.b;
			model.c[j] = anchor.c ?? 0;
			continue;
		}
		model.a[j] = startA;
		const flag = flags[j];
		if (flag !== 'estimated') {
			model.role[j] = EXCLUDED;
			model.b[j] =
				flag === 'all-correct' ? -DIFFICULTY_BOUND : flag === 'all-wrong' ? DIFFICULTY_BOUND : 0;
			continue;
		}
		const p = (counts.correct[j] + 0.5) / (counts.administered[j] + 1);
		const d = Math.log(p / (1 - p)) * Math.sqrt(1 + (startA * startA) / 2.897);
		model.b[j] = clamp(-d / startA, -DIFFICULTY_BOUND, DIFFICULTY_BOUND);
	}
	return model;
}

function markBoundaryItems(model: ModelState, flags: ItemFlag[]): void {
	const tolerance = 1e-9;
	for (let j = 0; j < flags.length; j++) {
		if (flags[j] !== 'estimated') continue;
		const atA =
			model.a[j] <= DISCRIMINATION_BOUNDS[0] + tolerance ||
			model.a[j] >= DISCRIMINATION_BOUNDS[1] - tolerance;
		const atB = Math.abs(model.b[j]) >= DIFFICULTY_BOUND - tolerance;
		if (atA || atB) flags[j] = 'at-bound';
	}
}

function reportedItems(model: ModelState, anchors: Map<number, ItemParams>): ItemParams[] {
	return Array.from(model.a, (a, j) => {
		const anchor = anchors.get(j);
		// Common-slope items excluded from the likelihood still report the common slope.
		if (anchor) return { ...anchor };
		return { a: model.kind === 'common-a' ? commonSlope(model, a) : a, b: model.b[j] };
	});
}

function commonSlope(model: ModelState, fallback: number): number {
	for (let j = 0; j < model.role.length; j++) if (model.role[j] === FREE) return model.a[j];
	return fallback;
}
