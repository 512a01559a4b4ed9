import { describe, expect, it } from 'vitest';
import { estimateAbility } from './estimate';
import {
	DEFAULT_LEVEL_CUTS,
	levelFor,
	provisionalParams,
	skillScores,
	type SkillResponse
} from './scoring';
import type { Skill } from './bank';

describe('levelFor', () => {
	it.each([
		[-3.5, 1],
		[-2.0001, 1],
		[-2, 2],
		[-1.5, 2],
		[-1, 3],
		[-0.0001, 3],
		[0, 4],
		[0.999, 4],
		[1, 5],
		[1.9999, 5],
		[2, 6],
		[4, 6]
	])('θ = %s → level %s with the default cuts', (theta, level) => {
		expect(levelFor(theta, DEFAULT_LEVEL_CUTS)).toBe(level);
	});

	it('works with any ascending cuts and rejects bad input', () => {
		expect(levelFor(0.3, [-1.2, -0.4, 0.2, 0.9, 1.7])).toBe(4);
		expect(() => levelFor(0, [0, -1, 1, 2, 3])).toThrow(RangeError);
		expect(() => levelFor(0, [-2, -1, -1, 1, 2])).toThrow(RangeError);
		expect(() => levelFor(Number.NaN, DEFAULT_LEVEL_CUTS)).toThrow(RangeError);
	});

	it('exports the default cuts one logit apart', () => {
		expect(DEFAULT_LEVEL_CUTS).toEqual([-2, -1, 0, 1, 2]);
	});
});

describe('provisionalParams', () => {
	it('puts b at the middle of the intended level band with a = 1', () => {
		expect([1, 2, 3, 4, 5, 6].map((level) => provisionalParams(level))).toEqual(
			[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5].map((b) => ({ a: 1, b }))
		);
		for (let level = 1; level <= 6; level++) {
			expect(levelFor(provisionalParams(level).b, DEFAULT_LEVEL_CUTS)).toBe(level);
		}
	});

	it('rejects levels outside 1–6', () => {
		expect(() => provisionalParams(0)).toThrow(RangeError);
		expect(() => provisionalParams(7)).toThrow(RangeError);
		expect(() => provisionalParams(2.5)).toThrow(RangeError);
	});
});

describe('skillScores', () => {
	const item = (skill: Skill, b: number) => ({ a: 1.4, b, skill });
	// Strong reader (12 items, all right), one listening item answered wrong.
	const responses: SkillResponse[] = [
		...Array.from({ length: 12 }, (_, j) => ({
			item: item('reading', -1 + j * 0.2),
			correct: true
		})),
		...Array.from({ length: 6 }, (_, j) => ({
			item: item('vocabulary_grammar', -0.5 + j * 0.2),
			correct: j < 3
		})),
		{ item: item('listening', 0), correct: false }
	];

	it('is the EAP of each skill’s items under N(overall θ, priorSd²), with the level', () => {
		const overall = estimateAbility(responses).theta;
		const scores = skillScores(responses);
		expect(scores.map((s) => s.skill)).toEqual(['listening', 'reading', 'vocabulary_grammar']);
		for (const score of scores) {
			const own = responses.filter((r) => r.item.skill === score.skill);
			const expected = estimateAbility(own, { priorMean: overall, priorSd: 1 });
			expect(score.theta).toBeCloseTo(expected.theta, 12);
			expect(score.se).toBeCloseTo(expected.se, 12);
			expect(score.items).toBe(own.length);
			expect(score.level).toBe(levelFor(score.theta, DEFAULT_LEVEL_CUTS));
		}
	});

	it('shrinks a skill seen through one item towards the overall θ, not one seen through twelve', () => {
		const overall = estimateAbility(responses).theta;
		const scores = Object.fromEntries(skillScores(responses).map((s) => [s.skill, s]));
		const alone = estimateAbility([responses[responses.length - 1]]).theta; // one wrong answer, N(0,1) prior
		expect(Math.abs(scores.listening.theta - overall)).toBeLessThan(Math.abs(alone - overall));
		expect(scores.listening.se).toBeGreaterThan(scores.reading.se);
		expect(scores.reading.theta).toBeGreaterThan(overall + 0.5);
		const tighter = Object.fromEntries(
			skillScores(responses, { priorSd: 0.5 }).map((s) => [s.skill, s])
		);
		expect(Math.abs(tighter.listening.theta - overall)).toBeLessThan(
			Math.abs(scores.listening.theta - overall)
		);
	});

	it('uses a given overall θ and custom cuts', () => {
		const scores = skillScores(responses, { overall: 1, cuts: [-3, -2, -1, 0, 5] });
		const reading = scores.find((s) => s.skill === 'reading');
		expect(reading?.theta).toBeCloseTo(
			estimateAbility(responses.slice(0, 12), { priorMean: 1, priorSd: 1 }).theta,
			12
		);
		expect(reading?.level).toBe(5);
		expect(skillScores([])).toEqual([]);
	});
});
