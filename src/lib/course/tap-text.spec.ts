import { describe, expect, it } from 'vitest';
import { tapTokens } from './tap-text';
import type { VocabularyEntry } from './types';

const viVocabulary: VocabularyEntry[] = [
	{ id: 'v1', term: 'cảm ơn', meaning: { lo: 'ຂອບໃຈ' } },
	{ id: 'v2', term: 'Việt Nam', meaning: { lo: 'ຫວຽດນາມ' } },
	{ id: 'v3', term: 'bạn', meaning: { lo: 'ເຈົ້າ, ໝູ່' } }
];

const loVocabulary: VocabularyEntry[] = [
	{ id: 'l1', term: 'ຂອບໃຈ', meaning: { vi: 'cảm ơn' }, romanization: 'khopchai' },
	{ id: 'l2', term: 'ຫຼາຍ', meaning: { vi: 'nhiều' } },
	{ id: 'l3', term: 'ສະບາຍດີ', meaning: { vi: 'xin chào' } }
];

describe('tapTokens', () => {
	it('groups Vietnamese syllables into the longest vocabulary entry, keeping punctuation', () => {
		const tokens = tapTokens('Cảm ơn bạn, Việt Nam!', 'vi', viVocabulary);
		expect(tokens.map((t) => t.text).join('')).toBe('Cảm ơn bạn, Việt Nam!');
		const words = tokens.filter((t) => t.kind === 'word');
		expect(words.map((t) => [t.text, t.entry?.id])).toEqual([
			['Cảm ơn', 'v1'],
			['bạn', 'v3'],
			['Việt Nam', 'v2']
		]);
	});

	it('leaves unknown Vietnamese syllables as words without an entry', () => {
		const tokens = tapTokens('Tôi cảm ơn', 'vi', viVocabulary).filter((t) => t.kind === 'word');
		expect(tokens.map((t) => [t.text, t.entry?.id])).toEqual([
			['Tôi', undefined],
			['cảm ơn', 'v1']
		]);
	});

	it('finds Lao words in text written without spaces, NFD or tone-first input included', () => {
		const tokens = tapTokens('ຂອບໃຈຫຼາຍ', 'lo', loVocabulary).filter((t) => t.kind === 'word');
		expect(tokens.map((t) => t.entry?.id)).toEqual(['l1', 'l2']);
		const found = tapTokens('ສະບາຍດີ.', 'lo', loVocabulary);
		expect(found[0]).toMatchObject({ kind: 'word', entry: { id: 'l3' } });
		expect(found.at(-1)).toEqual({ kind: 'plain', text: '.' });
	});

	it('matches ຫລ written for ຫຼ', () => {
		const tokens = tapTokens('ຂອບໃຈຫລາຍ', 'lo', loVocabulary).filter((t) => t.kind === 'word');
		expect(tokens.map((t) => t.entry?.id)).toEqual(['l1', 'l2']);
	});
});
