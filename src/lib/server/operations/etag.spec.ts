import { describe, expect, it } from 'vitest';
import { etagOf, noneMatchHits } from './etag';

describe('ETags', () => {
	it('tags the same body the same way and another body otherwise', () => {
		expect(etagOf('{"a":1}')).toBe(etagOf('{"a":1}'));
		expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
		expect(etagOf('x')).toMatch(/^"[\w-]{32}"$/);
	});

	it('matches the tag, its weak form, a list and *, and nothing else', () => {
		const tag = etagOf('body');
		expect(noneMatchHits(tag, tag)).toBe(true);
		expect(noneMatchHits(`W/${tag}`, tag)).toBe(true);
		expect(noneMatchHits(`"other", W/${tag}`, tag)).toBe(true);
		expect(noneMatchHits('*', tag)).toBe(true);
		expect(noneMatchHits('"other"', tag)).toBe(false);
		expect(noneMatchHits(null, tag)).toBe(false);
		expect(noneMatchHits('', tag)).toBe(false);
	});
});
