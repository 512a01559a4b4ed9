import { describe, expect, it } from 'vitest';
import {
	applyKeystroke,
	normalizeVietnamese,
	telexToVietnamese,
	typeKey,
	type InputMethod
} from './vi';

describe('telexToVietnamese, Telex', () => {
	it.each([
		// Letters with quality marks.
		['Vieejt Nam', 'Việt Nam'],
		['ddi', 'đi'],
		['aw', 'ă'],
		['aa', 'â'],
		['ee', 'ê'],
		['oo', 'ô'],
		['ow', 'ơ'],
		['uw', 'ư'],
		['w', 'ư'],
		['dd', 'đ'],
		['DDi', 'Đi'],
		['Ddaf Nawngx', 'Đà Nẵng'],
		// Tones.
		['mas', 'má'],
		['maf', 'mà'],
		['mar', 'mả'],
		['max', 'mã'],
		['maj', 'mạ'],
		['hocj', 'học'],
		// z removes the tone; a repeated key undoes and types itself.
		['maz', 'maz'],
		['masz', 'ma'],
		['ass', 'as'],
		['asss', 'ass'],
		['aaa', 'aa'],
		['oww', 'ow'],
		['xooong', 'xoong'],
		// Tone placement (this project writes hòa, khỏe, thủy).
		['hoaf', 'hòa'],
		['khoer', 'khỏe'],
		['thuyr', 'thủy'],
		['hoafn', 'hoàn'],
		['quys', 'quý'],
		['gias', 'giá'],
		['gif', 'gì'],
		['nguowif', 'người'],
		['nguoiwf', 'người'],
		['muaf', 'mùa'],
		['cuar', 'của'],
		['muaw', 'mưa'],
		['cuwar', 'cửa'],
		['thuowr', 'thuở'],
		['uow', 'ươ'],
		['thuowng', 'thương'],
		['huowngs', 'hướng'],
		['giuwax', 'giữa'],
		['khuyur', 'khuỷu'],
		// ươ and free-style tone and horn keys after the final consonant.
		['dduwowcj', 'được'],
		['truongwf', 'trường'],
		['truwowngf', 'trường'],
		['nuwowcs', 'nước'],
		['vietj', 'viẹt'],
		['tieengs', 'tiếng'],
		['nhwngx', 'những'],
		['Trung Quoocs', 'Trung Quốc'],
		// Case is kept.
		['VIEETJ NAM', 'VIỆT NAM'],
		['Xin chaof', 'Xin chào'],
		['Tooi laf nguwowif Vieejt Nam.', 'Tôi là người Việt Nam.'],
		// Non-letters pass through and end the word.
		['Chaof banj, khoer khoong?', 'Chào bạn, khỏe không?'],
		['Thuws 2: 10 giowf', 'Thứ 2: 10 giờ']
	])('%j → %j', (typed, expected) => {
		expect(telexToVietnamese(typed)).toBe(expected);
	});

	it.each([
		['a tone that cannot stand before -c', 'hocf', 'hocf'],
		['z without a tone', 'z', 'z'],
		['English with no Vietnamese shape', 'hello world', 'hello world'],
		['English that would pick up marks', 'Windows', 'Windows'],
		['aa after a final consonant (not data → dât)', 'data', 'data'],
		['dd not at the start of the word', 'add', 'add'],
		['mixed sentence', 'Tooi dungf Windows', 'Tôi dùng Windows']
	])('keeps letters literal: %s', (_case, typed, expected) => {
		expect(telexToVietnamese(typed)).toBe(expected);
	});

	it('produces NFC', () => {
		const output = telexToVietnamese('Chuwowng trinhf hocj tieengs Vieejt');
		expect(output).toBe('Chương trình học tiếng Việt');
		expect(output).toBe(output.normalize('NFC'));
	});

	it('types each tone-placement variant as the same word normalizeVietnamese gives', () => {
		for (const [typed, written] of [
			['hoaf', 'hoà'],
			['khoer', 'khoẻ'],
			['thuyr', 'thuỷ']
		]) {
			expect(normalizeVietnamese(telexToVietnamese(typed))).toBe(normalizeVietnamese(written));
		}
	});
});

