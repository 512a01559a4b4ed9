import type { ExerciseResult } from '$lib/course/grade';
import { firstTryScore, nextQueue, type FirstTryScore } from '$lib/course/progress';
import type { Exercise } from '$lib/course/types';
import { newClientId, type PlayedAnswer } from './attempt';

/**
 * A play-through as plain data, for a later offline store to keep and give back (`snapshot()`, `restore()`);
 * speak recordings are Blobs, which IndexedDB stores as they are.
 */
export type PlayThroughSnapshot = {
	/** One id per play-through, reused by every retry of the upload (a repeated post is harmless). */
	attemptId: string;
	/** Exercise ids still to play: the first is the current one; a missed one goes back to the end. */
	queue: string[];
	/** Every answer given, in order. */
	answers: PlayedAnswer[];
	/** Time spent answering so far (absent in play-throughs kept before it was measured). */
	activeMs?: number;
	/** When the snapshot was taken (ms): Today continues the lesson played last (`$lib/learning/continue`). */
	savedAt?: number;
};

/** A longer pause between two answers is time away from the lesson: it counts this much at most. */
export const MAX_ANSWER_GAP_MS = 120_000;

/**
 * One play-through of a lesson: the current exercise, the answers given, the missed exercises coming back at
 * the end (the rules are `nextQueue` and `firstTryScore` in `$lib/course/progress`), the score, and whether it
 * is finished. Another lesson is another play-through.
 */
export class LessonPlayThrough {
	readonly attemptId: string;
	readonly total: number;
	readonly #exercises: readonly Exercise[];
	queue = $state.raw<string[]>([]);
	answers = $state.raw<PlayedAnswer[]>([]);

	readonly current: Exercise | undefined;
	readonly finished: boolean;
	/** Exercises no longer waiting to be played (a missed one waits again until it is right or out of retries). */
	readonly done: number;
	readonly score: FirstTryScore;
	/** Time spent answering: the gaps between answers (from the start), each at most MAX_ANSWER_GAP_MS. */
	activeMs: number;
	#lastActivity = Date.now();

	constructor(exercises: readonly Exercise[], snapshot?: PlayThroughSnapshot) {
		this.#exercises = exercises;
		this.total = exercises.length;
		this.attemptId = snapshot?.attemptId ?? newClientId();
		const ids = exercises.map((exercise) => exercise.id);
		// A stored play-through of a lesson edited since keeps only the exercises still in it.
		this.queue = snapshot ? snapshot.queue.filter((id) => ids.includes(id)) : ids;
		this.answers = snapshot ? [...snapshot.answers] : [];
		this.activeMs = snapshot?.activeMs ?? 0;
		this.current = $derived(this.#exercises.find((exercise) => exercise.id === this.queue[0]));
		this.finished = $derived(this.queue.length === 0);
		this.done = $derived(ids.filter((id) => !this.queue.includes(id)).length);
		this.score = $derived(
			firstTryScore(
				this.answers.map((answer, position) => ({
					...answer,
					skipped: answer.verdict === 'skipped',
					position
				}))
			)
		);
	}

	/** True when the exercise was answered wrong or almost before: it says so when it comes back. */
	missed(exerciseId: string): boolean {
		return this.answers.some(
			(answer) =>
				answer.exerciseId === exerciseId && !answer.correct && answer.verdict !== 'skipped'
		);
	}

	/** Whole seconds spent answering, as sent with the finished lesson. */
	get activeSeconds(): number {
		return Math.round(this.activeMs / 1000);
	}

	/** Picks a stored play-through up where it was left. */
	static restore(exercises: readonly Exercise[], snapshot: PlayThroughSnapshot): LessonPlayThrough {
		return new LessonPlayThrough(exercises, snapshot);
	}

	/** Records the learner's answer to the current exercise and moves on. */
	answer(result: ExerciseResult, now = Date.now()) {
		this.activeMs += Math.min(Math.max(now - this.#lastActivity, 0), MAX_ANSWER_GAP_MS);
		this.#lastActivity = now;
		this.answers = [...this.answers, { ...result, id: newClientId() }];
		const tries = this.answers.filter((a) => a.exerciseId === result.exerciseId).length;
		const settled = result.correct || result.verdict === 'skipped';
		this.queue = nextQueue(this.queue, settled, { [result.exerciseId]: tries });
	}

	snapshot(): PlayThroughSnapshot {
		return {
			attemptId: this.attemptId,
			queue: [...this.queue],
			answers: [...this.answers],
			activeMs: this.activeMs,
			savedAt: Date.now()
		};
	}
}
