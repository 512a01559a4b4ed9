import { m } from '$lib/paraglide/messages';

/** How each form field is typed: one line or a list, in the language taught or the learners'. */
export type FieldShape = 'target' | 'gloss' | 'lines' | 'targetLines' | 'passage';

export const FIELD_SHAPES: Record<string, FieldShape> = {
	prompt: 'target',
	promptGloss: 'gloss',
	promptGlossEn: 'gloss',
	options: 'lines',
	audio: 'target',
	answers: 'targetLines',
	tiles: 'targetLines',
	pairs: 'lines',
	before: 'target',
	after: 'target',
	gapOptions: 'targetLines',
	passage: 'passage',
	questions: 'lines',
	text: 'target',
	meaning: 'gloss',
	meaningEn: 'gloss'
};

export function fieldLabel(name: string): string {
	const labels: Record<string, () => string> = {
		prompt: m.author_ex_prompt,
		promptGloss: m.author_ex_prompt_gloss,
		promptGlossEn: m.author_ex_prompt_gloss_en,
		options: m.author_ex_options,
		audio: m.author_ex_audio,
		answers: m.author_ex_answers,
		tiles: m.author_ex_tiles,
		pairs: m.author_ex_pairs,
		before: m.author_ex_before,
		after: m.author_ex_after,
		gapOptions: m.author_ex_gap_options,
		passage: m.author_ex_passage,
		questions: m.author_ex_questions,
		text: m.author_ex_text,
		meaning: m.author_ex_meaning,
		meaningEn: m.author_ex_meaning_en
	};
	return labels[name]?.() ?? name;
}

export function fieldHint(name: string): string | undefined {
	const hints: Record<string, () => string> = {
		options: m.author_ex_options_hint,
		audio: m.author_ex_audio_hint,
		answers: m.author_ex_answers_hint,
		tiles: m.author_ex_tiles_hint,
		pairs: m.author_ex_pairs_hint,
		gapOptions: m.author_ex_gap_options_hint,
		questions: m.author_ex_questions_hint,
		prompt: m.author_ex_prompt_hint
	};
	return hints[name]?.();
}