describe('telexToVietnamese, VNI', () => {
	it.each([
		['Vie65t Nam', 'Việt Nam'],
		['Viet65 Nam', 'Việt Nam'],
		['d9i', 'đi'],
		['di9', 'đi'],
		['a1 a2 a3 a4 a5', 'á à ả ã ạ'],
		['a6 e6 o6 o7 u7 a8', 'â ê ô ơ ư ă'],
		['a11', 'a1'],
		['a10', 'a'],
		['d99', 'd9'],
		['ho2a', 'hòa'],
		['hoa2', 'hòa'],
		['quy1', 'quý'],
		['gia1', 'giá'],
		['nguoi72', 'người'],
		['nu7o7c1', 'nước'],
		['D9A6U', 'ĐÂU'],
		['2024 nam8', '2024 năm'],
		['Ca3m o7n', 'Cảm ơn'],
		['hoc5', 'học'],
		['hoc2', 'hoc2']
	])('%j → %j', (typed, expected) => {
		expect(telexToVietnamese(typed, 'vni')).toBe(expected);
	});

	it('leaves Telex letters alone in VNI mode', () => {
		expect(telexToVietnamese('Vieejt', 'vni')).toBe('Vieejt');
	});
});

describe('applyKeystroke', () => {
	/** Feeds keys one at a time, as an input handler would. */
	const typeWord = (keys: string, method: InputMethod = 'telex'): string =>
		[...keys].reduce((word, key) => applyKeystroke(word, key, method), '');

	it.each([
		['nguowif', 'người'],
		['Vieejt', 'Việt'],
		['ddaau', 'đâu'],
		['quys', 'quý']
	])('builds %j key by key into %j', (keys, expected) => {
		expect(typeWord(keys)).toBe(expected);
	});

	it('moves the tone when the word grows', () => {
		expect(applyKeystroke('hòa', 'n')).toBe('hoàn');
	});

	it('completes ươ when a letter follows uơ', () => {
		expect(applyKeystroke('nguơ', 'i')).toBe('ngươi');
	});

	it('types a key that does not apply as itself', () => {
		expect(applyKeystroke('tr', 's')).toBe('trs');
		expect(applyKeystroke('', 'f')).toBe('f');
	});

	it('continues a word that is already in Vietnamese', () => {
		expect(applyKeystroke('Việt', 'z')).toBe('Viêt');
		expect(applyKeystroke('người', 'f')).toBe('ngươif');
	});

	it('uses VNI digits when asked', () => {
		expect(typeWord('Vie65t', 'vni')).toBe('Việt');
	});

	it('without a word to restore, keeps per-key results for English', () => {
		// Only the whole-string converter can restore "Windows"; key by key the W has already become Ư.
		expect(typeWord('Windows')).not.toBe('Windows');
		expect(telexToVietnamese('Windows')).toBe('Windows');
	});
});

describe('typeKey', () => {
	it('converts only the word before the caret', () => {
		// "as" stays as it is: earlier words are never converted again.
		expect(typeKey('as Viê', 6, 'j')).toEqual({ text: 'as Việ', caret: 6 });
	});

	it('leaves text after the caret alone', () => {
		expect(typeKey('chao ban', 4, 'f')).toEqual({ text: 'chào ban', caret: 4 });
	});

	it('inserts spaces and punctuation as typed', () => {
		expect(typeKey('Việt', 4, ' ')).toEqual({ text: 'Việt ', caret: 5 });
	});

	it('does not convert a VNI digit that starts a number', () => {
		expect(typeKey('năm ', 4, '2', 'vni')).toEqual({ text: 'năm 2', caret: 5 });
	});

	it('applies VNI digits to the word before the caret', () => {
		expect(typeKey('Viêt', 4, '5', 'vni')).toEqual({ text: 'Việt', caret: 4 });
	});
});
