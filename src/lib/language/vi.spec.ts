import { describe, expect, it } from 'vitest';
import {
	gradeVietnamese,
	normalizeVietnamese,
	segmentVietnamese,
	toneOf,
	type Tone,
	type VietnameseVerdict
} from './vi';

/** Decomposed (NFD) spelling of a string: same text, different code points. */
const nfd = (text: string): string => text.normalize('NFD');

/** Combining marks, spelled out so the intent of each variant input is visible. */
const GRAVE = '\u0300'; // huyền
const HOOK = '\u0309'; // hỏi
const DOT_BELOW = '\u0323'; // nặng
const CIRCUMFLEX = '\u0302';

describe('normalizeVietnamese', () => {
	it.each([
		['NFC and NFD', 'Việt Nam', nfd('Việt Nam')],
		['marks typed circumflex before dot below', 'Việt', `Vie${CIRCUMFLEX}${DOT_BELOW}t`],
		['case', 'Việt Nam', 'VIỆT NAM'],
		['hòa / hoà', 'hòa', 'hoà'],
		['khỏe / khoẻ', 'khỏe', 'khoẻ'],
		['thủy / thuỷ', 'thủy', 'thuỷ'],
		['tone written on the u of qu', 'quý', 'qúy'],
		['hoà decomposed with the tone after the a', 'hòa', `hoa${GRAVE}`],
		['khoẻ decomposed', 'khỏe', `khoe${HOOK}`],
		['surrounding punctuation', 'Xin chào', '«Xin chào!»'],
		['repeated and outer spaces', 'Cảm ơn nhiều', '  Cảm   ơn\tnhiều  '],
		['no-break space', 'Thứ Hai', 'Thứ\u00A0Hai'],
		['zero-width space inside a word', 'Hẹn gặp lại', 'Hẹn gặ\u200Bp lại'],
		['punctuation between words', 'Tôi khỏe cảm ơn', 'Tôi khỏe, cảm ơn.'],
		['Icelandic eth typed for Đ', 'Đà Nẵng', 'Ðà Nẵng']
	])('treats %s as equal', (_case, a, b) => {
		expect(normalizeVietnamese(b)).toBe(normalizeVietnamese(a));
	});

	it.each([
		['Xin chào!', 'xin chào'],
		['  Tôi là người Việt Nam.  ', 'tôi là người việt nam'],
		['Bạn tên là gì?', 'bạn tên là gì'],
		['Giá 10.000 đồng', 'giá 10.000 đồng']
	])('normalizes %j to %j', (input, expected) => {
		expect(normalizeVietnamese(input)).toBe(expected);
	});

	it('returns NFC', () => {
		const normalized = normalizeVietnamese(nfd('Chúc mừng năm mới'));
		expect(normalized).toBe(normalized.normalize('NFC'));
	});

	it('picks one tone spelling for every placement variant', () => {
		const variants = ['hòa', 'hoà', nfd('hòa'), nfd('hoà'), 'HOÀ', 'Hòa'];
		expect(new Set(variants.map(normalizeVietnamese)).size).toBe(1);
	});

	it.each([
		['different tones', 'ma', 'má'],
		['d and đ', 'đi', 'di'],
		['ơ and o', 'ơn', 'on'],
		['extra word', 'xin chào', 'xin chào bạn']
	])('keeps %s apart', (_case, a, b) => {
		expect(normalizeVietnamese(a)).not.toBe(normalizeVietnamese(b));
	});

	it('leaves foreign words alone apart from case', () => {
		expect(normalizeVietnamese('Café Windows')).toBe('café windows');
	});

	it('gives an empty string for punctuation only', () => {
		expect(normalizeVietnamese(' ?! ')).toBe('');
	});
});

describe('toneOf', () => {
	it.each<[string, Tone]>([
		['ma', 'ngang'],
		['Nam', 'ngang'],
		['là', 'huyen'],
		['người', 'huyen'],
		['sáu', 'sac'],
		['Việt', 'nang'],
		['bảy', 'hoi'],
		['khoẻ', 'hoi'],
		['những', 'nga'],
		['lỗi', 'nga'],
		['một', 'nang'],
		['ĐẠI', 'nang']
	])('%s has tone %s', (syllable, tone) => {
		expect(toneOf(syllable)).toBe(tone);
	});

	it('reads the tone from decomposed text', () => {
		expect(toneOf(nfd('những'))).toBe('nga');
	});
});

