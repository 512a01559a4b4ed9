import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDate, ictDay } from './dates';

describe('formatDate', () => {
	const date = new Date(Date.UTC(2026, 10, 23, 5));
	it('writes Lao month names itself', () => {
		expect(formatDate(date, 'lo')).toBe('23 ພະຈິກ 2026');
	});
	it('uses Intl for Vietnamese and English', () => {
		expect(formatDate(date, 'vi')).toContain('2026');
		expect(formatDate(date, 'vi')).toMatch(/tháng 11/);
		expect(formatDate(date, 'en')).toBe('23 November 2026');
	});
	it('shows the day in Indochina Time: a window opening at 00:00 ICT is on its own day', () => {
		// 1 March 00:00 in Vientiane and Hanoi is 28 February 17:00 UTC.
		const opens = new Date('2026-03-01T00:00:00+07:00');
		expect(formatDate(opens, 'en')).toBe('1 March 2026');
		expect(formatDate(opens, 'lo')).toBe('1 ມີນາ 2026');
		expect(formatDate(opens, 'vi')).toMatch(/^1 tháng 3/);
		// …and a window closing at 23:59:59 ICT on its own day too.
		expect(formatDate(new Date('2026-03-31T23:59:59+07:00'), 'en')).toBe('31 March 2026');
		expect(ictDay(opens)).toBe('2026-03-01');
	});
	it('adds the time of day in Indochina Time', () => {
		expect(formatDateTime(new Date('2026-03-01T01:30:00Z'), 'en')).toBe('1 March 2026 08:30');
	});
	it('writes a short date as digits, day first, on the day in Indochina Time', () => {
		expect(formatShortDate(new Date('2026-02-28T18:00:00Z'))).toBe('1/3/2026');
		expect(formatShortDate(new Date(Date.UTC(2026, 10, 23, 5)))).toBe('23/11/2026');
	});
});
