import { describe, expect, it } from 'vitest';
import { applyImeToEdit } from './ime-edit';

/** Types `keys` one by one at `caret` the way an input handler sees it: value before, value after, caret after. */
function typeAll(start: string, caret: number, keys: string, method: 'telex' | 'vni' = 'telex') {
	let text = start;
	let at = caret;
	for (const key of keys) {
		const next = text.slice(0, at) + key + text.slice(at);
		const result = applyImeToEdit(text, next, at + 1, method) ?? { text: next, caret: at + 1 };
		text = result.text;
		at = result.caret;
	}
	return { text, caret: at };
}

describe('applyImeToEdit', () => {
	it('converts key by key at the end', () => {
		expect(typeAll('', 0, 'Vieejt Nam').text).toBe('Việt Nam');
		expect(typeAll('', 0, 'ddi hocj').text).toBe('đi học');
	});

	it('converts in the middle of the text and keeps what follows', () => {
		const result = typeAll('Xin  nhé', 4, 'chaof');
		expect(result).toEqual({ text: 'Xin chào nhé', caret: 8 });
	});

	it('converts a word committed at once by a mobile keyboard', () => {
		expect(applyImeToEdit('Tôi ', 'Tôi Vieejt', 10, 'telex')).toEqual({
			text: 'Tôi Việt',
			caret: 8
		});
		expect(applyImeToEdit('', 'Vie65t', 6, 'vni')).toEqual({ text: 'Việt', caret: 4 });
	});

	it('moves the tone when the word grows after the caret was placed back in it', () => {
		// "hoaf" then "n": the tone mark moves, hòa → hoàn.
		expect(typeAll('', 0, 'hoafn').text).toBe('hoàn');
	});

	it('leaves deletions and replacements to the browser', () => {
		expect(applyImeToEdit('Việt', 'Viê', 3, 'telex')).toBeNull();
		expect(applyImeToEdit('Việt Nam', 'Việt Lao', 8, 'telex')).toBeNull();
		expect(applyImeToEdit('abc', 'abc', 3, 'telex')).toBeNull();
	});

	it('refuses a caret that does not end the insertion', () => {
		expect(applyImeToEdit('ab', 'abc', 1, 'telex')).toBeNull();
	});

	it('types digits as digits in Telex and as marks in VNI', () => {
		expect(typeAll('', 0, 'a1').text).toBe('a1');
		expect(typeAll('', 0, 'a1', 'vni').text).toBe('á');
	});
});
