import { describe, expect, it } from 'vitest';
import { glossText } from './gloss';

describe('glossText', () => {
	it('prefers the interface language, then the course language, then English', () => {
		expect(glossText({ lo: 'ສະບາຍດີ', en: 'Hello' }, 'en', 'lo')).toBe('Hello');
		expect(glossText({ lo: 'ສະບາຍດີ', en: 'Hello' }, 'vi', 'lo')).toBe('ສະບາຍດີ');
		expect(glossText({ en: 'Hello' }, 'lo', 'lo')).toBe('Hello');
		expect(glossText(undefined, 'lo', 'lo')).toBe('');
	});
});
