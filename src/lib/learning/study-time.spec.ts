import { describe, expect, it } from 'vitest';
import { dueReviewMinutes, minutesByDay, reviewSeconds } from './study-time';

const at = (iso: string) => new Date(iso);
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

describe('reviewSeconds', () => {
	it('counts the gaps of a sitting and a fixed time for its first review', () => {
		const s = reviewSeconds([
			at('2026-12-06T10:00:20Z'),
			at('2026-12-06T10:00:00Z'),
			at('2026-12-06T12:00:00Z')
		]);
		expect(s.map((e) => e.seconds)).toEqual([15, 20, 15]);
	});
});

describe('minutesByDay', () => {
	it('adds up the seconds of each day and rounds down to minutes', () => {
		const byDay = minutesByDay(
			[
				{ at: at('2026-12-05T23:00:00Z'), seconds: 300 },
				{ at: at('2026-12-06T01:00:00Z'), seconds: 90 },
				{ at: at('2026-12-06T02:00:00Z'), seconds: 45 }
			],
			utcDay
		);
		expect(byDay).toEqual(
			new Map([
				['2026-12-05', 5],
				['2026-12-06', 2]
			])
		);
	});
});

describe('dueReviewMinutes', () => {
	it('is at least a minute when anything is due', () => {
		expect(dueReviewMinutes(0)).toBe(0);
		expect(dueReviewMinutes(1)).toBe(1);
		expect(dueReviewMinutes(12)).toBe(3);
	});
});
