import { describe, expect, it } from 'vitest';
import { dueReviewMinutes } from './study-time';

describe('dueReviewMinutes', () => {
	it('is at least a minute when anything is due', () => {
		expect(dueReviewMinutes(0)).toBe(0);
		expect(dueReviewMinutes(1)).toBe(1);
		expect(dueReviewMinutes(12)).toBe(3);
	});
});
