import { describe, expect, it } from 'vitest';
import { dueCount, entriesToAdd, gradeOfTypedAnswer, isDue, newCard, review } from './index';

const T0 = new Date('2026-03-01T08:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('srs', () => {
	it('a new card is due at once', () => {
		const card = newCard(T0);
		expect(card.state).toBe(0);
		expect(card.reps).toBe(0);
		expect(isDue(card, T0)).toBe(true);
		expect(dueCount([card], T0)).toBe(1);
	});

	it('Good on a new card schedules it minutes later, no longer due now', () => {
		const { card, log } = review(newCard(T0), 3, T0);
		expect(card.reps).toBe(1);
		expect(card.state).toBe(1);
		expect(card.due.getTime()).toBeGreaterThan(T0.getTime());
		expect(card.due.getTime() - T0.getTime()).toBeLessThanOrEqual(15 * MINUTE);
		expect(isDue(card, T0)).toBe(false);
		expect(isDue(card, new Date(card.due.getTime()))).toBe(true);
		expect(log).toMatchObject({ grade: 3, state: 0, reviewedAt: T0 });
	});

	it('Easy schedules further out than Good, Good further than Hard, Hard further than Again', () => {
		const dues = ([1, 2, 3, 4] as const).map((g) => review(newCard(T0), g, T0).card.due.getTime());
		expect(dues[0]).toBeLessThan(dues[1]);
		expect(dues[1]).toBeLessThan(dues[2]);
		expect(dues[2]).toBeLessThan(dues[3]);
		expect(dues[3] - T0.getTime()).toBeGreaterThanOrEqual(DAY);
	});

	it('a card answered Good repeatedly moves to review with growing intervals', () => {
		let card = newCard(T0);
		let now = T0;
		const intervals: number[] = [];
		for (let i = 0; i < 5; i++) {
			card = review(card, 3, now).card;
			intervals.push(card.due.getTime() - now.getTime());
			now = card.due;
		}
		expect(card.state).toBe(2);
		expect(intervals[4]).toBeGreaterThan(intervals[3]);
		expect(intervals[3]).toBeGreaterThan(intervals[2]);
	});

	it('Again on a card in review is a lapse', () => {
		let card = newCard(T0);
		let now = T0;
		for (let i = 0; i < 3; i++) {
			card = review(card, 3, now).card;
			now = card.due;
		}
		expect(card.state).toBe(2);
		const lapsed = review(card, 1, now).card;
		expect(lapsed.lapses).toBe(1);
		expect(lapsed.state).toBe(3);
	});

	it('counts only the due cards', () => {
		const cards = [
			{ due: new Date(T0.getTime() - DAY) },
			{ due: T0 },
			{ due: new Date(T0.getTime() + MINUTE) }
		];
		expect(dueCount(cards, T0)).toBe(2);
		expect(dueCount([], T0)).toBe(0);
	});

	it('adds only entries not yet in the deck, once each', () => {
		const entries = [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }];
		expect(entriesToAdd(entries, new Set(['b'])).map((e) => e.id)).toEqual(['a', 'c']);
		expect(entriesToAdd(entries, new Set(['a', 'b', 'c']))).toEqual([]);
	});

	it('maps a typed answer to a grade', () => {
		expect(gradeOfTypedAnswer('correct')).toBe(3);
		expect(gradeOfTypedAnswer('almost')).toBe(2);
		expect(gradeOfTypedAnswer('wrong')).toBe(1);
	});
});
