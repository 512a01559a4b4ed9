import { describe, expect, it } from 'vitest';
import { formatDate } from './dates';

describe('formatDate', () => {
	const date = new Date(Date.UTC(2026, 10, 23));
	it('writes Lao month names itself', () => {
		expect(formatDate(date, 'lo')).toBe('23 ພະຈິກ 2026');
	});
	it('uses Intl for Vietnamese and English', () => {
		expect(formatDate(date, 'vi')).toContain('2026');
		expect(formatDate(date, 'vi')).toMatch(/tháng 11/);
		expect(formatDate(date, 'en')).toBe('23 November 2026');
	});
});
