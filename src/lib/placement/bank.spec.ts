import { describe, expect, it } from 'vitest';
import { validateBank, type BankItem } from './bank';
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
