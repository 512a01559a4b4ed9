import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLongestMatches } from './lookup';
import { gradeLao, insertLaoKey, normalizeLao, orderLaoMarks, segmentLao } from './lo';

/**
 * Lao marks spelled out, so each variant input shows what was typed. The Lao words themselves come from
 * /work/shared/data/language/phrases.json (checked phrases).
 */
const MAI_EK = '\u0EC8'; // ່ tone mark
const MAI_THO = '\u0EC9'; // ້ tone mark
const NIGGAHITA = '\u0ECD'; // ໍ
const SARA_AA = '\u0EB2'; // າ
const SARA_AM = '\u0EB3'; // ຳ
const MAI_KON = '\u0EBB'; // ົ vowel sign above
const SARA_I = '\u0EB4'; // ິ
const SARA_II = '\u0EB5'; // ີ
const SARA_UE = '\u0EB6'; // ຶ
const SARA_UEE = '\u0EB7'; // ື
const SARA_UU = '\u0EB9'; // ູ
const HO_NO = '\u0EDC'; // ໜ
const HO_MO = '\u0EDD'; // ໝ
const SEMIVOWEL_LO = '\u0EBC'; // ◌ຼ
const ZWSP = '\u200B';

describe('normalizeLao treats as equal', () => {
	it.each([
		// ຳ vs ໍ + າ and the place of the tone mark around it.
		['ຳ as ໍ + າ (what NFKC produces)', 'ນ້ຳ', `ນ${MAI_THO}${NIGGAHITA}${SARA_AA}`],
		['ໍ typed before the tone, then າ', 'ນ້ຳ', `ນ${NIGGAHITA}${MAI_THO}${SARA_AA}`],
		['tone typed after ຳ', 'ນ້ຳ', `ນ${SARA_AM}${MAI_THO}`],
		['ຳ decomposed inside a word', 'ບຳລຸງສ້າງ', `ບ${NIGGAHITA}${SARA_AA}ລຸງສ້າງ`],
		['NFKC of ບຳລຸງສ້າງ', 'ບຳລຸງສ້າງ', 'ບຳລຸງສ້າງ'.normalize('NFKC')],
		// Tone mark typed before the vowel sign above or below.
		['ບໍ່ with the tone before ໍ', 'ເຈົ້າສະບາຍດີບໍ່?', `ເຈົ້າສະບາຍດີບ${MAI_EK}${NIGGAHITA}?`],
		['ເຂົ້າ with the tone before ົ', 'ຂ້ອຍບໍ່ເຂົ້າໃຈ.', `ຂ້ອຍບໍ່ເຂ${MAI_THO}${MAI_KON}າໃຈ.`],
		['ເຈົ້າ with the tone before ົ', 'ເຈົ້າຊື່ຫຍັງ?', `ເຈ${MAI_THO}${MAI_KON}າຊື່ຫຍັງ?`],
		['ຊື່ with the tone before ື', 'ເຈົ້າຊື່ຫຍັງ?', `ເຈົ້າຊ${MAI_EK}${SARA_UEE}ຫຍັງ?`],
		['ສີ່ with the tone before ີ', 'ສີ່', `ສ${MAI_EK}${SARA_II}`],
		[
			'ມື້ນີ້ with both tones first',
			'ມື້ນີ້ແມ່ນວັນຈັນ.',
			`ມ${MAI_THO}${SARA_UEE}ນ${MAI_THO}${SARA_II}ແມ່ນວັນຈັນ.`
		],
		['ຢູ່ with the tone before ູ', 'ຢູ່', `ຢ${MAI_EK}${SARA_UU}`],
		['ເກົ້າ with the tone before ົ', 'ເກົ້າ', `ເກ${MAI_THO}${MAI_KON}າ`],
		['ເຊົ້າ with the tone before ົ', 'ສະບາຍດີຕອນເຊົ້າ', `ສະບາຍດີຕອນເຊ${MAI_THO}${MAI_KON}າ`],
		['ເວົ້າ with the tone before ົ', 'ກະລຸນາເວົ້າອີກເທື່ອໜຶ່ງ', `ກະລຸນາເວ${MAI_THO}${MAI_KON}າອີກເທື່ອໜຶ່ງ`],
		['ເທື່ອ with the tone before ື', 'ເທື່ອໜຶ່ງ', `ເທ${MAI_EK}${SARA_UEE}ອໜຶ່ງ`],
		['ມິງ unchanged, ຊື່ tone-first', 'ຂ້ອຍຊື່ມິງ.', `ຂ້ອຍຊ${MAI_EK}${SARA_UEE}ມ${SARA_I}ງ.`],
		// ໜ / ຫນ and ໝ / ຫມ.
		['ໜ vs ຫນ', 'ໜຶ່ງ', 'ຫນຶ່ງ'],
		['ຫນ with the tone before ຶ', 'ໜຶ່ງ', `ຫນ${MAI_EK}${SARA_UE}ງ`],
		['NFKC of ໜຶ່ງ (splits ໜ)', 'ໜຶ່ງ', 'ໜຶ່ງ'.normalize('NFKC')],
		['ໝ vs ຫມ', 'ໃໝ່', 'ໃຫມ່'],
		['NFKD of ໃໝ່ (splits ໝ)', 'ໃໝ່', 'ໃໝ່'.normalize('NFKD')],
		['ໝ vs ຫມ in a phrase', 'ພົບກັນໃໝ່', 'ພົບກັນໃຫມ່'],
		['ໜ in a phrase', 'ກະລຸນາເວົ້າອີກເທື່ອໜຶ່ງ', 'ກະລຸນາເວົ້າອີກເທື່ອຫນຶ່ງ'],
		// ຫຼ vs ຫລ: decided equal (see normalizeLao).
		['ຫຼ vs ຫລ', 'ຫຼາຍ', 'ຫລາຍ'],
		['ຫຼ vs ຫລ in a phrase', 'ຂອບໃຈຫຼາຍໆ', 'ຂອບໃຈຫລາຍໆ'],
		['ຫຼ spelled with the code points of Shift+]', 'ຫຼາຍ', `ຫ${SEMIVOWEL_LO}າຍ`],
		// Lao and ASCII digits.
		['Lao digits', '10', '໑໐'],
		['every Lao digit', '1234567890', '໑໒໓໔໕໖໗໘໙໐'],
		['mixed digits', '2024', '໒໐໒4'],
		// Invisible characters.
		['zero-width spaces between words', 'ສະບາຍດີ', `ສະ${ZWSP}ບາຍ${ZWSP}ດີ`],
		['zero-width joiner', 'ຂອບໃຈ', 'ຂອບ\u200Dໃຈ'],
		['zero-width non-joiner', 'ຂອບໃຈ', 'ຂອບ\u200Cໃຈ'],
		['byte order mark', 'ສະບາຍດີ', '\uFEFFສະບາຍດີ'],
		['soft hyphen', 'ສຶກສາ', 'ສຶກ\u00ADສາ'],
		['word joiner', 'ຂອບໃຈ', 'ຂອບ\u2060ໃຈ'],
		// White space and punctuation.
		['outer white space', 'ສະບາຍດີ', '  ສະບາຍດີ \n'],
		['no-break spaces between phrases', 'ພະແນກສຶກສາ ແລະ ບຳລຸງສ້າງ', 'ພະແນກສຶກສາ\u00A0ແລະ\u00A0ບຳລຸງສ້າງ'],
		['repeated spaces', 'ສຶກສາ ແລະ ກິລາ', 'ສຶກສາ   ແລະ  ກິລາ'],
		['final full stop', 'ຂ້ອຍບໍ່ເຂົ້າໃຈ', 'ຂ້ອຍບໍ່ເຂົ້າໃຈ.'],
		['question mark', 'ມື້ນີ້ແມ່ນວັນຫຍັງ', 'ມື້ນີ້ແມ່ນວັນຫຍັງ?'],
		['comma between phrases', 'ຂ້ອຍສະບາຍດີ ຂອບໃຈ', 'ຂ້ອຍສະບາຍດີ, ຂອບໃຈ.'],
		['quotation marks', 'ສະບາຍດີ', '«ສະບາຍດີ»'],
		['exclamation mark', 'ໂຊກດີ', 'ໂຊກດີ!'],
		['several pitfalls at once', 'ຂອບໃຈ ຫຼາຍໆ', `ຂອບ${ZWSP}ໃຈ  ຫລາຍໆ!`],
		['NFD (no effect on Lao)', 'ສະບາຍດີ', 'ສະບາຍດີ'.normalize('NFD')]
	])('%s', (_case, canonical, variant) => {
		expect(normalizeLao(variant)).toBe(normalizeLao(canonical));
	});
});

