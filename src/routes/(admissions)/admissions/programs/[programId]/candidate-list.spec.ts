import { describe, expect, it } from 'vitest';
import {
	countByStatus,
	levelDistribution,
	listCandidates,
	readListQuery,
	type ListedCandidate
} from './candidate-list';

const candidate = (
	fullName: string,
	status: ListedCandidate['status'],
	overallLevel: number | null = null
): ListedCandidate => ({
	fullName,
	status,
	latest:
		overallLevel === null
			? null
			: { overallLevel, theta: overallLevel - 3, skillLevels: { listening: overallLevel } }
});

describe('countByStatus', () => {
	it('counts the candidates at each status and leaves out a status nobody is at', () => {
		const rows = [
			candidate('Bùi Văn An', 'passed'),
			candidate('ສົມສັກ ແກ້ວມະນີ', 'invited'),
			candidate('Lê Thị Hoa', 'passed')
		];
		expect(countByStatus(rows)).toEqual({ passed: 2, invited: 1 });
	});

	it('is empty for a program without candidates', () => {
		expect(countByStatus([])).toEqual({});
	});
});

describe('readListQuery', () => {
	it('reads a known sort, order and status, and falls back on anything else', () => {
		expect(readListQuery(new URLSearchParams('sort=level&dir=desc&status=passed'))).toEqual({
			sort: 'level',
			dir: 'desc',
			status: 'passed'
		});
		expect(readListQuery(new URLSearchParams('sort=password&dir=up&status=hired'))).toEqual({
			sort: 'name',
			dir: 'asc',
			status: null
		});
	});
});

describe('listCandidates', () => {
	it('filters by status and sorts by level with the candidates without a result last', () => {
		const rows = [
			candidate('A', 'passed', 3),
			candidate('B', 'invited'),
			candidate('C', 'passed', 5),
			candidate('D', 'failed', 1)
		];
		const byLevel = listCandidates(rows, { sort: 'level', dir: 'desc', status: null });
		expect(byLevel.map((r) => r.fullName)).toEqual(['C', 'A', 'D', 'B']);
		const passed = listCandidates(rows, { sort: 'name', dir: 'asc', status: 'passed' });
		expect(passed.map((r) => r.fullName)).toEqual(['A', 'C']);
	});
});

describe('levelDistribution', () => {
	it('tallies the overall levels and the skills that have a result', () => {
		const rows = [
			candidate('A', 'passed', 3),
			candidate('B', 'passed', 3),
			candidate('C', 'invited')
		];
		expect(levelDistribution(rows)).toEqual([
			{ area: 'overall', counts: [0, 0, 2, 0, 0, 0] },
			{ area: 'listening', counts: [0, 0, 2, 0, 0, 0] }
		]);
	});
});
