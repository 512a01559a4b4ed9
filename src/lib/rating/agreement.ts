/**
 * Agreement between raters of writing and speaking answers (issue 12): exact and adjacent agreement and
 * quadratic-weighted Cohen's kappa over the criteria two raters both scored, and how two or three
 * independent bands make one final band. Pure functions, so the rating pages and their specs share them.
 */

/** Two raters' bands for one criterion of one answer. */
export type BandPair = { first: number; second: number };

/** Share of pairs with the same band; null without pairs. */
export function exactAgreement(pairs: readonly BandPair[]): number | null {
	if (pairs.length === 0) return null;
	return pairs.filter((p) => p.first === p.second).length / pairs.length;
}

/** Share of pairs at most one band apart (exact included); null without pairs. */
export function adjacentAgreement(pairs: readonly BandPair[]): number | null {
	if (pairs.length === 0) return null;
	return pairs.filter((p) => Math.abs(p.first - p.second) <= 1).length / pairs.length;
}

/**
 * Cohen's weighted kappa with quadratic weights (Cohen 1968; Fleiss & Cohen 1973) over bands
 * `min`…`max` (by default the range the pairs use): 1 − Σ wᵢⱼ Oᵢⱼ / Σ wᵢⱼ Eᵢⱼ with wᵢⱼ = (i − j)²,
 * O the observed and E the chance table from the two raters' marginals. Null when it is undefined:
 * no pairs, or no disagreement is possible by chance (both raters always gave one and the same band).
 */
export function quadraticWeightedKappa(
	pairs: readonly BandPair[],
	range?: { min: number; max: number }
): number | null {
	if (pairs.length === 0) return null;
	const bands = pairs.flatMap((p) => [p.first, p.second]);
	const min = range?.min ?? Math.min(...bands);
	const max = range?.max ?? Math.max(...bands);
	const k = max - min + 1;
	if (k < 1 || bands.some((band) => !Number.isInteger(band) || band < min || band > max))
		throw new RangeError('bands must be whole numbers within the range');
	const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	const rows = new Array<number>(k).fill(0);
	const columns = new Array<number>(k).fill(0);
	for (const { first, second } of pairs) {
		observed[first - min][second - min] += 1;
		rows[first - min] += 1;
		columns[second - min] += 1;
	}
	const n = pairs.length;
	let disagreement = 0;
	let chance = 0;
	for (let i = 0; i < k; i++)
		for (let j = 0; j < k; j++) {
			const weight = (i - j) ** 2;
			disagreement += weight * observed[i][j];
			chance += (weight * rows[i] * columns[j]) / n;
		}
	if (chance === 0) return null;
	return 1 - disagreement / chance;
}

/** One rater's band for one criterion of one answer. */
export type RatedBand = { answerId: string; criterion: number; raterId: string; band: number };

export type RaterAgreement = {
	raterId: string;
	/** Criterion scores this rater shares with another rater of the same answer. */
	pairs: number;
	exact: number | null;
	adjacent: number | null;
	kappa: number | null;
};

/**
 * Per rater, agreement with the other raters on the same answers: every other rater's band on the same
 * criterion of the same answer is one pair (this rater first). Raters without shared answers get
 * `pairs: 0` and nulls. `range` is the rubric's band range, so kappa's chance table covers every band.
 */
export function agreementByRater(
	bands: readonly RatedBand[],
	range?: { min: number; max: number }
): RaterAgreement[] {
	const byCriterion = new Map<string, RatedBand[]>();
	for (const band of bands) {
		const key = `${band.answerId}\u0000${band.criterion}`;
		byCriterion.set(key, [...(byCriterion.get(key) ?? []), band]);
	}
	const pairs = new Map<string, BandPair[]>();
	for (const band of bands) if (!pairs.has(band.raterId)) pairs.set(band.raterId, []);
	for (const group of byCriterion.values())
		for (const mine of group)
			for (const other of group)
				if (other.raterId !== mine.raterId)
					pairs.get(mine.raterId)!.push({ first: mine.band, second: other.band });
	return [...pairs.entries()]
		.map(([raterId, list]) => ({
			raterId,
			pairs: list.length,
			exact: exactAgreement(list),
			adjacent: adjacentAgreement(list),
			kappa: quadraticWeightedKappa(list, range)
		}))
		.sort((a, b) => a.raterId.localeCompare(b.raterId));
}

/**
 * The final band of one criterion from independent raters' bands, and whether a third rater is needed.
 * Two bands at most one apart: their mean (a half band when they differ by one — no rater's band is
 * preferred). Two bands further apart: no final band yet, a third rater is asked. Three bands: the
 * median, which is the band of the two closest raters when one is an outlier, so one extreme rating
 * never moves the result. One band (a program that needs one rater): that band.
 */
export function finalBand(bands: readonly number[]): { band: number | null; needsThird: boolean } {
	if (bands.length === 0) return { band: null, needsThird: false };
	if (bands.length === 1) return { band: bands[0], needsThird: false };
	if (bands.length === 2) {
		const [a, b] = bands;
		return Math.abs(a - b) > 1
			? { band: null, needsThird: true }
			: { band: (a + b) / 2, needsThird: false };
	}
	const sorted = [...bands].sort((x, y) => x - y);
	const middle = Math.floor(sorted.length / 2);
	const band = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { band, needsThird: false };
}

/** Whether any criterion's two bands differ by more than one (the answer goes to a third rater). */
export function needsThirdRater(first: readonly number[], second: readonly number[]): boolean {
	return first.some((band, i) => second[i] !== undefined && Math.abs(band - second[i]) > 1);
}

/**
 * The scores that several independent ratings of one answer make together, criterion by criterion
 * (`finalBand`): one rating stands as it is; two at most one band apart on every criterion give the
 * mean (half bands kept — the level thresholds then apply to the exact total, so neither rater is
 * preferred and nothing is rounded); two further apart on any criterion give nothing yet and ask for
 * a third rater; three give the median of each criterion. `ratings` hold criterion index → band.
 */
export function resolveRatings(ratings: readonly Record<string, number>[]): {
	scores: Record<string, number> | null;
	needsThird: boolean;
} {
	if (ratings.length === 0) return { scores: null, needsThird: false };
	const criteria = Object.keys(ratings[0]).sort((a, b) => Number(a) - Number(b));
	const column = (criterion: string) => ratings.map((r) => r[criterion]);
	if (ratings.length === 2 && needsThirdRater(...criteriaPair(criteria, column)))
		return { scores: null, needsThird: true };
	const scores: Record<string, number> = {};
	for (const criterion of criteria) scores[criterion] = finalBand(column(criterion)).band!;
	return { scores, needsThird: false };
}

function criteriaPair(
	criteria: string[],
	column: (criterion: string) => number[]
): [number[], number[]] {
	return [criteria.map((c) => column(c)[0]), criteria.map((c) => column(c)[1])];
}
