import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { LEVEL_NUMBERS, levelMeaning } from './labels';

describe('levelMeaning', () => {
	it('describes the levels of the tested language: the Lao test speaks of Lao, the Vietnamese of Vietnamese', () => {
		for (const level of LEVEL_NUMBERS) {
			expect(levelMeaning(level, 'vi')).toMatch(/^Bậc \d: .*tiếng Việt/);
			expect(levelMeaning(level, 'lo')).toMatch(/^Bậc \d: .*tiếng Lào/);
			expect(levelMeaning(level, 'lo')).not.toMatch(/Việt/);
		}
		expect(levelMeaning(7, 'vi')).toBe('');
	});

	it('has both sets in every interface language, each naming only its own language', () => {
		const sets = {
			vi: [m.level_vi_1, m.level_vi_2, m.level_vi_3, m.level_vi_4, m.level_vi_5, m.level_vi_6],
			lo: [m.level_lo_1, m.level_lo_2, m.level_lo_3, m.level_lo_4, m.level_lo_5, m.level_lo_6]
		};
		const names = {
			vi: { vi: /tiếng Việt/, lo: /ພາສາຫວຽດ/, en: /Vietnamese/ },
			lo: { vi: /tiếng Lào/, lo: /ພາສາລາວ/, en: /\bLao\b/ }
		};
		for (const tested of ['vi', 'lo'] as const) {
			const other = tested === 'vi' ? 'lo' : 'vi';
			for (const message of sets[tested]) {
				for (const locale of ['vi', 'lo', 'en'] as const) {
					const text = message({}, { locale });
					expect(text, `${tested} ${locale}`).toMatch(names[tested][locale]);
					expect(text, `${tested} ${locale}`).not.toMatch(names[other][locale]);
				}
			}
		}
	});
});
