import { describe, expect, it } from 'vitest';
import {
	lessonInProgress,
	parsePlayThroughKey,
	playThroughKey,
	playThroughProgress,
	type CourseLessons,
	type KeptPlayThrough
} from './continue';

const courses: CourseLessons[] = [
	{ id: 'vi-for-lo', lessons: [{ id: 'vi-for-lo.l1' }, { id: 'vi-for-lo.l2' }] },
	{ id: 'lo-for-vi', lessons: [{ id: 'lo-for-vi.l1' }] }
];
const answers = (...ids: string[]) => ids.map((exerciseId) => ({ exerciseId }));
const kept = (over: Partial<KeptPlayThrough>): KeptPlayThrough => ({
	lessonId: 'vi-for-lo.l2',
	queue: ['c', 'd'],
	answers: answers('a', 'b'),
	savedAt: 1000,
	...over
});

describe('continue where you left off', () => {
	it('reads the key the phone keeps a play-through under', () => {
		// Per lesson, not per course version: a republished lesson keeps its play-through.
		expect(parsePlayThroughKey('u1|vi-for-lo.l2')).toEqual({
			accountId: 'u1',
			lessonId: 'vi-for-lo.l2'
		});
		expect(parsePlayThroughKey('u1|')).toBeNull();
		expect(parsePlayThroughKey('|vi-for-lo.l2')).toBeNull();
		expect(parsePlayThroughKey('u1')).toBeNull();
		// What the phone writes reads back.
		expect(parsePlayThroughKey(playThroughKey('acc-1', 'lo-for-vi.l1'))).toEqual({
			accountId: 'acc-1',
			lessonId: 'lo-for-vi.l1'
		});
	});

	it('counts a missed exercise waiting again as not done', () => {
		// a and b right, c missed (back at the end of the queue), d still to come.
		expect(playThroughProgress({ queue: ['d', 'c'], answers: answers('a', 'b', 'c') })).toEqual({
			done: 2,
			total: 4
		});
		expect(playThroughProgress({ queue: ['a'], answers: [] })).toEqual({ done: 0, total: 1 });
	});

	it('finds the lesson last played and how far along it is', () => {
		const older = kept({ lessonId: 'vi-for-lo.l1', savedAt: 500 });
		const newer = kept({ lessonId: 'vi-for-lo.l2', savedAt: 2000, queue: ['d'] });
		expect(lessonInProgress(courses, [older, newer])).toEqual({
			courseId: 'vi-for-lo',
			lessonId: 'vi-for-lo.l2',
			done: 2,
			total: 3
		});
		expect(lessonInProgress(courses, [newer, older])?.lessonId).toBe('vi-for-lo.l2');
	});

	it('ignores a play-through not started, finished or of no course of the learner', () => {
		expect(
			lessonInProgress(courses, [
				kept({ answers: [] }),
				kept({ queue: [] }),
				kept({ lessonId: 'other.l1' })
			])
		).toBeNull();
		expect(lessonInProgress([], [kept({})])).toBeNull();
	});

	it('takes a play-through kept before the save time was recorded', () => {
		expect(lessonInProgress(courses, [kept({ savedAt: undefined })])?.lessonId).toBe(
			'vi-for-lo.l2'
		);
	});
});
