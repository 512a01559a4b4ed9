import { describe, expect, it } from 'vitest';
import { validateBank } from '$lib/placement';
import { checkBankFile, provisionalBankItems, readBankFiles } from './banks';

const banks = readBankFiles();

describe('the committed seed item banks', () => {
	it('are the Vietnamese and the Lao bank', () => {
		expect([...banks.keys()].sort()).toEqual(['lo-placement', 'vi-placement']);
	});

	it.each([...banks.entries()])(
		'%s passes every content check (keys, NFC, audio, rubrics)',
		(_id, file) => {
			expect(checkBankFile(file)).toEqual([]);
			expect(validateBank(provisionalBankItems(file))).toEqual([]);
		}
	);

	it('have the required size and spread over levels and skills', () => {
		const vi = banks.get('vi-placement')!.items;
		const lo = banks.get('lo-placement')!.items;
		expect(vi.length).toBeGreaterThanOrEqual(150);
		expect(lo.length).toBeGreaterThanOrEqual(60);
		for (const items of [vi, lo]) {
			for (let level = 1; level <= 6; level++) {
				expect(
					items.filter((i) => i.level === level).length,
					`level ${level}`
				).toBeGreaterThanOrEqual(3);
			}
			expect(items.some((i) => i.kind === 'writing')).toBe(true);
			expect(items.some((i) => i.kind === 'speaking')).toBe(true);
		}
		for (const skill of ['listening', 'reading', 'vocabulary_grammar'] as const) {
			expect(vi.filter((i) => i.skill === skill).length, skill).toBeGreaterThanOrEqual(40);
		}
	});

	it('do not favour one key position (a candidate guessing "always C" gains nothing)', () => {
		for (const file of banks.values()) {
			const choice = file.items.filter((i) => i.kind === 'choice');
			const counts = [0, 1, 2, 3].map((k) => choice.filter((i) => i.answer === k).length);
			for (const count of counts) expect(count / choice.length).toBeLessThan(0.35);
		}
	});

	it('never reuse a stem', () => {
		for (const file of banks.values()) {
			const stems = file.items.map((i) =>
				JSON.stringify([i.passage, i.audioScript, i.prompt, i.options])
			);
			expect(new Set(stems).size).toBe(stems.length);
		}
	});
});
