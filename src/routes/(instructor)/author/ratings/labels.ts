import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { BELOW_LEVEL_1, type Localized } from '$lib/screening/rubric';

export function sourceLabel(source: string): string {
	return source === 'lesson' ? m.rate_source_lesson() : m.rate_source_screening();
}

/** How a queue entry is marked: one of two independent ratings, or the third rater's. */
export function stageLabel(stage: 'single' | 'double' | 'third'): string {
	if (stage === 'third') return m.rate_stage_third();
	return stage === 'double' ? m.rate_stage_double() : '';
}

/** The level a rating gave, as words: "bậc 3", "chưa đạt bậc 1" (no rateable response), or "—". */
export function ratedLevelText(level: number | null | undefined): string {
	if (level === null || level === undefined) return '—';
	return level === BELOW_LEVEL_1 ? m.level_below_1_inline() : m.level_n({ level });
}

/** A rubric text in the interface language (rubrics carry vi, lo and en). */
export function localized(text: Localized): string {
	return text[getLocale()] ?? text.vi;
}
