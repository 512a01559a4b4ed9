import { describe, expect, it } from 'vitest';
import { differingLetters, gradeExercise, gradeTyped } from './grade';
import type { Exercise } from './types';

const MAI_THO = '\u0EC9'; // ້
const MAI_EK = '\u0EC8'; // ່
const NIGGAHITA = '\u0ECD'; // ໍ
const SARA_AA = '\u0EB2'; // າ
const MAI_KON = '\u0EBB'; // ົ

const translateVi: Exercise = {
	kind: 'translate',
	id: 't1',
	skill: 'writing',
	promptGloss: { lo: 'ປະເທດຫວຽດນາມ', en: 'Vietnam' },
	answers: ['Việt Nam', 'Nước Việt Nam']
};

const translateLo: Exercise = {
	kind: 'translate',
	id: 't2',
	skill: 'writing',
	promptGloss: { vi: 'nước', en: 'water' },
	answers: ['ນ້ຳ']
};

describe('typed Vietnamese answers', () => {
	it.each([
		['exact', 'Việt Nam'],
		['lowercase', 'việt nam'],
		['NFD input', 'Việt Nam'.normalize('NFD')],
		['surrounding punctuation and spaces', '  Việt   Nam! '],
		['an alternative answer', 'nước Việt Nam'],
		['the alternative in NFD', 'Nước Việt Nam'.normalize('NFD')]
	])('%s is correct', (_label, text) => {
		const grade = gradeExercise(translateVi, { text }, 'vi');
		expect(grade.verdict).toBe('correct');
		expect(grade.correct).toBe(true);
	});

	it('the alternative that matched is the closest answer', () => {
		expect(gradeExercise(translateVi, { text: 'Nước Việt Nam' }, 'vi').closestAnswer).toBe(
			'Nước Việt Nam'
		);
	});

	it('old and new tone placement are both correct', () => {
		expect(gradeTyped(['Hòa bình'], 'hoà bình', 'vi').verdict).toBe('correct');
		expect(gradeTyped(['thuỷ điện'], 'thủy điện', 'vi').verdict).toBe('correct');
		expect(gradeTyped(['khỏe'], 'khoẻ', 'vi').verdict).toBe('correct');
	});

	it('a wrong tone is almost, naming the syllable and both tones', () => {
		const grade = gradeExercise(translateVi, { text: 'Viêt Nam' }, 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.correct).toBe(false);
		expect(grade.closestAnswer).toBe('Việt Nam');
		expect(grade.notes).toEqual([
			{ expected: 'Việt', given: 'Viêt', expectedTone: 'nang', givenTone: 'ngang', letters: [] }
		]);
	});

	it.each([
		['sắc for huyền', 'Tôi là người Lào', 'Tôi lá người Lào', 'là', 'huyen', 'sac'],
		['hỏi for ngã', 'Chị có khỏe không', 'Chị có khõe không', 'khỏe', 'hoi', 'nga'],
		['ngã for hỏi', 'Tôi muốn hỏi', 'Tôi muốn hõi', 'hỏi', 'hoi', 'nga'],
		['nặng missing', 'cảm ơn các bạn', 'cảm ơn các ban', 'bạn', 'nang', 'ngang'],
		['ngang given a mark', 'xin chào', 'xín chào', 'xin', 'ngang', 'sac'],
		['huyền missing', 'xin chào', 'xin chao', 'chào', 'huyen', 'ngang']
	])('tone error: %s', (_label, expected, text, syllable, expectedTone, givenTone) => {
		const grade = gradeTyped([expected], text, 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.notes).toHaveLength(1);
		expect(grade.notes[0]).toMatchObject({ expected: syllable, expectedTone, givenTone });
		expect(grade.notes[0].letters).toEqual([]);
	});

	it.each([
		['đ written d', 'đi học', 'di học', 'đi', 'đ', 'd'],
		['ơ written o', 'cảm ơn', 'cảm ơn'.replace('ơ', 'o'), 'ơn', 'ơ', 'o'],
		['ơ written ô', 'cảm ơn', 'cảm ôn', 'ơn', 'ơ', 'ô'],
		['ư written u', 'người', 'nguời', 'người', 'ư', 'u'],
		['ă written a', 'ăn cơm', 'an cơm', 'ăn', 'ă', 'a'],
		['â written a', 'cần', 'càn', 'cần', 'â', 'a'],
		['ê written e', 'tên tôi', 'ten tôi', 'tên', 'ê', 'e'],
		['ô written o', 'tôi', 'toi', 'tôi', 'ô', 'o']
	])('diacritic error: %s', (_label, expected, text, syllable, letter, given) => {
		const grade = gradeTyped([expected], text, 'vi');
		expect(grade.verdict).toBe('almost');
		const note = grade.notes.find((n) => n.expected === syllable);
		expect(note?.letters).toContainEqual({ expected: letter, given });
	});

	it.each([
		['ngang', 'ma', 'mà', 'huyen'],
		['huyền', 'mà', 'ma', 'ngang'],
		['sắc', 'má', 'mả', 'hoi'],
		['hỏi', 'mả', 'mã', 'nga'],
		['ngã', 'mã', 'mạ', 'nang'],
		['nặng', 'mạ', 'má', 'sac']
	])('each tone named when expected: %s', (_label, expected, text, givenTone) => {
		const grade = gradeTyped([`Con ${expected}`], `con ${text}`, 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.notes).toEqual([
			expect.objectContaining({ expected, given: text, givenTone, letters: [] })
		]);
	});

	it('an expected answer stored in NFD grades the same', () => {
		const grade = gradeTyped(['Việt Nam'.normalize('NFD')], 'Viet Nam', 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.notes[0].letters).toEqual([{ expected: 'ê', given: 'e' }]);
		expect(gradeTyped(['Việt Nam'.normalize('NFD')], 'việt nam', 'vi').verdict).toBe('correct');
	});

	it('capital Đ written D is named in lowercase', () => {
		const grade = gradeTyped(['Đà Nẵng'], 'Da Nẵng', 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.notes[0]).toMatchObject({
			expected: 'Đà',
			expectedTone: 'huyen',
			givenTone: 'ngang',
			letters: [{ expected: 'đ', given: 'd' }]
		});
	});

	it('a syllable wrong in tone and quality names both', () => {
		const grade = gradeTyped(['Việt Nam'], 'Viet Nam', 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.notes).toEqual([
			{
				expected: 'Việt',
				given: 'Viet',
				expectedTone: 'nang',
				givenTone: 'ngang',
				letters: [{ expected: 'ê', given: 'e' }]
			}
		]);
	});

	it('several almost syllables are all named', () => {
		const grade = gradeTyped(['Tôi đi làm'], 'toi di lam', 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.notes.map((n) => n.expected)).toEqual(['Tôi', 'đi', 'làm']);
	});

	it.each([
		['a different word', 'Lào'],
		['a missing word', 'Việt'],
		['an extra word', 'Việt Nam đẹp'],
		['a blank answer', '   '],
		['another letter', 'Viẹt Nan']
	])('%s is wrong, with the model answer', (_label, text) => {
		const grade = gradeExercise(translateVi, { text }, 'vi');
		expect(grade.verdict).toBe('wrong');
		expect(grade.correct).toBe(false);
		expect(grade.closestAnswer).toBe('Việt Nam');
		expect(grade.notes).toEqual([]);
	});

	it('the best verdict over all accepted answers wins', () => {
		// Wrong against the first answer, only a tone slip against the second.
		const grade = gradeTyped(['Xin chào', 'Chào anh'], 'chào ánh', 'vi');
		expect(grade.verdict).toBe('almost');
		expect(grade.closestAnswer).toBe('Chào anh');
		// Correct beats almost even when the almost answer comes first.
		expect(gradeTyped(['bán', 'bàn'], 'bàn', 'vi').verdict).toBe('correct');
	});

	it('a malformed response is wrong', () => {
		expect(gradeExercise(translateVi, null, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(translateVi, { text: 42 }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(translateVi, 'Việt Nam', 'vi').verdict).toBe('wrong');
	});
});

describe('typed Lao answers', () => {
	it.each([
		['exact', 'ນ້ຳ'],
		['ຳ typed as ໍ + າ', `ນ${MAI_THO}${NIGGAHITA}${SARA_AA}`],
		['ໍ before the tone', `ນ${NIGGAHITA}${MAI_THO}${SARA_AA}`],
		['with punctuation', 'ນ້ຳ.'],
		['NFKC form', 'ນ້ຳ'.normalize('NFKC')]
	])('%s is correct', (_label, text) => {
		expect(gradeExercise(translateLo, { text }, 'lo').verdict).toBe('correct');
	});

	it.each([
		['ຫນ for ໜ', ['ໜຶ່ງ'], 'ຫນຶ່ງ'],
		['ຫມ for ໝ', ['ໃໝ່'], 'ໃຫມ່'],
		['tone typed before ົ', ['ເຂົ້າໃຈ'], `ເຂ${MAI_THO}${MAI_KON}າໃຈ`],
		['Lao digits for ASCII', ['10'], '໑໐'],
		['spaces between phrases ignored', ['ຂອບໃຈຫຼາຍໆ'], 'ຂອບໃຈ ຫຼາຍໆ'],
		['an alternative', ['ສະບາຍດີ', 'ສະບາຍດີເຈົ້າ'], 'ສະບາຍດີເຈົ້າ']
	])('%s is correct', (_label, answers, text) => {
		expect(gradeTyped(answers, text, 'lo').verdict).toBe('correct');
	});

	it.each([
		['a different tone mark', `ນ${MAI_EK}ຳ`],
		['a missing tone mark', 'ນຳ'],
		['another word', 'ໄຟ'],
		['empty', '']
	])('%s is wrong, never almost', (_label, text) => {
		const grade = gradeExercise(translateLo, { text }, 'lo');
		expect(grade.verdict).toBe('wrong');
		expect(grade.closestAnswer).toBe('ນ້ຳ');
	});
});

describe('choices', () => {
	const choice: Exercise = {
		kind: 'choice',
		id: 'c1',
		skill: 'reading',
		prompt: 'xin chào',
		options: [
			{ text: 'ລາກ່ອນ' },
			{ text: 'ສະບາຍດີ' },
			{ picture: '🍚', pictureLabel: { en: 'rice' } }
		],
		answer: 1
	};
	const listen: Exercise = {
		kind: 'listen_choose',
		id: 'l1',
		skill: 'listening',
		audio: 'cảm ơn',
		options: [{ text: 'cảm ơn' }, { text: 'xin lỗi' }],
		answer: 0
	};

	it('are graded by index', () => {
		expect(gradeExercise(choice, { choice: 1 }, 'vi').verdict).toBe('correct');
		expect(gradeExercise(choice, { choice: 0 }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(choice, { choice: 2 }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(listen, { choice: 0 }, 'vi').correct).toBe(true);
		expect(gradeExercise(listen, { choice: 1 }, 'vi').correct).toBe(false);
	});

	it('refuse anything but an integer index', () => {
		expect(gradeExercise(choice, { choice: '1' }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(choice, { choice: 1.5 }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(choice, {}, 'vi').verdict).toBe('wrong');
	});
});

describe('fill the gap', () => {
	const typed: Exercise = {
		kind: 'fill_gap',
		id: 'f1',
		skill: 'writing',
		before: 'Tôi',
		after: 'người Lào.',
		answers: ['là']
	};
	const withOptions: Exercise = { ...typed, id: 'f2', options: ['là', 'lá', 'có'] };

	it('typed: correct, almost on a tone, wrong otherwise', () => {
		expect(gradeExercise(typed, { text: 'là' }, 'vi').verdict).toBe('correct');
		expect(gradeExercise(typed, { text: 'la' }, 'vi').verdict).toBe('almost');
		expect(gradeExercise(typed, { text: 'có' }, 'vi').verdict).toBe('wrong');
	});

	it('chosen: a near-miss option is wrong, not almost', () => {
		expect(gradeExercise(withOptions, { text: 'là' }, 'vi').verdict).toBe('correct');
		expect(gradeExercise(withOptions, { text: 'lá' }, 'vi').verdict).toBe('wrong');
	});
});

describe('build the sentence', () => {
	const vi: Exercise = {
		kind: 'build_sentence',
		id: 'b1',
		skill: 'writing',
		promptGloss: { lo: 'ຂ້ອຍເປັນຄົນລາວ' },
		tiles: ['Tôi', 'là', 'người', 'Lào', 'lá', 'Việt'],
		answers: ['Tôi là người Lào']
	};
	const lo: Exercise = {
		kind: 'build_sentence',
		id: 'b2',
		skill: 'reading',
		promptGloss: { vi: 'Tôi là người Lào' },
		tiles: ['ຂ້ອຍ', 'ເປັນ', 'ຄົນ', 'ລາວ', 'ຫວຽດ'],
		answers: ['ຂ້ອຍເປັນຄົນລາວ']
	};

	it('joins tiles in the order placed', () => {
		expect(gradeExercise(vi, { tiles: [0, 1, 2, 3] }, 'vi').verdict).toBe('correct');
		expect(gradeExercise(vi, { tiles: [0, 2, 1, 3] }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(lo, { tiles: [0, 1, 2, 3] }, 'lo').verdict).toBe('correct');
		expect(gradeExercise(lo, { tiles: [0, 1, 2, 4] }, 'lo').verdict).toBe('wrong');
	});

	it('a distractor differing only in tone is wrong, not almost', () => {
		expect(gradeExercise(vi, { tiles: [0, 4, 2, 3] }, 'vi').verdict).toBe('wrong');
	});

	it('refuses incomplete, repeated or unknown tiles', () => {
		expect(gradeExercise(vi, { tiles: [0, 1, 2] }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(vi, { tiles: [0, 1, 1, 2, 3] }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(vi, { tiles: [0, 1, 2, 9] }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(vi, { tiles: [] }, 'vi').verdict).toBe('wrong');
	});

	it('accepts any listed order', () => {
		const either: Exercise = { ...vi, answers: ['Tôi là người Lào', 'Người Lào là tôi'] };
		expect(gradeExercise(either, { tiles: [2, 3, 1, 0] }, 'vi').verdict).toBe('correct');
	});
});

describe('match pairs', () => {
	const pairs: Exercise = {
		kind: 'match_pairs',
		id: 'm1',
		skill: 'reading',
		pairs: [
			{ term: 'một', meaning: { lo: 'ໜຶ່ງ' } },
			{ term: 'hai', meaning: { lo: 'ສອງ' } },
			{ term: 'ba', meaning: { lo: 'ສາມ' } },
			{ term: 'bốn', meaning: { lo: 'ສີ່' } }
		]
	};

	it('is correct only when every pair is right', () => {
		expect(gradeExercise(pairs, { pairs: [0, 1, 2, 3], mistakes: 0 }, 'vi').verdict).toBe(
			'correct'
		);
		expect(gradeExercise(pairs, { pairs: [0, 1, 2, 3], mistakes: 2 }, 'vi').verdict).toBe(
			'correct'
		);
		expect(gradeExercise(pairs, { pairs: [1, 0, 2, 3], mistakes: 0 }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(pairs, { pairs: [0, 1, 2, -1], mistakes: 0 }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(pairs, { pairs: [0, 1, 2], mistakes: 0 }, 'vi').verdict).toBe('wrong');
	});
});

describe('reading', () => {
	const reading: Exercise = {
		kind: 'reading',
		id: 'r1',
		skill: 'reading',
		passage: 'Tôi tên là Bounmy. Tôi là người Lào.',
		questions: [
			{
				promptGloss: { lo: 'ລາວຊື່ຫຍັງ?' },
				options: [{ text: 'Bounmy' }, { text: 'Lan' }],
				answer: 0
			},
			{
				promptGloss: { lo: 'ລາວເປັນຄົນຫຍັງ?' },
				options: [{ text: 'Việt' }, { text: 'Lào' }],
				answer: 1
			}
		]
	};

	it('needs every question right', () => {
		expect(gradeExercise(reading, { choices: [0, 1] }, 'vi').verdict).toBe('correct');
		expect(gradeExercise(reading, { choices: [0, 0] }, 'vi').verdict).toBe('wrong');
		expect(gradeExercise(reading, { choices: [0] }, 'vi').verdict).toBe('wrong');
	});
});

describe('speak', () => {
	const speak: Exercise = {
		kind: 'speak',
		id: 's1',
		skill: 'speaking',
		text: 'Xin chào',
		meaning: { lo: 'ສະບາຍດີ' },
		audio: 'Xin chào'
	};

	it("is the learner's self-check", () => {
		expect(gradeExercise(speak, { selfCheck: 'well', recorded: true }, 'vi').verdict).toBe(
			'correct'
		);
		expect(gradeExercise(speak, { selfCheck: 'nonsense' }, 'vi').verdict).toBe('wrong');
	});

	it('is skipped, neither right nor wrong, when the learner puts it off', () => {
		expect(gradeExercise(speak, { selfCheck: 'skipped', recorded: false }, 'vi')).toMatchObject({
			verdict: 'skipped',
			correct: false
		});
	});
});

describe('differingLetters', () => {
	it('lines up letters once tones are removed', () => {
		expect(differingLetters('người', 'nguoi')).toEqual([
			{ expected: 'ư', given: 'u' },
			{ expected: 'ơ', given: 'o' }
		]);
		expect(differingLetters('Đường', 'đuờng')).toEqual([{ expected: 'ư', given: 'u' }]);
		expect(differingLetters('bạn', 'bán')).toEqual([]);
	});
});
