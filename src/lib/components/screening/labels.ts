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

const LEVELS = [m.level_1, m.level_2, m.level_3, m.level_4, m.level_5, m.level_6];
export function levelMeaning(level: number): string {
	return LEVELS[level - 1]?.() ?? '';
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
