import { describe, expect, it } from 'vitest';
import { findLongestMatches } from './lookup';
import { normalizeVietnamese, segmentVietnamese } from './vi';

/** A dictionary whose keys are stored normalized, as the app stores them. */
const vietnameseDictionary = (...words: string[]) => {
	const keys = new Set(words.map(normalizeVietnamese));
	return (candidate: string): boolean => keys.has(normalizeVietnamese(candidate));
};

describe('findLongestMatches', () => {
	it('prefers the longest entry at each position', () => {
		const has = (word: string) => ['ab', 'abc', 'c', 'd'].includes(word);
		expect(findLongestMatches(['a', 'b', 'c', 'd'], has)).toEqual([
			{ text: 'abc', start: 0, end: 3, found: true },
			{ text: 'd', start: 3, end: 4, found: true }
		]);
	});

	it('keeps an unknown segment on its own and moves on', () => {
		const has = (word: string) => word === 'bc';
		expect(findLongestMatches(['a', 'b', 'c'], has)).toEqual([
			{ text: 'a', start: 0, end: 1, found: false },
			{ text: 'bc', start: 1, end: 3, found: true }
		]);
	});

	it('never joins more than maxSegments', () => {
		const has = (word: string) => word === 'abc';
		const matches = findLongestMatches(['a', 'b', 'c'], has, { maxSegments: 2 });
		expect(matches.every((match) => !match.found && match.end - match.start === 1)).toBe(true);
	});

	it('returns nothing for no segments', () => {
		expect(findLongestMatches([], () => true)).toEqual([]);
	});

	it('joins Vietnamese syllables with a space into multi-syllable words', () => {
		const has = vietnameseDictionary('tôi', 'là', 'người', 'Việt Nam');
		const matches = findLongestMatches(segmentVietnamese('Tôi là người Việt Nam.'), has, {
			joiner: ' '
		});
		expect(matches.map((match) => match.text)).toEqual(['Tôi', 'là', 'người', 'Việt Nam']);
	});

	it('finds words whatever the tone spelling of the text', () => {
		const has = vietnameseDictionary('hòa bình', 'khỏe');
		const matches = findLongestMatches(segmentVietnamese('Hoà Bình khoẻ'), has, { joiner: ' ' });
		expect(matches.map(({ text, found }) => [text, found])).toEqual([
			['Hoà Bình', true],
			['khoẻ', true]
		]);
	});

	it('covers every segment exactly once, in order', () => {
		const segments = segmentVietnamese('Xin lỗi, bạn có thể nhắc lại được không?');
		const has = vietnameseDictionary('xin lỗi', 'có thể', 'nhắc lại');
		const matches = findLongestMatches(segments, has, { joiner: ' ' });
		expect(matches.map((match) => match.text).join(' ')).toBe(segments.join(' '));
		expect(matches.map((match) => match.start)).toEqual([
			0,
			...matches.slice(0, -1).map((match) => match.end)
		]);
	});
});
