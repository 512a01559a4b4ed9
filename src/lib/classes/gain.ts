/**
 * A class's gain, pure: each learner's entry level (screening or placement) and exit level (the
 * class's exit test) per skill, and the class's mean gain per skill over the learners who have both.
 * Levels are the 6-level CEFR-aligned scale (1–6), so a gain of +1.0 is one level on average.
 */
import { SCORED_SKILLS, type ScoredSkill, type SkillLevels } from '$lib/screening/requirement';

export const GAIN_AREAS = ['overall', ...SCORED_SKILLS] as const;
export type GainArea = 'overall' | ScoredSkill;

export type Levels = { overallLevel: number | null; skillLevels: SkillLevels };

export type AreaGain = {
	area: GainArea;
	/** Learners with an entry and an exit level in this area. */
	n: number;
	/** Means over those n learners, rounded to one decimal; null when n = 0. */
	meanEntry: number | null;
	meanExit: number | null;
	meanGain: number | null;
};

/** The level of one area of a result, or null when the result has none (not tested, not rated). */
export function levelIn(levels: Levels | null, area: GainArea): number | null {
	if (!levels) return null;
	const level = area === 'overall' ? levels.overallLevel : levels.skillLevels[area];
	return typeof level === 'number' ? level : null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Mean entry, mean exit and mean gain (exit − entry) per area, over the learners who have both
 * levels in that area: a learner whose exit writing is not rated yet, or who never had a speaking
 * level, counts in the other areas only. Mean gain = mean of the differences (the same as the
 * difference of the means over the same n learners).
 */
export function classGain(learners: { entry: Levels | null; exit: Levels | null }[]): AreaGain[] {
	return GAIN_AREAS.map((area) => {
		const pairs = learners.flatMap((l) => {
			const entry = levelIn(l.entry, area);
			const exit = levelIn(l.exit, area);
			return entry !== null && exit !== null ? [{ entry, exit }] : [];
		});
		const n = pairs.length;
		const mean = (f: (p: { entry: number; exit: number }) => number) =>
			n === 0 ? null : round1(pairs.reduce((sum, p) => sum + f(p), 0) / n);
		return {
			area,
			n,
			meanEntry: mean((p) => p.entry),
			meanExit: mean((p) => p.exit),
			meanGain: mean((p) => p.exit - p.entry)
		};
	});
}

/** A gain as people read it: "+0.5", "−1.0", "0.0" (a real minus sign). */
export function formatGain(gain: number): string {
	const text = Math.abs(gain).toFixed(1);
	if (gain > 0) return `+${text}`;
	if (gain < 0) return `−${text}`;
	return text;
}