describe('gradeVietnamese verdicts', () => {
	it.each<[string, string, VietnameseVerdict]>([
		// Equal up to form, case, tone placement and punctuation.
		['Xin chào', 'xin chào', 'correct'],
		['Xin chào', nfd('Xin chào'), 'correct'],
		['Tôi là người Việt Nam.', 'tôi là người việt nam', 'correct'],
		['Tôi là người Việt Nam.', nfd('TÔI LÀ NGƯỜI VIỆT NAM!'), 'correct'],
		['Bạn có khỏe không?', 'Bạn có khoẻ không', 'correct'],
		['Hòa Bình', 'Hoà Bình', 'correct'],
		['Thủy tinh', 'thuỷ tinh', 'correct'],
		['Quý khách', 'qúy khách', 'correct'],
		['Cảm ơn', '  cảm   ơn!!! ', 'correct'],
		['Tạm biệt', 'TẠM BIỆT', 'correct'],
		['Tôi khỏe, cảm ơn.', 'Tôi khoẻ cảm ơn', 'correct'],
		['Hẹn gặp lại', 'Hẹn gặp\u200B lại', 'correct'],
		['Đà Nẵng', 'Ðà Nẵng', 'correct'],
		['Hôm nay là thứ Hai.', 'hôm nay là thứ hai', 'correct'],
		['Việt Nam', `Vie${CIRCUMFLEX}${DOT_BELOW}t Nam`, 'correct'],
		['Bạn có khỏe không?', `Bạn có khoe${HOOK} không?`, 'correct'],
		['Chúc mừng năm mới', nfd('chúc mừng năm mới.'), 'correct'],
		['', '', 'correct'],

		// Only tones differ: one case per tone missing or replaced.
		['ba', 'bá', 'tone_error'],
		['Tôi là người Việt Nam.', 'Tôi la người Việt Nam', 'tone_error'],
		['tám', 'tam', 'tone_error'],
		['bảy', 'bay', 'tone_error'],
		['những', 'nhừng', 'tone_error'],
		['Tạm biệt', 'Tam biệt', 'tone_error'],
		['Xin lỗi', 'Xin lổi', 'tone_error'],
		['Bạn tên là gì?', 'Bạn tên lá gì?', 'tone_error'],
		['Tôi không hiểu.', 'Tôi không hiếu.', 'tone_error'],
		['Chủ Nhật', 'Chú Nhất', 'tone_error'],
		['Thứ Tư', 'Thư Tư', 'tone_error'],
		['mười', 'mươi', 'tone_error'],
		['sáu', 'sau', 'tone_error'],
		['chín', 'chìn', 'tone_error'],
		['một', 'môt', 'tone_error'],
		['Hẹn gặp lại', 'Hẹn găp lại', 'tone_error'],
		['Tôi đến từ Việt Nam.', 'Tôi đến từ Viêt Nam', 'tone_error'],
		['Cảm ơn', 'Cám ơn', 'tone_error'],
		['Hòa Bình', nfd('Hóa Bình'), 'tone_error'],

		// At least one ă â ê ô ơ ư đ difference, same base letters.
		['Việt Nam', 'Viet Nam', 'diacritic_error'],
		['đi', 'di', 'diacritic_error'],
		['Đà Nẵng', 'Da Nang', 'diacritic_error'],
		['Cảm ơn', 'cảm on', 'diacritic_error'],
		['mười', 'muời', 'diacritic_error'],
		['Thứ Năm', 'Thứ Nam', 'diacritic_error'],
		['Tôi tên là Minh.', 'Toi tên là Minh.', 'diacritic_error'],
		['bốn', 'bón', 'diacritic_error'],
		['Hẹn gặp lại', 'Hẹn gạp lại', 'diacritic_error'],
		['Rất vui được gặp bạn.', 'Rát vui duoc gap ban', 'diacritic_error'],
		['Bạn tên là gì?', 'Bạn ten là gì?', 'diacritic_error'],
		['những', 'nhũng', 'diacritic_error'],
		['Chủ Nhật', 'Chủ Nhạt', 'diacritic_error'],
		['Cảm ơn nhiều', 'cam on nhieu', 'diacritic_error'],
		['bảy', 'bẩy', 'diacritic_error'],
		['một', 'mot', 'diacritic_error'],
		['Tôi không hiểu.', 'Tôi khong hieu', 'diacritic_error'],

		// Different base letters, missing, extra or reordered words.
		['Xin chào', 'Xin lỗi', 'wrong'],
		['Xin chào', 'Xin chào bạn', 'wrong'],
		['Tôi là người Việt Nam.', 'Tôi là người Việt', 'wrong'],
		['Thứ Hai', 'Thứ Ba', 'wrong'],
		['Xin chào', '', 'wrong'],
		['Việt Nam', 'VietNam', 'wrong'],
		['Bạn tên là gì?', 'Bạn tên gì là', 'wrong'],
		['Hôm nay', 'Ngày mai', 'wrong'],
		['Tôi là người Việt Nam.', 'Tôi là người Lào.', 'wrong'],
		['Tạm biệt', 'Tạm biệt bạn', 'wrong'],
		['Tôi không hiểu.', 'Tôi hiểu.', 'wrong'],
		['Việt Nam', 'Viet Nam Lao', 'wrong']
	])('%j vs %j → %s', (expected, answer, verdict) => {
		expect(gradeVietnamese(expected, answer).verdict).toBe(verdict);
	});
});

