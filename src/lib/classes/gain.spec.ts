import { describe, expect, it } from 'vitest';
import { classGain, formatGain, levelIn } from './gain';

describe('classGain', () => {
	it('averages exit − entry per area over learners with both levels', () => {
		const gain = classGain([
			{
				entry: { overallLevel: 2, skillLevels: { listening: 1, reading: 2, writing: 2 } },
				exit: { overallLevel: 3, skillLevels: { listening: 3, reading: 2 } }
			},
			{
				entry: { overallLevel: 1, skillLevels: { listening: 2 } },
				exit: { overallLevel: 3, skillLevels: { listening: 2, writing: 3 } }
			},
			{ entry: null, exit: { overallLevel: 4, skillLevels: { listening: 4 } } },
			{ entry: { overallLevel: 2, skillLevels: {} }, exit: null }
		]);
		const by = Object.fromEntries(gain.map((g) => [g.area, g]));
		expect(by.overall).toEqual({
			area: 'overall',
			n: 2,
			meanEntry: 1.5,
			meanExit: 3,
			meanGain: 1.5
		});
		expect(by.listening).toEqual({
			area: 'listening',
			n: 2,
			meanEntry: 1.5,
			meanExit: 2.5,
			meanGain: 1
		});
		expect(by.reading.n).toBe(1);
		expect(by.reading.meanGain).toBe(0);
		// Entry writing without exit writing (not rated) and the reverse: nobody has both.
		expect(by.writing).toEqual({
			area: 'writing',
			n: 0,
			meanEntry: null,
			meanExit: null,
			meanGain: null
		});
	});

	it('rounds means to one decimal and handles losses', () => {
		const gain = classGain([
			{ entry: { overallLevel: 3, skillLevels: {} }, exit: { overallLevel: 2, skillLevels: {} } },
			{ entry: { overallLevel: 3, skillLevels: {} }, exit: { overallLevel: 3, skillLevels: {} } },
			{ entry: { overallLevel: 3, skillLevels: {} }, exit: { overallLevel: 3, skillLevels: {} } }
		]);
		expect(gain[0]).toMatchObject({ n: 3, meanEntry: 3, meanExit: 2.7, meanGain: -0.3 });
	});

	it('reads one area of a result', () => {
		expect(levelIn({ overallLevel: 2, skillLevels: { speaking: 4 } }, 'speaking')).toBe(4);
		expect(levelIn({ overallLevel: null, skillLevels: {} }, 'overall')).toBeNull();
		expect(levelIn(null, 'reading')).toBeNull();
	});
});

describe('formatGain', () => {
	it('signs gains with a real minus', () => {
		expect(formatGain(1.5)).toBe('+1.5');
		expect(formatGain(-0.25)).toBe('−0.3');
		expect(formatGain(0)).toBe('0.0');
	});
});
