import { describe, expect, it } from 'vitest';
import { inputLanguagesOf, vietnameseInputMethod } from './input-methods';

describe('input methods', () => {
	it('reads a stored method back, and anything else as Telex', () => {
		expect(vietnameseInputMethod('vni')).toBe('vni');
		expect(vietnameseInputMethod('off')).toBe('off');
		expect(vietnameseInputMethod('VNI')).toBe('telex');
		expect(vietnameseInputMethod(null)).toBe('telex');
	});

	it("shows the settings of the learner's course languages, both before any course", () => {
		expect(inputLanguagesOf(['vi'])).toEqual(['vi']);
		expect(inputLanguagesOf(['lo', 'lo'])).toEqual(['lo']);
		expect(inputLanguagesOf(['lo', 'vi'])).toEqual(['vi', 'lo']);
		expect(inputLanguagesOf([])).toEqual(['vi', 'lo']);
	});
});