describe('normalizeLao output', () => {
	it.each([
		[
			'ຳ as one code point after the tone',
			`ນ${NIGGAHITA}${MAI_THO}${SARA_AA}`,
			`ນ${MAI_THO}${SARA_AM}`
		],
		['ບໍ່ in standard storage order (ໍ then ່)', `ບ${MAI_EK}${NIGGAHITA}`, `ບ${NIGGAHITA}${MAI_EK}`],
		['ໜ ligature', 'ຫນຶ່ງ', `${HO_NO}ຶ່ງ`],
		['ໝ ligature', 'ໃຫມ່', `ໃ${HO_MO}່`],
		['ຫຼ with the semivowel sign', 'ຂອບໃຈຫລາຍໆ', `ຂອບໃຈຫ${SEMIVOWEL_LO}າຍໆ`],
		['ASCII digits', '໒໐໒໔', '2024'],
		['numbers keep their separators', '໑໐.໐໐໐ ກີບ', '10.000 ກີບ']
	])('%s', (_case, input, expected) => {
		expect(normalizeLao(input)).toBe(expected);
	});

	it('keeps ໆ, which changes the meaning', () => {
		expect(normalizeLao('ຂອບໃຈຫຼາຍໆ.')).toBe('ຂອບໃຈຫຼາຍໆ');
		expect(normalizeLao('ຂອບໃຈຫຼາຍໆ')).not.toBe(normalizeLao('ຂອບໃຈຫຼາຍ'));
	});

	it('keeps ຯ although Unicode classes it as punctuation', () => {
		expect(normalizeLao('ຯ')).toBe('ຯ');
		expect(normalizeLao('ສອງ ສາມ ຯ.')).toBe('ສອງ ສາມ ຯ');
	});

	it.each([
		['a missing tone mark', 'ບໍ່', 'ບໍ'],
		['a missing tone on ສີ່', 'ສີ່', 'ສີ'],
		['a missing vowel sign', 'ເຈົ້າ', 'ເຈ້າ'],
		['different words', 'ວັນຈັນ', 'ວັນອັງຄານ']
	])('keeps apart %s', (_case, a, b) => {
		expect(normalizeLao(a)).not.toBe(normalizeLao(b));
	});

	it('is idempotent', () => {
		for (const text of ['ນໍ້າ', 'ຫນຶ່ງ ໑໐', 'ເຂ້ົາໃຈ, ຂອບໃຈຫລາຍໆ!', `ສະ${ZWSP}ບາຍດີ`]) {
			expect(normalizeLao(normalizeLao(text))).toBe(normalizeLao(text));
		}
	});

	it('gives an empty string for invisible characters and punctuation only', () => {
		expect(normalizeLao(` ${ZWSP}?! `)).toBe('');
	});
});