describe('gradeVietnamese errors', () => {
	it('reports no errors for a correct answer', () => {
		expect(gradeVietnamese('Bạn có khỏe không?', 'bạn có khoẻ không').errors).toEqual([]);
	});

	it('names each mistoned syllable with both tones', () => {
		expect(gradeVietnamese('Chủ Nhật', 'Chú Nhất')).toEqual({
			verdict: 'tone_error',
			errors: [
				{ index: 0, expected: 'Chủ', given: 'Chú', expectedTone: 'hoi', givenTone: 'sac' },
				{ index: 1, expected: 'Nhật', given: 'Nhất', expectedTone: 'nang', givenTone: 'sac' }
			]
		});
	});

	it('counts syllables in the expected text after stripping punctuation', () => {
		const expected = 'Xin lỗi, bạn có thể nhắc lại được không?';
		const { errors } = gradeVietnamese(expected, 'Xin lỗi bạn có thể nhắc lại đuợc không');
		expect(errors).toEqual([{ index: 7, expected: 'được', given: 'đuợc' }]);
	});

	it('adds tones to a diacritic error only where the tone differs too', () => {
		expect(gradeVietnamese('Việt Nam', 'Viet Nam')).toEqual({
			verdict: 'diacritic_error',
			errors: [
				{ index: 0, expected: 'Việt', given: 'Viet', expectedTone: 'nang', givenTone: 'ngang' }
			]
		});
		expect(gradeVietnamese('đi', 'di').errors).toEqual([{ index: 0, expected: 'đi', given: 'di' }]);
	});

	it('reports a missing word at its place with an empty given', () => {
		expect(gradeVietnamese('Tôi là người Việt Nam.', 'Tôi người Việt Nam').errors).toEqual([
			{ index: 1, expected: 'là', given: '' }
		]);
	});

	it('reports an extra word with an empty expected, at the index it stands before', () => {
		expect(gradeVietnamese('Xin chào', 'Xin chào bạn').errors).toEqual([
			{ index: 2, expected: '', given: 'bạn' }
		]);
		expect(
			gradeVietnamese('Cảm ơn', 'Cảm ơn rất nhiều').errors.map((error) => error.index)
		).toEqual([2, 2]);
	});

	it('pairs a near miss with its word even when another word is missing', () => {
		expect(gradeVietnamese('Tôi đến từ Việt Nam', 'Tôi từ Viet Nam')).toEqual({
			verdict: 'wrong',
			errors: [
				{ index: 1, expected: 'đến', given: '' },
				{ index: 3, expected: 'Việt', given: 'Viet', expectedTone: 'nang', givenTone: 'ngang' }
			]
		});
	});

	it('lists a substituted word without tones', () => {
		expect(gradeVietnamese('Thứ Hai', 'Thứ Ba').errors).toEqual([
			{ index: 1, expected: 'Hai', given: 'Ba' }
		]);
	});

	it('keeps the writer’s case in the reported syllables', () => {
		const [error] = gradeVietnamese('Tạm biệt', 'TAM BIỆT').errors;
		expect(error).toMatchObject({
			expected: 'Tạm',
			given: 'TAM',
			expectedTone: 'nang',
			givenTone: 'ngang'
		});
	});
});

describe('segmentVietnamese', () => {
	it('splits into syllables without punctuation, keeping case', () => {
		expect(segmentVietnamese('Xin lỗi, bạn có thể nhắc lại được không?')).toEqual([
			'Xin',
			'lỗi',
			'bạn',
			'có',
			'thể',
			'nhắc',
			'lại',
			'được',
			'không'
		]);
	});

	it('returns NFC syllables for decomposed input', () => {
		const syllables = segmentVietnamese(nfd('Việt Nam'));
		expect(syllables).toEqual(['Việt', 'Nam']);
		expect(syllables.every((syllable) => syllable === syllable.normalize('NFC'))).toBe(true);
	});
});
