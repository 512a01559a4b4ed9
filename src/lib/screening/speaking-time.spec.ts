import { describe, expect, it } from 'vitest';
import { isSpeakingTime, isTooShort, minimumSeconds, minutesAndSeconds } from './speaking-time';

describe('speaking time', () => {
	const twoToThree = { fromSeconds: 120, toSeconds: 180 };

	it('asks for half the lower bound: 60 s for a "2–3 minute" task', () => {
		expect(minimumSeconds(twoToThree)).toBe(60);
		expect(minimumSeconds({ fromSeconds: 75, toSeconds: 90 })).toBe(38);
	});

	it('refuses a 26-second answer to a 2–3 minute task, accepts one of a minute', () => {
		expect(isTooShort(twoToThree, 26_000)).toBe(true);
		expect(isTooShort(twoToThree, 59_999)).toBe(true);
		expect(isTooShort(twoToThree, 60_000)).toBe(false);
		expect(isTooShort(twoToThree, 200_000)).toBe(false);
	});

	it('asks nothing of a task that states no time', () => {
		expect(minimumSeconds(undefined)).toBe(0);
		expect(minimumSeconds(null)).toBe(0);
		expect(isTooShort(undefined, 1)).toBe(false);
	});

	it('checks a bank item’s speakingTime', () => {
		expect(isSpeakingTime(twoToThree)).toBe(true);
		expect(isSpeakingTime({ fromSeconds: 60, toSeconds: 60 })).toBe(true);
		expect(isSpeakingTime({ fromSeconds: 180, toSeconds: 120 })).toBe(false);
		expect(isSpeakingTime({ fromSeconds: 0, toSeconds: 120 })).toBe(false);
		expect(isSpeakingTime({ fromSeconds: 1.5, toSeconds: 120 })).toBe(false);
		expect(isSpeakingTime({ fromSeconds: 60, toSeconds: 3600 })).toBe(false);
		expect(isSpeakingTime('2–3 phút')).toBe(false);
	});

	it('shows seconds as m:ss', () => {
		expect(minutesAndSeconds(60)).toBe('1:00');
		expect(minutesAndSeconds(65)).toBe('1:05');
		expect(minutesAndSeconds(9)).toBe('0:09');
	});
});
