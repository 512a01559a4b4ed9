import { m } from '$lib/paraglide/messages';

export function skillLabel(skill: string): string {
	switch (skill) {
		case 'listening':
			return m.skill_listening();
		case 'reading':
			return m.skill_reading();
		case 'vocabulary_grammar':
			return m.skill_vocabulary_grammar();
		case 'writing':
			return m.skill_writing();
		case 'speaking':
			return m.skill_speaking();
		default:
			return skill;
	}
}

/** The level descriptions of each tested language: the Lao test's levels describe Lao ability. */
const LEVELS: Record<'vi' | 'lo', (() => string)[]> = {
	vi: [m.level_vi_1, m.level_vi_2, m.level_vi_3, m.level_vi_4, m.level_vi_5, m.level_vi_6],
	lo: [m.level_lo_1, m.level_lo_2, m.level_lo_3, m.level_lo_4, m.level_lo_5, m.level_lo_6]
};
/** What a level means in the tested language (the bank's language), in the interface language. */
export function levelMeaning(level: number, language: 'vi' | 'lo'): string {
	return LEVELS[language]?.[level - 1]?.() ?? '';
}
export const LEVEL_NUMBERS = [1, 2, 3, 4, 5, 6];

const INSTRUCTIONS: Record<string, () => string> = {
	choose_meaning: m.instruction_choose_meaning,
	choose_word: m.instruction_choose_word,
	fill_gap: m.instruction_fill_gap,
	choose_response: m.instruction_choose_response,
	choose_correct_sentence: m.instruction_choose_correct_sentence,
	listen_choose: m.instruction_listen_choose,
	read_choose: m.instruction_read_choose
};
export function instructionText(key: string): string {
	return INSTRUCTIONS[key]?.() ?? '';
}
