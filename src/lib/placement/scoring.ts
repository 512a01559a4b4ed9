/**
 * From θ to what candidates and teachers see: levels 1–6, per-skill sub-scores, and the provisional
 * parameters that let a newly written item enter the bank before it has been calibrated.
 */
import type { Skill } from './bank';
import { SKILLS } from './bank';
import { estimateAbility, type AbilityEstimate } from './estimate';
import type { ItemParams } from './model';

/**
 * Default θ cut points between levels 1|2, 2|3, 3|4, 4|5 and 5|6, one logit apart and centred on the
 * calibration population's mean. They are a starting point to be replaced by a standard-setting study
 * (e.g. a bookmark procedure on the calibrated bank); until then they give six bands of equal width.
 */
export const DEFAULT_LEVEL_CUTS: readonly number[] = Object.freeze([-2, -1, 0, 1, 2]);

/** Discrimination assigned to an item before calibration: the scale's typical value, not an optimistic one. */
export const PROVISIONAL_DISCRIMINATION = 1;

/**
 * Level for θ given ascending cut points: 1 + the number of cuts ≤ θ. With five cuts: θ < cuts[0] → 1,
 * cuts[k−1] ≤ θ < cuts[k] → k + 1, θ ≥ cuts[4] → 6. A θ exactly on a cut gets the higher level, matching
 * "reaches the cut".
 *
 * @throws RangeError if θ is not finite or the cuts are not strictly ascending finite numbers.
 */
export function levelFor(theta: number, cuts: readonly number[]): number {
	assertCuts(cuts);
	if (!Number.isFinite(theta)) throw new RangeError(`levelFor: θ must be finite, got ${theta}`);
	let level = 1;
	for (const cut of cuts) if (theta >= cut) level++;
	return level;
}

function assertCuts(cuts: readonly number[]): void {
	for (let k = 0; k < cuts.length; k++) {
		if (!Number.isFinite(cuts[k]) || (k > 0 && !(cuts[k] > cuts[k - 1]))) {
			throw new RangeError(
				`cut points must be strictly ascending finite numbers, got [${cuts.join(', ')}]`
			);
		}
	}
}

/**
 * Provisional parameters for an item written for `level`, used until it has been calibrated (and the
 * item should meanwhile be flagged `pilot`):
 *
 *   b = midpoint of the level's θ band; the open bottom and top bands are given the width of their
 *       neighbour (with DEFAULT_LEVEL_CUTS: level 1 → −2.5, 2 → −1.5, 3 → −0.5, 4 → 0.5, 5 → 1.5, 6 → 2.5),
 *       so a candidate in the middle of the intended level has a 50 % chance of answering correctly;
 *   a = 1.0 (PROVISIONAL_DISCRIMINATION), the typical slope on an N(0, 1) logistic scale, so provisional
 *       items neither dominate selection nor overstate the precision of a score.
 *
 * This is a project convention for seeding a bank, not a published result: it only has to be good enough to
 * route pilot items to candidates near the intended level. Replace the values by a calibration (with the
 * operational items as anchors) once a few hundred responses per item are available.
 *
 * @throws RangeError if level is not an integer 1 … cuts.length + 1.
 */
export function provisionalParams(
	level: number,
	cuts: readonly number[] = DEFAULT_LEVEL_CUTS
): ItemParams {
	assertCuts(cuts);
	const levels = cuts.length + 1;
	if (!Number.isInteger(level) || level < 1 || level > levels) {
		throw new RangeError(`level must be an integer 1–${levels}, got ${level}`);
	}
	if (cuts.length < 2) throw new RangeError('provisionalParams needs at least two cut points');
	let b: number;
	if (level === 1) b = cuts[0] - (cuts[1] - cuts[0]) / 2;
	else if (level === levels) b = cuts[levels - 2] + (cuts[levels - 2] - cuts[levels - 3]) / 2;
	else b = (cuts[level - 2] + cuts[level - 1]) / 2;
	return { a: PROVISIONAL_DISCRIMINATION, b };
}

/** A scored response tagged with the skill of its item. */
export type SkillResponse = { item: ItemParams & { skill: Skill }; correct: boolean };

export type SkillScore = {
	skill: Skill;
	/** Scored items of this skill behind the estimate. */
	items: number;
	theta: number;
	/** Posterior SD under the shrinkage prior. */
	se: number;
	level: number;
};

export type SkillScoreOptions = {
	/** Overall θ (the prior mean). Default: EAP of all responses under N(0, 1). */
	overall?: number;
	/**
	 * Prior SD around the overall θ (default 1). Smaller values shrink harder; given the usual correlations
	 * of 0.7–0.9 between language skills, 0.5–0.7 is defensible once real data are available.
	 */
	priorSd?: number;
	cuts?: readonly number[];
};

/**
 * Ability per skill, for every skill with at least one scored item (in SKILLS order).
 *
 *   θ_s = EAP of skill s's responses under the prior N(θ_overall, priorSd²),
 *
 * an empirical-Bayes shrinkage estimator (cf. Wainer et al. 2001, "Augmented scores", in Thissen &
 * Wainer, *Test Scoring*, ch. 9): a skill seen through two items stays close to the overall score, a
 * skill seen through twelve can depart from it. The overall θ reuses the same answers, so the reported SE
 * is slightly optimistic; sub-scores are for feedback, the placement decision uses the overall θ.
 */
export function skillScores(
	responses: readonly SkillResponse[],
	options: SkillScoreOptions = {}
): SkillScore[] {
	const overall = options.overall ?? estimateAbility(responses).theta;
	const priorSd = options.priorSd ?? 1;
	const cuts = options.cuts ?? DEFAULT_LEVEL_CUTS;
	const scores: SkillScore[] = [];
	for (const skill of SKILLS) {
		const own = responses.filter((response) => response.item.skill === skill);
		if (own.length === 0) continue;
		const estimate: AbilityEstimate = estimateAbility(own, { priorMean: overall, priorSd });
		scores.push({ skill, items: own.length, ...estimate, level: levelFor(estimate.theta, cuts) });
	}
	return scores;
}
