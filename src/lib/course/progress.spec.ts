import { describe, expect, it } from 'vitest';
import {
	addTallies,
	firstTryScore,
	nextLessonId,
	nextQueue,
	skillCounts,
	skillProgress,
	startUnitIndex
} from './progress';

describe('nextQueue', () => {
	it('drops a right answer and sends a wrong one to the back', () => {
		expect(nextQueue(['a', 'b', 'c'], true, { a: 1 })).toEqual(['b', 'c']);
		expect(nextQueue(['a', 'b', 'c'], false, { a: 1 })).toEqual(['b', 'c', 'a']);
	});
	it('stops bringing an exercise back after the retries', () => {
		expect(nextQueue(['a'], false, { a: 3 })).toEqual([]);
		expect(nextQueue(['a'], false, { a: 2 })).toEqual(['a']);
		expect(nextQueue([], false, {})).toEqual([]);
	});
});

describe('firstTryScore', () => {
	it('leaves a skipped speaking exercise out of the score', () => {
		const score = firstTryScore([
			{ exerciseId: 'a', skill: 'reading', correct: true, position: 0 },
			{ exerciseId: 's', skill: 'speaking', correct: false, skipped: true, position: 1 }
		]);
		expect(score).toEqual({
			correctFirstTry: 1,
			total: 1,
			skills: { reading: { correct: 1, total: 1 } }
		});
	});

	it('counts the first answer of each exercise, per skill', () => {
		const score = firstTryScore([
			{ exerciseId: 'a', skill: 'reading', correct: false, position: 0 },
			{ exerciseId: 'b', skill: 'listening', correct: true, position: 1 },
			{ exerciseId: 'a', skill: 'reading', correct: true, position: 2 },
			{ exerciseId: 'c', skill: 'reading', correct: true, position: 3 }
		]);
		expect(score.correctFirstTry).toBe(2);
		expect(score.total).toBe(3);
		expect(score.skills).toEqual({
			reading: { correct: 1, total: 2 },
			listening: { correct: 1, total: 1 }
		});
	});
	it('adds tallies', () => {
		expect(
			addTallies([
				{ reading: { correct: 1, total: 2 } },
				{ reading: { correct: 2, total: 2 }, speaking: { correct: 0, total: 1 } }
			])
		).toEqual({ reading: { correct: 3, total: 4 }, speaking: { correct: 0, total: 1 } });
	});
});

describe('skillCounts', () => {
	it('counts the exercises of each skill, leaving out skills the lesson lacks', () => {
		expect(
			skillCounts([{ skill: 'reading' }, { skill: 'speaking' }, { skill: 'reading' }])
		).toEqual({ reading: 2, speaking: 1 });
		expect(skillCounts([])).toEqual({});
	});
});

describe('skillProgress', () => {
	it('counts exercises of finished lessons and the accuracy', () => {
		const lessons = [
			{ id: 'l1', skillCounts: skillCounts([{ skill: 'reading' }, { skill: 'listening' }]) },
			{ id: 'l2', skillCounts: skillCounts([{ skill: 'reading' }]) }
		];
		const progress = skillProgress(lessons, new Set(['l1']), { reading: { correct: 1, total: 3 } });
		expect(progress.find((p) => p.skill === 'reading')).toEqual({
			skill: 'reading',
			done: 1,
			total: 2,
			accuracy: 33
		});
		expect(progress.find((p) => p.skill === 'speaking')).toEqual({
			skill: 'speaking',
			done: 0,
			total: 0,
			accuracy: null
		});
	});
});

describe('where to start and continue', () => {
	const units = [{ level: 1 }, { level: 1 }, { level: 2 }, { level: 2 }];
	it('starts at the first unit of the placement level', () => {
		expect(startUnitIndex(units, 1)).toBe(0);
		expect(startUnitIndex(units, 2)).toBe(2);
		expect(startUnitIndex(units, 5)).toBe(3);
		expect(startUnitIndex([], 2)).toBe(0);
	});
	it('continues with the first unfinished lesson from the start unit', () => {
		const outline = [{ lessons: [{ id: 'a' }, { id: 'b' }] }, { lessons: [{ id: 'c' }] }];
		expect(nextLessonId(outline, new Set())).toBe('a');
		expect(nextLessonId(outline, new Set(['a']))).toBe('b');
		expect(nextLessonId(outline, new Set(), 1)).toBe('c');
		expect(nextLessonId(outline, new Set(['c']), 1)).toBe('a');
		expect(nextLessonId(outline, new Set(['a', 'b', 'c']))).toBeNull();
	});
});
