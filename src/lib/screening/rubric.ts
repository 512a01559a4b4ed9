/**
 * Rated tasks (writing, speaking), pure: which task a candidate gets, whether a rater's scores fit the
 * task's rubric, and what level the scores mean. Shared by the server (the authority) and the pages.
 */

export type Localized = { vi: string; lo: string; en: string };

/** The rubric of a writing or speaking item (content/placement/*.json, `rubric`). */
export type Rubric = {
	criteria: { name: Localized; bands: Localized[] }[];
	/** Every criterion is scored 0…maxScorePerCriterion; band i describes score i. */
	maxScorePerCriterion: number;
};

/** Scores as the rater gives them: criterion index ("0", "1", …) → points. */
export type CriterionScores = Record<string, number>;

export type ScoreError = 'missing' | 'out_of_range' | 'unknown_criterion';

/**
 * Checks scores against the rubric: one whole number from 0 to the criterion's maximum for every
 * criterion, and nothing else. Returns the problem of each offending criterion (empty when valid).
 */
export function validateScores(
	rubric: Rubric,
	scores: CriterionScores
): Record<string, ScoreError> {
	const errors: Record<string, ScoreError> = {};
	rubric.criteria.forEach((_, index) => {
		const value = scores[String(index)];
		if (value === undefined || value === null || Number.isNaN(value)) errors[index] = 'missing';
		else if (!Number.isInteger(value) || value < 0 || value > maxScoreOf(rubric, index))
			errors[index] = 'out_of_range';
	});
	for (const key of Object.keys(scores)) {
		const index = Number(key);
		if (!Number.isInteger(index) || index < 0 || index >= rubric.criteria.length)
			errors[key] = 'unknown_criterion';
	}
	return errors;
}

/** The highest score of a criterion: its band count minus one, never above the rubric's maximum. */
export function maxScoreOf(rubric: Rubric, criterion: number): number {
	const bands = rubric.criteria[criterion]?.bands.length ?? 0;
	return Math.min(rubric.maxScorePerCriterion, Math.max(0, bands - 1));
}

export function rubricMaximum(rubric: Rubric): number {
	return rubric.criteria.reduce((sum, _, i) => sum + maxScoreOf(rubric, i), 0);
}

export function rubricTotal(scores: CriterionScores): number {
	return Object.values(scores).reduce((sum, v) => sum + v, 0);
}

/**
 * The "level" of an answer with nothing to rate: silence, off-task, or no answer (0 points on every
 * criterion, the rubric's band 0). It shows no level at all — "below level 1" — whatever the task's
 * level: an empty answer to a level-1 task is no evidence of level 1.
 */
export const BELOW_LEVEL_1 = 0;

/** True for a level that is a real level of the framework (1–6), not "below level 1" or unset. */
export function isFrameworkLevel(level: number | null | undefined): level is number {
	return typeof level === 'number' && level >= 1 && level <= 6;
}

/**
 * The level a rated answer shows, from the rubric total and the level the task was written for:
 * 1–6, or BELOW_LEVEL_1 (0) for no rateable response.
 *
 * Rule (share r = total / maximum):
 * - total 0 (band 0, "no response / off-task", on every criterion): no rateable response → BELOW_LEVEL_1;
 * - r = 1 (the top band on every criterion): the task is mastered → task level + 1;
 * - r ≥ 2/3 (on average "most of the task, some errors that do not block understanding", band 2 of
 *   0–3): the task's level is reached → task level;
 * - r ≥ 1/3 (on average band 1, "only part of the task, many errors"): one level below the task;
 * - below 1/3: two levels below.
 * Any rateable answer stays within 1–6 (there is no level 0 in the 6-level framework). One task can only
 * locate a candidate within about a level of its own, which is why the candidate gets the task
 * nearest their adaptive level (`pickRatedTask`).
 */
export function levelFromRubric(taskLevel: number, total: number, maximum: number): number {
	const clamp = (level: number) => Math.min(6, Math.max(1, level));
	if (maximum <= 0) return clamp(taskLevel);
	if (total <= 0) return BELOW_LEVEL_1;
	// Compare whole numbers (3·total against 2·maximum) so 6 of 9 is exactly 2/3, not 0.666… < 0.667.
	if (total >= maximum) return clamp(taskLevel + 1);
	if (3 * total >= 2 * maximum) return clamp(taskLevel);
	if (3 * total >= maximum) return clamp(taskLevel - 1);
	return clamp(taskLevel - 2);
}

export type RatedTaskOption = { id: string; level: number };

/**
 * The task nearest the candidate's adaptive overall level. Of two equally near, the lower one: a
 * task a little below the candidate's level can still show one level above it (`levelFromRubric`),
 * and is less discouraging than one above. Ties at the same level go by id, so the choice is stable.
 */
export function pickRatedTask<T extends RatedTaskOption>(tasks: T[], level: number): T | null {
	let best: T | null = null;
	for (const task of tasks) {
		if (!best) {
			best = task;
			continue;
		}
		const d = Math.abs(task.level - level);
		const bestD = Math.abs(best.level - level);
		if (
			d < bestD ||
			(d === bestD && task.level < best.level) ||
			(d === bestD && task.level === best.level && task.id < best.id)
		)
			best = task;
	}
	return best;
}

/**
 * Words in a written answer, for the counter under the text box. Vietnamese separates syllables
 * with spaces, so a space-separated count is what teachers mean by "120 từ"; Lao writes no spaces
 * between words, so Lao text is counted with the word segmenter (Intl.Segmenter, Unicode UAX #29
 * with dictionary-based Lao breaks), in the browser and in Node alike.
 */
export function countWords(text: string): number {
	const trimmed = text.trim();
	if (!trimmed) return 0;
	if (/[\u0E80-\u0EFF]/u.test(trimmed) && typeof Intl.Segmenter === 'function') {
		const segmenter = new Intl.Segmenter('lo', { granularity: 'word' });
		let count = 0;
		for (const segment of segmenter.segment(trimmed)) if (segment.isWordLike) count++;
		return count;
	}
	return trimmed.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
