import { describe, expect, it } from 'vitest';
import {
	contentSamples,
	createSpellChecker,
	hunspellWords,
	messageSamples,
	splitByScript
} from './spelling';

const checker = createSpellChecker({
	vietnamese: ['tôi', 'tên', 'là', 'xin', 'chào', 'hoà', 'khoẻ', 'không'],
	lao: ['ສະບາຍ', 'ດີ', 'ສະບາຍດີ', 'ຄວາມ', 'ໝາຍ', 'ທັນທີ'],
	allow: { vi: ['Lan'], lo: ['ເຊີບເວີ'] }
});
const words = (language: 'vi' | 'lo', text: string) =>
	checker.misspellings([{ language, text, where: 'spec' }]).map((m) => m.word);

describe('createSpellChecker', () => {
	it('accepts dictionary Vietnamese in either tone placement, ignoring case', () => {
		expect(words('vi', 'Xin chào! Tôi tên là Lan.')).toEqual([]);
		expect(words('vi', 'hoà hòa khoẻ khỏe')).toEqual([]);
	});

	it('flags a misspelt or misplaced-tone Vietnamese syllable', () => {
		expect(words('vi', 'Tôi tênn là Lan')).toEqual(['tênn']);
		expect(words('vi', 'Xin chaò')).toEqual(['chaò']);
	});

	it('does not count numbers or lone letters as words', () => {
		expect(words('vi', '28 tuổi k đ')).toEqual(['tuổi']);
	});

	it('accepts Lao words and compounds of them, and joins pieces the segmenter cut wrongly', () => {
		expect(words('lo', 'ສະບາຍດີ')).toEqual([]);
		expect(words('lo', 'ຄວາມໝາຍ')).toEqual([]);
		expect(words('lo', 'ເຊີບເວີທັນທີ')).toEqual([]);
	});

	it('flags a misspelt Lao word', () => {
		expect(words('lo', 'ສະບາຍດິ')).not.toEqual([]);
	});
});

describe('samples', () => {
	it('splits Lao script from Latin script', () => {
		expect(splitByScript('ສະບາຍດີ (xin chào)', 'w')).toEqual([
			{ language: 'lo', text: 'ສະບາຍດີ', where: 'w' },
			{ language: 'vi', text: '  (xin chào)', where: 'w' }
		]);
	});

	it('skips English glosses, ids and romanizations in content files', () => {
		const samples = contentSamples(
			{
				id: 'u1',
				term: 'ສະບາຍດີ',
				romanization: 'sa-bai-đi',
				meaning: { vi: 'xin chào', en: 'hello' }
			},
			'f'
		);
		expect(samples.map((s) => s.text.trim())).toEqual(['ສະບາຍດີ', 'xin chào']);
	});

	it('drops message placeholders and $schema', () => {
		const samples = messageSamples({ $schema: 'x', a: 'Xin chào {name}' }, 'm');
		expect(samples).toEqual([{ language: 'vi', text: 'Xin chào  ', where: 'm:a' }]);
	});

	it('reads hunspell word lists without their flags', () => {
		expect(hunspellWords('3\ntôi/A\ntên\n\nlà\n')).toEqual(['tôi', 'tên', 'là']);
	});
});
