import { describe, expect, it } from 'vitest';
import { shiftDay, streakOf } from './streak';

const TODAY = '2026-12-06';
/** Minutes per day, listed from today backwards. */
function days(...minutes: number[]): Map<string, number> {
	return new Map(minutes.map((m, i) => [shiftDay(TODAY, -i), m]));
}

describe('shiftDay', () => {
	it('crosses month and year ends', () => {
		expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
		expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
	});
});

describe('streakOf', () => {
	it('is zero for a new learner, with nothing to repair', () => {
		expect(streakOf(new Map(), 10, TODAY)).toEqual({
			days: 0,
			todayMet: false,
			repairable: false,
			repairMinutes: 20
		});
	});

	it('counts today once the goal is met', () => {
		const s = streakOf(days(10), 10, TODAY);
		expect(s.days).toBe(1);
		expect(s.todayMet).toBe(true);
	});

	it('keeps a streak that reached yesterday while today lasts', () => {
		const s = streakOf(days(3, 10, 12, 10), 10, TODAY);
		expect(s.days).toBe(3);
		expect(s.todayMet).toBe(false);
		expect(s.repairable).toBe(false);
	});

	it('breaks on a missed day that was not made up', () => {
		expect(streakOf(days(10, 10, 0, 10, 10), 10, TODAY).days).toBe(2);
	});

	it('counts a missed day when the next day holds two days of goal', () => {
		// today 10, yesterday 20 (two goals) repairs the day before, which was missed.
		expect(streakOf(days(10, 20, 0, 10), 10, TODAY).days).toBe(4);
	});

	it('does not repair two missed days in a row', () => {
		// Yesterday's 40 minutes cannot bridge two missed days: the streak starts yesterday.
		expect(streakOf(days(10, 40, 0, 0, 10), 10, TODAY).days).toBe(2);
	});

	it('offers the repair today when yesterday was missed after counted days', () => {
		const s = streakOf(days(10, 0, 10, 10), 10, TODAY);
		expect(s.repairable).toBe(true);
		expect(s.repairMinutes).toBe(20);
		expect(s.days).toBe(1);
		// Doing two days' goal today counts yesterday and the days before it.
		expect(streakOf(days(20, 0, 10, 10), 10, TODAY)).toMatchObject({ days: 4, repairable: false });
	});

	it("does not count a day before a new learner's first day, however long they study", () => {
		expect(streakOf(days(40), 10, TODAY).days).toBe(1);
		expect(streakOf(days(10, 40), 10, TODAY).days).toBe(2);
	});

	it('offers no repair when nothing before yesterday counted', () => {
		expect(streakOf(days(0, 0, 0), 5, TODAY).repairable).toBe(false);
	});

	it('uses the goal given: five minutes a day is met by five', () => {
		expect(streakOf(days(5, 5, 5), 5, TODAY).days).toBe(3);
		expect(streakOf(days(5, 5, 5), 20, TODAY).days).toBe(0);
	});
});