describe('orderLaoMarks', () => {
	it('only reorders marks, so the text renders the same', () => {
		expect(orderLaoMarks(`ສ${MAI_EK}${SARA_II}`)).toBe('ສີ່');
		expect(orderLaoMarks('ສະບາຍດີ, ຂອບໃຈ.')).toBe('ສະບາຍດີ, ຂອບໃຈ.');
	});
});

describe('gradeLao', () => {
	it.each([
		['ສະບາຍດີ', 'ສະບາຍດີ', 'correct'],
		['ສະບາຍດີ', `ສະ${ZWSP}ບາຍດີ`, 'correct'],
		['ຂອບໃຈຫຼາຍໆ', 'ຂອບໃຈຫລາຍໆ', 'correct'],
		['ຂອບໃຈຫຼາຍໆ', 'ຂອບໃຈຫຼາຍ ໆ', 'correct'],
		['ພົບກັນໃໝ່', 'ພົບກັນໃຫມ່', 'correct'],
		['ໜຶ່ງ', 'ຫນຶ່ງ', 'correct'],
		['ຂ້ອຍບໍ່ເຂົ້າໃຈ.', `ຂ້ອຍບ${MAI_EK}${NIGGAHITA}ເຂ${MAI_THO}${MAI_KON}າໃຈ`, 'correct'],
		['ຂ້ອຍສະບາຍດີ, ຂອບໃຈ.', 'ຂ້ອຍສະບາຍດີຂອບໃຈ', 'correct'],
		['ຂ້ອຍເຮັດວຽກຢູ່ພະແນກສຶກສາ ແລະ ບຳລຸງສ້າງ.', 'ຂ້ອຍເຮັດວຽກຢູ່ພະແນກສຶກສາແລະບໍາລຸງສ້າງ', 'correct'],
		['ຂອບໃຈຫຼາຍໆ', 'ຂອບໃຈຫຼາຍ', 'wrong'],
		['ເຈົ້າສະບາຍດີບໍ?', 'ເຈົ້າສະບາຍດີບໍ່?', 'wrong'],
		['ລາກ່ອນ', 'ໂຊກດີ', 'wrong'],
		['ວັນອັງຄານ', 'ວັນຄານ', 'wrong'],
		['ສີ່', 'ສີ', 'wrong'],
		['ສະບາຍດີ', '', 'wrong']
	] as const)('%j vs %j → %s', (expected, answer, verdict) => {
		expect(gradeLao(expected, answer)).toEqual({ verdict });
	});
});

