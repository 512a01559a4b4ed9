import { describe, expect, it } from 'vitest';
import { lessonMinutes, SECONDS_BY_KIND } from './lesson-time';

describe('lessonMinutes', () => {
	it('adds up each kind’s time and rounds up to whole minutes', () => {
		// 20 + 60 + 120 = 200 s → 3.33 min → 4
		expect(lessonMinutes([{ kind: 'choice' }, { kind: 'translate' }, { kind: 'reading' }])).toBe(4);
		expect(lessonMinutes([{ kind: 'translate' }])).toBe(1);
		expect(lessonMinutes([{ kind: 'translate' }, { kind: 'choice' }])).toBe(2);
	});

	it('says at least one minute, even for an empty or very short lesson', () => {
		expect(lessonMinutes([])).toBe(1);
		expect(lessonMinutes([{ kind: 'choice' }])).toBe(1);
	});

	it('gives slower kinds more time than quick ones', () => {
		expect(SECONDS_BY_KIND.reading).toBeGreaterThan(SECONDS_BY_KIND.translate);
		expect(SECONDS_BY_KIND.translate).toBeGreaterThan(SECONDS_BY_KIND.choice);
	});
});
