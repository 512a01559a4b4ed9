import { describe, expect, it } from 'vitest';
import { EXERCISE_KINDS, type Exercise } from '$lib/course/types';
import { exerciseFields, exerciseFromFields } from './exercise-form';
import { locateProblem } from './problems';
import { parseVocabularyCsv } from './vocabulary-csv';
import { exerciseProblemsAlone } from './exercise-check';

const SAMPLES: Exercise[] = [
	{
		kind: 'choice',
		id: 'x1',
		skill: 'reading',
		prompt: 'Xin chào',
		options: [{ text: 'ສະບາຍດີ' }, { text: 'ຂອບໃຈ' }],
		answer: 0
	},
	{
		kind: 'listen_choose',
		id: 'x2',
		skill: 'listening',
		audio: 'Cảm ơn',
		options: [{ text: 'a' }, { text: 'b' }],
		answer: 1
	},
	{
		kind: 'listen_type',
		id: 'x3',
		skill: 'listening',
		audio: 'Chào anh',
		answers: ['Chào anh', 'chào anh']
	},
	{
		kind: 'translate',
		id: 'x4',
		skill: 'writing',
		promptGloss: { lo: 'ຂອບໃຈ', en: 'Thanks' },
		answers: ['Cảm ơn']
	},
	{
		kind: 'build_sentence',
		id: 'x5',
		skill: 'reading',
		promptGloss: { lo: 'ສະບາຍດີ' },
		tiles: ['Xin', 'chào', 'anh'],
		answers: ['Xin chào']
	},
	{
		kind: 'match_pairs',
		id: 'x6',
		skill: 'reading',
		pairs: [
			{ term: 'a', meaning: { lo: 'ກ' } },
			{ term: 'b', meaning: { lo: 'ຂ' } }
		]
	},
	{
		kind: 'fill_gap',
		id: 'x7',
		skill: 'writing',
		before: 'Tôi',
		after: 'cơm.',
		options: ['ăn', 'uống'],
		answers: ['ăn']
	},
	{
		kind: 'reading',
		id: 'x8',
		skill: 'reading',
		passage: 'Lan là giáo viên.',
		questions: [
			{ promptGloss: { lo: 'ລານເປັນໃຜ?' }, options: [{ text: 'ຄູ' }, { text: 'ໝໍ' }], answer: 0 }
		]
	},
	{
		kind: 'speak',
		id: 'x9',
		skill: 'speaking',
		text: 'Xin chào',
		meaning: { lo: 'ສະບາຍດີ' },
		audio: 'Xin chào'
	}
];

