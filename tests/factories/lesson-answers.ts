import type { Exercise } from '$lib/course/types';
import type { AttemptSubmission } from '$lib/server/learning/attempts';
import { tileOrder } from '../e2e/learner/course-file';

/** What the lesson player posts for a right answer of each kind (ExerciseResponse). */
export function rightResponse(e: Exercise): unknown {
	switch (e.kind) {
		case 'choice':
		case 'listen_choose':
			return { choice: e.answer };
		case 'listen_type':
		case 'translate':
		case 'fill_gap':
			return { text: e.answers[0] };
		case 'build_sentence':
			return { tiles: tileOrder(e, false) };
		case 'match_pairs':
			return { pairs: e.pairs.map((_, i) => i), mistakes: 0 };
		case 'reading':
			return { choices: e.questions.map((q) => q.answer) };
		case 'speak':
			return { selfCheck: 'well', recorded: true };
	}
}

/** A lesson played through with every answer right, the speak ones with a (tiny) recording. */
export function rightAttempt(
	id: string,
	lessonId: string,
	exercises: Exercise[],
	finishedAt = new Date()
): AttemptSubmission {
	return {
		id,
		lessonId,
		finishedAt,
		answers: exercises.map((e, i) => ({
			id: `${id}-a${i}`,
			exerciseId: e.id,
			response: rightResponse(e),
			...(e.kind === 'speak'
				? {
						recording: {
							mimeType: 'audio/webm',
							bytes: new Uint8Array([26, 69, 223, 163, 1, 2, 3]),
							durationMs: 1200
						}
					}
				: {})
		}))
	};
}
