import { describe, expect, it } from 'vitest';
import { classSkillAverages, dayKey, parseUsernamesCsv, reviewStreak } from './progress';

describe('dayKey', () => {
	it('counts days on the clock of Vietnam and Laos (UTC+7)', () => {
		expect(dayKey(new Date('2026-12-05T16:59:00Z'))).toBe('2026-12-05');
		expect(dayKey(new Date('2026-12-05T17:00:00Z'))).toBe('2026-12-06');
	});
});

describe('reviewStreak', () => {
	const now = new Date('2026-12-06T05:00:00Z'); // 12:00 in Hà Nội and Vientiane
	const at = (iso: string) => new Date(iso);

	it('counts consecutive days with a review, ending today', () => {
		const days = ['2026-12-04T02:00:00Z', '2026-12-05T02:00:00Z', '2026-12-06T01:00:00Z'].map(at);
		expect(reviewStreak(days, now)).toBe(3);
	});

	it('still counts a streak that ended yesterday (today is not over)', () => {
		expect(reviewStreak([at('2026-12-05T02:00:00Z'), at('2026-12-04T02:00:00Z')], now)).toBe(2);
	});

	it('is broken by a day without a review', () => {
		expect(reviewStreak([at('2026-12-06T02:00:00Z'), at('2026-12-04T02:00:00Z')], now)).toBe(1);
		expect(reviewStreak([at('2026-12-03T02:00:00Z')], now)).toBe(0);
		expect(reviewStreak([], now)).toBe(0);
	});

	it('counts several reviews on one day once', () => {
		const days = ['2026-12-06T01:00:00Z', '2026-12-06T03:00:00Z', '2026-12-05T20:00:00Z'].map(at);
		// 20:00 UTC on the 5th is 03:00 on the 6th in UTC+7: all three are the 6th.
		expect(reviewStreak(days, now)).toBe(1);
	});
});

describe('classSkillAverages', () => {
	it('averages each skill over the learners who have exercises of it', () => {
		const averages = classSkillAverages([
			{
				skills: [
					{ skill: 'listening', done: 5, total: 10, accuracy: 80 },
					{ skill: 'speaking', done: 0, total: 0, accuracy: null }
				]
			},
			{
				skills: [
					{ skill: 'listening', done: 10, total: 10, accuracy: 60 },
					{ skill: 'speaking', done: 0, total: 0, accuracy: null }
				]
			}
		]);
		expect(averages).toEqual([
			{ skill: 'listening', percentDone: 75, accuracy: 70, learners: 2 },
			{ skill: 'speaking', percentDone: null, accuracy: null, learners: 0 }
		]);
	});

	it('has no averages for an empty class', () => {
		expect(classSkillAverages([])).toEqual([]);
	});
});

describe('parseUsernamesCsv', () => {
	it('reads a username column by its header in vi, lo or en', () => {
		expect(parseUsernamesCsv('Tên đăng nhập;Họ tên\nbounmy;Bounmy\n\nKHAMLA ; Khamla\n')).toEqual({
			usernames: ['bounmy', 'khamla'],
			missingColumn: false
		});
		expect(parseUsernamesCsv('ຊື່ຜູ້ໃຊ້\nbounmy').usernames).toEqual(['bounmy']);
		expect(parseUsernamesCsv('name,username\n"Som, Chai",somchai').usernames).toEqual(['somchai']);
	});

	it('takes a list without a header as one username per line', () => {
		expect(parseUsernamesCsv('bounmy\nkhamla\nbounmy\n')).toEqual({
			usernames: ['bounmy', 'khamla'],
			missingColumn: false
		});
	});

	it('says when a header row has no username column', () => {
		expect(parseUsernamesCsv('name,phone\nBounmy,020').missingColumn).toBe(true);
	});
});

describe('classSkillAverages precision', () => {
	it('keeps a tenth of a percent, so one lesson of many is not 0', () => {
		const [listening] = classSkillAverages([
			{ skills: [{ skill: 'listening', done: 1, total: 122, accuracy: 100 }] },
			{ skills: [{ skill: 'listening', done: 0, total: 122, accuracy: null }] }
		]);
		expect(listening.percentDone).toBe(0.4);
	});
});
