import { describe, expect, it } from 'vitest';
import {
	keyIsSingleLongest,
	keyLongestByLevel,
	optionLength,
	validateBank,
	type BankItem
} from './bank';
import { mulberry32 } from './random';
import { syntheticBank } from './simulate';

describe('validateBank', () => {
	it('accepts a well-formed bank', () => {
		expect(validateBank(syntheticBank(mulberry32(1)))).toEqual([]);
	});

	it('reports duplicates, bad parameters, unknown skills and levels', () => {
		const bad = [
			{ id: 'x', skill: 'reading', level: 1, a: 1, b: 0 },
			{ id: 'x', skill: 'reading', level: 1, a: 1, b: 0 },
			{ id: 'y', skill: 'reading', level: 1, a: 0, b: 0 },
			{ id: 'z', skill: 'reading', level: 1, a: 1, b: Number.POSITIVE_INFINITY },
			{ id: 'c', skill: 'reading', level: 1, a: 1, b: 0, c: 1 },
			{ id: 's', skill: 'grammar', level: 1, a: 1, b: 0 },
			{ id: 'l', skill: 'reading', level: 7, a: 1, b: 0 }
		] as BankItem[];
		const problems = validateBank(bad);
		expect(problems).toHaveLength(6);
		expect(problems.join('\n')).toMatch(/duplicate id/);
		expect(problems.join('\n')).toMatch(/unknown skill/);
		expect(problems.join('\n')).toMatch(/level must be/);
	});
});

describe('syntheticBank', () => {
	it('has 25 items per level with b inside the level band and a in [0.8, 2.0], all skills per level', () => {
		const bank = syntheticBank(mulberry32(2));
		expect(bank).toHaveLength(150);
		const bands: Record<number, [number, number]> = {
			1: [-3, -2],
			2: [-2, -1],
			3: [-1, 0],
			4: [0, 1],
			5: [1, 2],
			6: [2, 3]
		};
		for (const item of bank) {
			const [lower, upper] = bands[item.level];
			expect(item.b >= lower && item.b < upper).toBe(true);
			expect(item.a >= 0.8 && item.a < 2).toBe(true);
		}
		for (let level = 1; level <= 6; level++) {
			const atLevel = bank.filter((item) => item.level === level);
			expect(atLevel).toHaveLength(25);
			expect(new Set(atLevel.map((item) => item.skill)).size).toBe(5);
		}
	});
});

describe('option length', () => {
	it('counts characters of the NFC form, so decomposed Vietnamese counts like composed', () => {
		const composed = 'Thứ Năm';
		expect(optionLength(composed.normalize('NFD'))).toBe(optionLength(composed));
		expect(optionLength('ຂອບໃຈ')).toBe(5);
	});

	it('flags a key only when it is strictly the longest option', () => {
		expect(keyIsSingleLongest({ level: 1, options: ['ab', 'abcd', 'abc'], answer: 1 })).toBe(true);
		expect(keyIsSingleLongest({ level: 1, options: ['abcd', 'abcd', 'a'], answer: 0 })).toBe(false);
		expect(keyIsSingleLongest({ level: 1, options: ['abcde', 'abcd', 'a'], answer: 1 })).toBe(
			false
		);
		expect(keyIsSingleLongest({ level: 1, options: ['a', 'b'], answer: 5 })).toBe(false);
	});

	it('gives the share per level, levels in order, empty levels left out', () => {
		const figures = keyLongestByLevel([
			{ level: 4, options: ['long key', 'a', 'b'], answer: 0 },
			{ level: 4, options: ['k', 'longer', 'b'], answer: 0 },
			{ level: 1, options: ['k', 'longer', 'b'], answer: 0 },
			{ level: 4, options: ['key', 'abc', 'b'], answer: 0 },
			{ level: 4, options: ['x', 'y', 'longest key'], answer: 2 }
		]);
		expect(figures).toEqual([
			{ level: 1, items: 1, keyLongest: 0, share: 0 },
			{ level: 4, items: 4, keyLongest: 2, share: 0.5 }
		]);
	});
});
