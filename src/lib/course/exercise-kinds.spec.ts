import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXERCISE_KIND_RULES, kindRules } from './exercise-kinds';
import { GRADERS, gradeExercise } from './grade';
import { EXERCISE_KINDS, type Exercise, type ExerciseOf } from './types';

// Outside a browser the interface language is the base locale, Vietnamese.
const vi = JSON.parse(readFileSync('messages/vi.json', 'utf8')) as Record<string, string>;
const languages = { locale: 'lo', courseLanguage: 'lo' } as const;

const choice: ExerciseOf<'choice'> = {
	kind: 'choice',
	id: 'c1',
	skill: 'reading',
	prompt: 'Xin chào',
	options: [{ text: 'ສະບາຍດີ' }, { picture: '🍚', pictureLabel: { lo: 'ເຂົ້າ', en: 'rice' } }],
	answer: 0
};
const picture: ExerciseOf<'choice'> = { ...choice, id: 'c2', answer: 1 };
const translate: ExerciseOf<'translate'> = {
	kind: 'translate',
	id: 't1',
	skill: 'writing',
	promptGloss: { lo: 'ປະເທດຫວຽດນາມ' },
	answers: ['Việt Nam', 'Nước Việt Nam']
};
const tiles: ExerciseOf<'build_sentence'> = {
	kind: 'build_sentence',
	id: 'b1',
	skill: 'writing',
	promptGloss: { lo: 'ຂ້ອຍແມ່ນຄູ' },
	tiles: ['Tôi', 'là', 'giáo viên', 'bác sĩ'],
	answers: ['Tôi là giáo viên']
};
const speak: ExerciseOf<'speak'> = {
	kind: 'speak',
	id: 's1',
	skill: 'speaking',
	text: 'Xin chào',
	meaning: { lo: 'ສະບາຍດີ' }
};
const pairs: ExerciseOf<'match_pairs'> = {
	kind: 'match_pairs',
	id: 'm1',
	skill: 'reading',
	pairs: [
		{ term: 'một', meaning: { lo: 'ໜຶ່ງ' } },
		{ term: 'hai', meaning: { lo: 'ສອງ' } }
	]
};

/** The model answer shown after this response to this exercise. */
const modelAfter = (exercise: Exercise, response: unknown) =>
	kindRules(exercise).modelAnswer?.(exercise, gradeExercise(exercise, response, 'vi'), languages);

describe('the exercise-kind registry', () => {
	it('has rules and a grader for every kind, and nothing else', () => {
		expect(Object.keys(EXERCISE_KIND_RULES).sort()).toEqual([...EXERCISE_KINDS].sort());
		expect(Object.keys(GRADERS).sort()).toEqual([...EXERCISE_KINDS].sort());
	});

	it('gives each kind its own instruction; translating names the language to write', () => {
		expect(EXERCISE_KIND_RULES.choice.instruction('vi')).toBe(vi.ex_instr_choice);
		expect(EXERCISE_KIND_RULES.speak.instruction('vi')).toBe(vi.ex_instr_speak);
		expect(EXERCISE_KIND_RULES.translate.instruction('vi')).toBe(vi.ex_instr_translate_vi);
		expect(EXERCISE_KIND_RULES.translate.instruction('lo')).toBe(vi.ex_instr_translate_lo);
		const texts = EXERCISE_KINDS.map((kind) => EXERCISE_KIND_RULES[kind].instruction('vi'));
		expect(new Set(texts).size).toBe(EXERCISE_KINDS.length);
	});

	it('shows the right option after a wrong choice, or its picture label in the interface language', () => {
		expect(modelAfter(choice, { choice: 1 })).toBe('ສະບາຍດີ');
		expect(modelAfter(picture, { choice: 0 })).toBe('ເຂົ້າ');
	});

	it('shows the closest accepted answer after a typed one, the first order after tiles', () => {
		expect(modelAfter(translate, { text: 'Nuoc Viet Nam' })).toBe('Nước Việt Nam');
		expect(modelAfter(translate, { text: 'xyz' })).toBe('Việt Nam');
		expect(modelAfter(tiles, { tiles: [1, 0, 2] })).toBe('Tôi là giáo viên');
	});

	it('shows no model answer where the right answer is marked in place', () => {
		expect(modelAfter(pairs, { pairs: [1, 0], mistakes: 0 })).toBeUndefined();
		expect(modelAfter(speak, { selfCheck: 'skipped', recorded: false })).toBeUndefined();
	});

	it('lets only speaking check itself, and says where a recording goes', () => {
		expect(EXERCISE_KINDS.filter((kind) => EXERCISE_KIND_RULES[kind].selfChecked)).toEqual([
			'speak'
		]);
		const well = gradeExercise(speak, { selfCheck: 'well', recorded: true }, 'vi');
		const skipped = gradeExercise(speak, { selfCheck: 'skipped', recorded: false }, 'vi');
		const note = EXERCISE_KIND_RULES.speak.feedbackNote!;
		expect(note(well, true)).toBe(vi.ex_speak_sent);
		expect(note(well, false)).toBeUndefined();
		expect(note(skipped, false)).toBeUndefined();
	});
});