describe('segmentLao', () => {
	const SENTENCES = [
		'ສະບາຍດີ',
		'ເຈົ້າສະບາຍດີບໍ?',
		'ຂ້ອຍສະບາຍດີ, ຂອບໃຈ.',
		'ຂ້ອຍເປັນຄົນຫວຽດນາມ.',
		'ຂ້ອຍມາຈາກຫວຽດນາມ.',
		'ຍິນດີທີ່ໄດ້ຮູ້ຈັກ.',
		'ຂອບໃຈຫຼາຍໆ',
		'ຂ້ອຍບໍ່ເຂົ້າໃຈ.',
		'ມື້ນີ້ແມ່ນວັນຫຍັງ?',
		'ມື້ນີ້ແມ່ນວັນຈັນ.',
		'ຂ້ອຍເຮັດວຽກຢູ່ພະແນກສຶກສາ ແລະ ບຳລຸງສ້າງ.'
	];

	/** Whether `word` is one segment or several adjacent segments joined. */
	const containsWord = (segments: string[], word: string): boolean =>
		segments.some((_, start) =>
			segments
				.slice(start)
				.some((_, length) => segments.slice(start, start + length + 1).join('') === word)
		);

	it.each(SENTENCES)('segments of %j join back to the normalized text', (sentence) => {
		const segments = segmentLao(sentence);
		expect(segments.length).toBeGreaterThan(0);
		expect(segments.join('')).toBe(normalizeLao(sentence).replaceAll(' ', ''));
	});

	it.each(SENTENCES)('segments of %j are non-empty, without spaces or punctuation', (sentence) => {
		for (const segment of segmentLao(sentence)) {
			expect(segment).not.toBe('');
			expect(segment).not.toMatch(/[\s.,?!]/u);
		}
	});

	it.each([
		['ສະບາຍດີ', 'ເຈົ້າສະບາຍດີບໍ?'],
		['ສະບາຍດີ', 'ຂ້ອຍສະບາຍດີ, ຂອບໃຈ.'],
		['ຂອບໃຈ', 'ຂ້ອຍສະບາຍດີ, ຂອບໃຈ.'],
		['ຫວຽດນາມ', 'ຂ້ອຍມາຈາກຫວຽດນາມ.'],
		['ເຂົ້າໃຈ', 'ຂ້ອຍບໍ່ເຂົ້າໃຈ.'],
		['ມື້ນີ້', 'ມື້ນີ້ແມ່ນວັນຈັນ.'],
		['ຫຼາຍໆ', 'ຂອບໃຈຫຼາຍໆ']
	])('finds %j in %j as adjacent segments', (word, sentence) => {
		expect(containsWord(segmentLao(sentence), word)).toBe(true);
	});

	it('keeps ໆ as part of a segment', () => {
		expect(segmentLao('ຂອບໃຈຫຼາຍໆ').join('')).toContain('ໆ');
	});

	it('segments variant spellings exactly like the standard one', () => {
		const standard = segmentLao('ຂ້ອຍບໍ່ເຂົ້າໃຈ. ຂອບໃຈຫຼາຍໆ');
		const variant = segmentLao(
			`ຂ້ອຍບ${MAI_EK}${NIGGAHITA}ເຂ${MAI_THO}${MAI_KON}າໃຈ.${ZWSP}ຂອບໃຈຫລາຍໆ`
		);
		expect(variant).toEqual(standard);
	});

	it('returns Lao digits as ASCII numbers', () => {
		expect(segmentLao('ວັນທີ ໒໐')).toContain('20');
	});

	it('returns nothing for empty or punctuation-only text', () => {
		expect(segmentLao('')).toEqual([]);
		expect(segmentLao(' . ')).toEqual([]);
	});

	it('lets findLongestMatches rebuild dictionary words from the segments', () => {
		const dictionary = new Set(['ຂອບໃຈ', 'ຫຼາຍໆ', 'ຂ້ອຍ', 'ບໍ່', 'ເຂົ້າໃຈ']);
		const matches = findLongestMatches(segmentLao('ຂ້ອຍບໍ່ເຂົ້າໃຈ ຂອບໃຈຫລາຍໆ'), (word) =>
			dictionary.has(word)
		);
		expect(matches.map((match) => match.text)).toEqual(['ຂ້ອຍ', 'ບໍ່', 'ເຂົ້າໃຈ', 'ຂອບໃຈ', 'ຫຼາຍໆ']);
		expect(matches.every((match) => match.found)).toBe(true);
	});
});

