import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, displayClasses, displayCookieValue, parseDisplayCookie } from './display';

describe('display cookie', () => {
	it('reads back what it wrote', () => {
		const display = { textSize: 2, highContrast: true } as const;
		expect(parseDisplayCookie(displayCookieValue(display))).toEqual(display);
	});
	it('falls back to the default on anything else', () => {
		for (const value of [undefined, '', '4.0', '1.2', '1', 'x.y', '1.0;'])
			expect(parseDisplayCookie(value)).toEqual(DEFAULT_DISPLAY);
	});
	it('names the classes of the root element', () => {
		expect(displayClasses(DEFAULT_DISPLAY)).toBe('');
		expect(displayClasses({ textSize: 3, highContrast: true })).toBe('text-3 contrast');
	});
});