describe('exercise form', () => {
	it('covers every kind and round-trips each through its form', () => {
		expect(SAMPLES.map((s) => s.kind).sort()).toEqual([...EXERCISE_KINDS].sort());
		for (const sample of SAMPLES) {
			const fields = exerciseFields(sample, 'lo');
			expect(exerciseFromFields(sample.kind, sample.id, fields, 'lo').exercise).toEqual(sample);
		}
	});

	it('reads the right option from its * and says when none is marked', () => {
		const built = exerciseFromFields('choice', 'x', { prompt: 'Hỏi', options: 'a\n* b\nc' }, 'lo');
		expect(built.exercise).toMatchObject({
			answer: 1,
			options: [{ text: 'a' }, { text: 'b' }, { text: 'c' }]
		});
		expect(exerciseFromFields('choice', 'x', { options: 'a\nb' }, 'lo').errors).toEqual([
			{ field: 'options', code: 'no_right_option' }
		]);
	});

	it('keeps an option picture while its text is unchanged', () => {
		const previous: Exercise = {
			kind: 'choice',
			id: 'x',
			skill: 'reading',
			prompt: 'p',
			options: [{ text: 'cơm', picture: '🍚' }, { text: 'nước' }],
			answer: 0
		};
		const built = exerciseFromFields(
			'choice',
			'x',
			{ prompt: 'p', options: '*cơm\nnước' },
			'lo',
			previous
		);
		expect(built.exercise).toEqual(previous);
	});

	it('carries a picture and its description both ways, for any kind', () => {
		const media = '0b7c4a38-2c1e-4d0e-9f3a-1b2c3d4e5f60';
		const withPicture: Exercise = {
			kind: 'translate',
			id: 'x',
			skill: 'writing',
			promptGloss: { lo: 'ເຂົ້າ' },
			answers: ['cơm'],
			image: { media, alt: { lo: 'ເຂົ້າໜຶ່ງຖ້ວຍ', en: 'a bowl of rice' } }
		};
		const fields = exerciseFields(withPicture, 'lo');
		expect(fields).toMatchObject({
			image: media,
			imageAlt: 'ເຂົ້າໜຶ່ງຖ້ວຍ',
			imageAltEn: 'a bowl of rice'
		});
		expect(exerciseFromFields('translate', 'x', fields, 'lo').exercise).toEqual(withPicture);
		// No picture chosen: no image at all (a description alone is dropped).
		const none = exerciseFromFields('translate', 'x', { ...fields, image: ' ' }, 'lo').exercise;
		expect(none).not.toHaveProperty('image');
	});

	it('requires a description of the picture and a media id, beside the picture fields', () => {
		const head = {
			id: 'c',
			title: { lo: 'ທ' },
			targetLanguage: 'vi' as const,
			interfaceLanguage: 'lo' as const
		};
		const base = { promptGloss: 'ເຂົ້າ', answers: 'cơm' };
		const noAlt = exerciseFromFields(
			'translate',
			'x1',
			{ ...base, image: '0b7c4a38-2c1e-4d0e-9f3a-1b2c3d4e5f60', imageAltEn: 'rice' },
			'lo'
		).exercise;
		expect(exerciseProblemsAlone(head, 'l1', noAlt).map((p) => [p.field, p.code])).toEqual([
			['imageAlt', 'no_alt']
		]);
		const badId = exerciseFromFields(
			'translate',
			'x1',
			{ ...base, image: 'javascript:alert(1)', imageAlt: 'ເຂົ້າ' },
			'lo'
		).exercise;
		expect(exerciseProblemsAlone(head, 'l1', badId).map((p) => [p.field, p.code])).toEqual([
			['image', 'bad_image']
		]);
	});

	it('puts the checker problems next to their fields', () => {
		const blank = exerciseFromFields('translate', 'x1', {}, 'lo').exercise;
		const problems = exerciseProblemsAlone(
			{ id: 'c', title: { lo: 'ທ' }, targetLanguage: 'vi', interfaceLanguage: 'lo' },
			'l1',
			blank
		);
		expect(problems.map((p) => [p.field, p.code])).toEqual([
			['promptGloss', 'no_text'],
			['answers', 'no_answers']
		]);
		expect(locateProblem('unit u1: level must be 1–6')).toMatchObject({
			unitId: 'u1',
			field: 'level',
			code: 'bad_level'
		});
		expect(locateProblem('lesson l1 vocabulary v1: no romanization')).toMatchObject({
			lessonId: 'l1',
			vocabularyId: 'v1',
			field: 'romanization'
		});
		expect(locateProblem('lesson l1 exercise x1 question 0: fewer than 2 options')).toMatchObject({
			exerciseId: 'x1',
			field: 'questions',
			code: 'few_options'
		});
	});
});

describe('vocabulary CSV', () => {
	it('reads quoted fields, a byte-order mark and optional columns', () => {
		const csv =
			'\uFEFFterm,meaning,meaning_en,romanization\n"xin chào","ສະບາຍດີ, ທັກທາຍ",hello,\ncảm ơn,ຂອບໃຈ,,\n';
		expect(parseVocabularyCsv(csv, 'lo')).toEqual({
			entries: [
				{ term: 'xin chào', meaning: { lo: 'ສະບາຍດີ, ທັກທາຍ', en: 'hello' } },
				{ term: 'cảm ơn', meaning: { lo: 'ຂອບໃຈ' } }
			],
			errors: []
		});
	});

	it('reports every bad line and a missing header', () => {
		expect(parseVocabularyCsv('term,meaning\n,x\ny,\n', 'vi').errors).toEqual([
			{ line: 2, code: 'no_term' },
			{ line: 3, code: 'no_meaning' }
		]);
		expect(parseVocabularyCsv('word;gloss\na;b', 'vi').errors).toEqual([
			{ line: 1, code: 'no_header' }
		]);
	});
});