describe('insertLaoKey', () => {
	it('inserts at the caret', () => {
		expect(insertLaoKey('ສະດີ', 2, 'ບາຍ')).toEqual({ text: 'ສະບາຍດີ', caret: 5 });
	});

	it('puts a vowel sign tapped after the tone before it', () => {
		expect(insertLaoKey(`ສ${MAI_EK}`, 2, SARA_II)).toEqual({ text: 'ສີ່', caret: 3 });
	});

	it('joins ໍ and a following າ into ຳ', () => {
		expect(insertLaoKey(`ນ${MAI_THO}${NIGGAHITA}`, 3, SARA_AA)).toEqual({ text: 'ນ້ຳ', caret: 3 });
	});

	it('accepts the two-mark keys of the Lao layout (Shift+= is ໍ + ່)', () => {
		expect(insertLaoKey('ຂ້ອຍບ', 5, `${NIGGAHITA}${MAI_EK}`)).toEqual({ text: 'ຂ້ອຍບໍ່', caret: 7 });
	});

	it('leaves the text before the current cluster untouched', () => {
		const before = `ບ${MAI_EK}${NIGGAHITA} `; // deliberately non-canonical, and not at the caret
		const { text } = insertLaoKey(`${before}ກ`, before.length + 1, MAI_EK);
		expect(text).toBe(`${before}ກ${MAI_EK}`);
	});

	it('clamps a caret outside the text', () => {
		expect(insertLaoKey('ສະບາຍ', 99, 'ດີ')).toEqual({ text: 'ສະບາຍດີ', caret: 7 });
	});
});

/** Checked phrases shared with the content team (a copy of shared/data/language, kept in the repo). */
const PHRASES_PATH = fileURLToPath(
	new URL('../../../tests/fixtures/reference/language/phrases.json', import.meta.url)
);

describe('phrases.json', () => {
	interface Phrase {
		id: string;
		lo: string;
		lo_alternatives?: string[];
	}
	const phrases = JSON.parse(readFileSync(PHRASES_PATH, 'utf8')) as Phrase[];

	it('every phrase grades correct against itself after a round of variant typing', () => {
		for (const { lo } of phrases) {
			const retyped = lo.normalize('NFKC').replaceAll('ຫຼ', 'ຫລ').replaceAll(' ', ZWSP);
			expect(gradeLao(lo, retyped).verdict, lo).toBe('correct');
		}
	});

	it('every phrase segments into pieces that join back to it', () => {
		for (const { lo } of phrases) {
			expect(segmentLao(lo).join(''), lo).toBe(normalizeLao(lo).replaceAll(' ', ''));
		}
	});
});
