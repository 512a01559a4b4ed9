import { gradeExercise } from '$lib/course/grade';
import { startUnitIndex } from '$lib/course/progress';
import type { Exercise } from '$lib/course/types';
import type { DB } from '$lib/server/db/client';
import { submitAttempt } from '$lib/server/learning/attempts';
import {
	courseHead,
	courseOutline,
	lessonForLearner,
	placementLevel
} from '$lib/server/learning/courses';
import { dueCards } from '$lib/server/learning/review';
import { recordReviews } from '$lib/server/learning/review-batch';
import type { Dice } from './demo-random';
import type { StudyHabit } from './demo-people';

/**
 * A demo learner's study, sent through the same functions the lesson player and the review page
 * post to (graded again on the server, cards scheduled by FSRS): lessons in the order the course
 * map gives them from the learner's placement level on, and the reviews that fall due.
 */

/** The lessons a learner meets in order: from the unit of their placement level on, then the rest. */
export async function lessonQueue(db: DB, userId: string, courseId: string): Promise<string[]> {
	const units = await courseOutline(db, courseId);
	const head = await courseHead(db, courseId);
	const level = head ? await placementLevel(db, userId, head.targetLanguage) : null;
	const start = level === null ? 0 : startUnitIndex(units, level);
	return [...units.slice(start), ...units.slice(0, start)].flatMap((u) =>
		u.lessons.map((l) => l.id)
	);
}

/** The lessons' exercises, read once for the whole class (the learner must be enrolled). */
export class LessonCache {
	private readonly found = new Map<string, { language: 'vi' | 'lo'; exercises: Exercise[] }>();

	async get(db: DB, userId: string, lessonId: string) {
		let lesson = this.found.get(lessonId);
		if (!lesson) {
			const found = await lessonForLearner(db, userId, lessonId);
			if (!found) throw new Error(`demo lesson ${lessonId} not found`);
			lesson = { language: found.course.targetLanguage, exercises: found.lesson.exercises };
			this.found.set(lessonId, lesson);
		}
		return lesson;
	}
}

/**
 * One sitting at `at`: the due reviews first (up to `habit.reviews`), then `habit.lessons` lessons
 * from `queue` (taken off it). Returns when the sitting ended.
 */
export async function studySitting(
	db: DB,
	userId: string,
	lessons: LessonCache,
	queue: string[],
	habit: StudyHabit,
	dice: Dice,
	at: Date
): Promise<Date> {
	let clock = at.getTime();
	const due = await dueCards(db, userId, at, habit.reviews);
	const reviews = due.map((card) => {
		clock += dice.between(6, 25) * 1000;
		const remembered = dice.chance(habit.accuracy);
		return {
			reviewId: crypto.randomUUID(),
			courseId: card.courseId,
			vocabularyId: card.vocabularyId,
			grade: remembered ? (dice.chance(0.25) ? 4 : 3) : dice.chance(0.3) ? 2 : 1,
			mode: dice.chance(0.3) ? 'type' : 'recall',
			reviewedAt: new Date(clock)
		} as const;
	});
	await recordReviews(db, userId, reviews);
	for (let n = 0; n < habit.lessons && queue.length > 0; n++) {
		const lessonId = queue.shift()!;
		const { language, exercises } = await lessons.get(db, userId, lessonId);
		const activeSeconds = exercises.reduce((s) => s + dice.between(18, 45), 0);
		clock += dice.between(30, 120) * 1000 + activeSeconds * 1000;
		const id = crypto.randomUUID();
		const finishedAt = new Date(clock);
		await submitAttempt(
			db,
			userId,
			{
				id,
				lessonId,
				finishedAt,
				activeSeconds,
				answers: exercises.map((e, i) => ({
					id: `${id}-${i}`,
					exerciseId: e.id,
					response: dice.chance(habit.accuracy) ? rightResponse(e, language) : wrongResponse(e)
				}))
			},
			finishedAt
		);
	}
	return new Date(clock);
}

/** What the lesson player posts for a right answer (a speaking exercise: said well, no recording). */
function rightResponse(e: Exercise, language: 'vi' | 'lo'): unknown {
	switch (e.kind) {
		case 'choice':
		case 'listen_choose':
			return { choice: e.answer };
		case 'listen_type':
		case 'translate':
		case 'fill_gap':
			return { text: e.answers[0] };
		case 'build_sentence': {
			const tiles = tilesFor(e.tiles, e.answers[0], language);
			const response = { tiles };
			// A sentence the tiles cannot spell exactly (punctuation, say) stays a wrong answer.
			return gradeExercise(e, response, language).correct ? response : wrongResponse(e);
		}
		case 'match_pairs':
			return { pairs: e.pairs.map((_, i) => i), mistakes: 0 };
		case 'reading':
			return { choices: e.questions.map((q) => q.answer) };
		case 'speak':
			return { selfCheck: 'well', recorded: false };
	}
}

/** A plausible mistake of each kind (a speaking exercise put off for later). */
function wrongResponse(e: Exercise): unknown {
	switch (e.kind) {
		case 'choice':
		case 'listen_choose':
			return { choice: (e.answer + 1) % e.options.length };
		case 'listen_type':
		case 'translate':
		case 'fill_gap':
			return { text: e.answers[0].split(/\s+/).slice(0, -1).join(' ') || '?' };
		case 'build_sentence':
			return { tiles: e.tiles.map((_, i) => i).reverse() };
		case 'match_pairs':
			return {
				pairs: e.pairs.map((_, i) => (i < 2 && e.pairs.length > 1 ? 1 - i : i)),
				mistakes: 2
			};
		case 'reading':
			return { choices: e.questions.map(() => -1) };
		case 'speak':
			return { selfCheck: 'skipped', recorded: false };
	}
}

/** The tiles in the order that spells `answer` (Lao is written without spaces between words). */
function tilesFor(tiles: readonly string[], answer: string, language: 'vi' | 'lo'): number[] {
	const norm = (s: string) =>
		s
			.normalize('NFC')
			.toLowerCase()
			.replace(/[.,!?;:…"'“”‘’()]/gu, '')
			.replace(/\s+/g, language === 'lo' ? '' : ' ')
			.trim();
	const parts = tiles.map(norm);
	const used = parts.map(() => false);
	const order: number[] = [];
	const search = (rest: string): boolean => {
		if (rest === '') return true;
		for (let i = 0; i < parts.length; i++) {
			if (used[i] || !parts[i] || !rest.startsWith(parts[i])) continue;
			used[i] = true;
			order.push(i);
			if (search(rest.slice(parts[i].length).trimStart())) return true;
			used[i] = false;
			order.pop();
		}
		return false;
	};
	return search(norm(answer)) ? order : [];
}
