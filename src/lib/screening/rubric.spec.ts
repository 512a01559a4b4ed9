import { describe, expect, it } from 'vitest';
import {
	countWords,
	BELOW_LEVEL_1,
	isFrameworkLevel,
	levelFromRubric,
	pickRatedTask,
	rubricMaximum,
	rubricTotal,
	validateScores,
	type Rubric
} from './rubric';

const band = (text: string) => ({ vi: text, lo: text, en: text });
const rubric: Rubric = {
	criteria: ['task', 'accuracy', 'vocabulary'].map((name) => ({
		name: band(name),
		bands: [band('0'), band('1'), band('2'), band('3')]
	})),
	maxScorePerCriterion: 3
};

describe('levelFromRubric', () => {
	it('gives the task level from two thirds of the maximum', () => {
		expect(levelFromRubric(3, 6, 9)).toBe(3);
		expect(levelFromRubric(3, 8, 9)).toBe(3);
	});
	it('gives one level above the task only for full marks', () => {
		expect(levelFromRubric(3, 9, 9)).toBe(4);
	});
	it('gives one level below from a third, two below under a third', () => {
		expect(levelFromRubric(4, 5, 9)).toBe(3);
		expect(levelFromRubric(4, 3, 9)).toBe(3);
		expect(levelFromRubric(4, 2, 9)).toBe(2);
	});
	it('gives no level (below level 1) to an answer with nothing to rate, whatever the task', () => {
		expect(levelFromRubric(1, 0, 9)).toBe(BELOW_LEVEL_1);
		expect(levelFromRubric(4, 0, 9)).toBe(BELOW_LEVEL_1);
		expect(BELOW_LEVEL_1).toBe(0);
		expect(isFrameworkLevel(BELOW_LEVEL_1)).toBe(false);
		expect(isFrameworkLevel(1)).toBe(true);
	});
	it('keeps a rateable answer within levels 1 to 6', () => {
		expect(levelFromRubric(1, 1, 9)).toBe(1);
		expect(levelFromRubric(6, 9, 9)).toBe(6);
	});
	it('works on other rubric sizes by share, not by points', () => {
		expect(levelFromRubric(2, 8, 12)).toBe(2);
		expect(levelFromRubric(2, 7, 12)).toBe(1);
	});
});

describe('validateScores', () => {
	it('accepts one whole number per criterion within its bands', () => {
		expect(validateScores(rubric, { '0': 3, '1': 0, '2': 2 })).toEqual({});
		expect(rubricTotal({ '0': 3, '1': 0, '2': 2 })).toBe(5);
		expect(rubricMaximum(rubric)).toBe(9);
	});
	it('names missing, out-of-range and unknown criteria', () => {
		expect(validateScores(rubric, { '0': 4, '2': 1.5, '7': 1 })).toEqual({
			'0': 'out_of_range',
			'1': 'missing',
			'2': 'out_of_range',
			'7': 'unknown_criterion'
		});
		expect(validateScores(rubric, { '0': -1, '1': Number.NaN, '2': 1 })).toEqual({
			'0': 'out_of_range',
			'1': 'missing'
		});
	});
});

describe('pickRatedTask', () => {
	const tasks = [
		{ id: 'w2', level: 2 },
		{ id: 'w3', level: 3 },
		{ id: 'w4', level: 4 },
		{ id: 'w6', level: 6 }
	];
	it('takes the task nearest the level', () => {
		expect(pickRatedTask(tasks, 3)?.id).toBe('w3');
		expect(pickRatedTask(tasks, 1)?.id).toBe('w2');
		expect(pickRatedTask(tasks, 6)?.id).toBe('w6');
	});
	it('prefers the lower of two equally near tasks', () => {
		expect(pickRatedTask(tasks, 5)?.id).toBe('w4');
	});
	it('returns nothing from an empty bank', () => {
		expect(pickRatedTask([], 3)).toBeNull();
	});
});

describe('countWords', () => {
	it('counts space-separated Vietnamese syllables', () => {
		expect(countWords('  Tôi tên là Khăm-phăn. Tôi là cán bộ. ')).toBe(8);
		expect(countWords('')).toBe(0);
		expect(countWords(' – ')).toBe(0);
	});
	it('segments Lao text, which has no spaces between words', () => {
		expect(countWords('ຂ້ອຍຊື່ສົມພອນ')).toBeGreaterThan(1);
	});
});
