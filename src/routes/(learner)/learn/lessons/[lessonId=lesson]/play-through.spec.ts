import { describe, expect, it } from 'vitest';
import type { ExerciseResult } from '$lib/course/grade';
import { MAX_RETRIES } from '$lib/course/progress';
import type { Exercise } from '$lib/course/types';
import { LessonPlayThrough, MAX_ANSWER_GAP_MS } from './play-through.svelte';

const choice = (id: string): Exercise => ({
	kind: 'choice',
	id,
	skill: 'reading',
	prompt: id,
	options: [{ text: 'a' }, { text: 'b' }],
	answer: 0
});
const lesson = [choice('a'), choice('b'), choice('c')];
const result = (exerciseId: string, correct: boolean): ExerciseResult => ({
	exerciseId,
	kind: 'choice',
	skill: 'reading',
	correct,
	verdict: correct ? 'correct' : 'wrong',
	response: { choice: correct ? 0 : 1 }
});

describe('LessonPlayThrough', () => {
	it('plays the exercises in order and brings a missed one back at the end', () => {
		const play = new LessonPlayThrough(lesson);
		expect(play.current?.id).toBe('a');
		play.answer(result('a', false));
		expect(play.queue).toEqual(['b', 'c', 'a']);
		expect(play.missed('a')).toBe(true);
		expect(play.done).toBe(0);
		play.answer(result('b', true));
		play.answer(result('c', true));
		expect(play.done).toBe(2);
		expect(play.current?.id).toBe('a');
		play.answer(result('a', true));
		expect(play.finished).toBe(true);
		expect(play.current).toBeUndefined();
		expect(play.answers.map((a) => a.exerciseId)).toEqual(['a', 'b', 'c', 'a']);
		expect(new Set(play.answers.map((a) => a.id)).size).toBe(4);
	});

	it('lets a skipped speaking exercise go without bringing it back or counting it', () => {
		const speak: Exercise = {
			kind: 'speak',
			id: 's',
			skill: 'speaking',
			text: 'Xin chào',
			meaning: { lo: 'ສະບາຍດີ' }
		};
		const play = new LessonPlayThrough([speak, choice('a')]);
		play.answer({
			exerciseId: 's',
			kind: 'speak',
			skill: 'speaking',
			correct: false,
			verdict: 'skipped',
			response: { selfCheck: 'skipped', recorded: false }
		});
		expect(play.queue).toEqual(['a']);
		expect(play.missed('s')).toBe(false);
		play.answer(result('a', true));
		expect(play.finished).toBe(true);
		expect(play.score).toEqual({
			correctFirstTry: 1,
			total: 1,
			skills: { reading: { correct: 1, total: 1 } }
		});
	});

	it('scores first tries only', () => {
		const play = new LessonPlayThrough(lesson);
		for (const [id, correct] of [
			['a', false],
			['b', true],
			['c', true],
			['a', true]
		] as const)
			play.answer(result(id, correct));
		expect(play.score).toMatchObject({ correctFirstTry: 2, total: 3 });
	});

	it('lets a missed exercise go after its retries', () => {
		const play = new LessonPlayThrough([choice('a')]);
		for (let i = 0; i <= MAX_RETRIES; i++) {
			expect(play.finished).toBe(false);
			play.answer(result('a', false));
		}
		expect(play.finished).toBe(true);
		expect(play.answers).toHaveLength(MAX_RETRIES + 1);
	});

	it('gives back what a snapshot kept, as plain data, with the same attempt id', () => {
		const play = new LessonPlayThrough(lesson);
		play.answer(result('a', false));
		const snapshot = play.snapshot();
		expect(structuredClone(snapshot)).toEqual(snapshot);
		const again = LessonPlayThrough.restore(lesson, snapshot);
		expect(again.attemptId).toBe(play.attemptId);
		expect(again.current?.id).toBe('b');
		expect(again.missed('a')).toBe(true);
		again.answer(result('b', true));
		expect(play.queue).toEqual(['b', 'c', 'a']);
	});

	it('drops exercises the lesson no longer has when restoring', () => {
		const play = new LessonPlayThrough(lesson);
		const again = LessonPlayThrough.restore([choice('a'), choice('c')], play.snapshot());
		expect(again.queue).toEqual(['a', 'c']);
		expect(again.total).toBe(2);
	});

	it('measures the time spent answering, a long pause counting two minutes at most', () => {
		const start = Date.now();
		const play = new LessonPlayThrough(lesson);
		play.answer(result('a', true), start + 20_000);
		play.answer(result('b', true), start + 20_000 + 60 * 60_000);
		expect(play.activeMs).toBeGreaterThanOrEqual(20_000 + MAX_ANSWER_GAP_MS - 1000);
		expect(play.activeMs).toBeLessThanOrEqual(20_000 + MAX_ANSWER_GAP_MS);
		// A kept play-through keeps the time measured so far.
		const again = LessonPlayThrough.restore(lesson, play.snapshot());
		expect(again.activeMs).toBe(play.activeMs);
		expect(again.activeSeconds).toBe(Math.round(play.activeMs / 1000));
	});
});
