import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import type { Gloss } from '$lib/course/types';
import { glossText } from '$lib/course/gloss';
import { LESSON_SPEAKING_RUBRIC } from '$lib/course/speaking-rubric';
import { course, courseUnit, lesson, lessonAnswer, lessonAttempt } from '$lib/server/db/schema';
import { registerRatingHook, type RatedTask } from '$lib/server/rating/hooks';
import { ratingsOfAnswers } from '$lib/server/rating/service';

/**
 * Lesson speaking answers in the instructors' rating queue (source "lesson", sourceId = the lesson
 * answer's id): the task the rater sees, and the ratings the learner reads back.
 */

/** The speak exercise an answer was given to, with its lesson, unit level and course. */
async function spokenAnswer(db: DB, answerId: string) {
	const [row] = await db
		.select({
			exerciseId: lessonAnswer.exerciseId,
			recordingId: lessonAnswer.recordingId,
			exercises: lesson.exercises,
			lessonTitle: lesson.title,
			level: courseUnit.level,
			interfaceLanguage: course.interfaceLanguage
		})
		.from(lessonAnswer)
		.innerJoin(lessonAttempt, eq(lessonAnswer.attemptId, lessonAttempt.id))
		.innerJoin(lesson, eq(lessonAttempt.lessonId, lesson.id))
		.innerJoin(courseUnit, eq(lesson.unitId, courseUnit.id))
		.innerJoin(course, eq(lesson.courseId, course.id))
		.where(eq(lessonAnswer.id, answerId));
	if (!row) return null;
	const exercise = row.exercises.find((e) => e.id === row.exerciseId);
	return exercise?.kind === 'speak' ? { ...row, exercise } : null;
}

/**
 * The task of a lesson answer for its rater: the sentence to say (and its meaning, in Vietnamese
 * when the course has it: the raters are the school's instructors), the level of the lesson's unit,
 * and the lesson speaking rubric.
 */
export async function lessonAnswerTask(db: DB, answerId: string): Promise<RatedTask | null> {
	const answer = await spokenAnswer(db, answerId);
	if (!answer) return null;
	return {
		level: answer.level,
		prompt: answer.exercise.text,
		promptGloss: glossText(answer.exercise.meaning, 'vi', answer.interfaceLanguage) || null,
		rubric: LESSON_SPEAKING_RUBRIC
	};
}

/** Lesson answers need no lock and no follow-up: a rating is read back when the learner looks. */
export function registerLessonRatings(): void {
	registerRatingHook('lesson', {
		lock: async () => {},
		afterRating: async () => {},
		task: lessonAnswerTask
	});
}

export type SpeakingRating = {
	answerId: string;
	lessonTitle: Gloss;
	interfaceLanguage: 'vi' | 'lo';
	text: string;
	recordingId: string | null;
	status: 'pending' | 'rated';
	level: number | null;
	comment: string | null;
	ratedAt: Date | null;
};

/** The learner's latest recorded speak answers sent for rating, with the rating when it came. */
export async function speakingRatingsOf(db: DB, userId: string, limit = 20) {
	const answers = await db
		.select({
			id: lessonAnswer.id,
			exerciseId: lessonAnswer.exerciseId,
			recordingId: lessonAnswer.recordingId,
			exercises: lesson.exercises,
			lessonTitle: lesson.title,
			interfaceLanguage: course.interfaceLanguage
		})
		.from(lessonAnswer)
		.innerJoin(lessonAttempt, eq(lessonAnswer.attemptId, lessonAttempt.id))
		.innerJoin(lesson, eq(lessonAttempt.lessonId, lesson.id))
		.innerJoin(course, eq(lesson.courseId, course.id))
		.where(and(eq(lessonAttempt.userId, userId), isNotNull(lessonAnswer.recordingId)))
		.orderBy(desc(lessonAttempt.finishedAt), desc(lessonAnswer.position))
		.limit(limit);
	const ratings = new Map(
		(
			await ratingsOfAnswers(
				db,
				'lesson',
				answers.map((a) => a.id)
			)
		).map((r) => [r.sourceId, r])
	);
	const result: SpeakingRating[] = [];
	for (const a of answers) {
		const rating = ratings.get(a.id);
		const exercise = a.exercises.find((e) => e.id === a.exerciseId);
		if (!rating || exercise?.kind !== 'speak') continue;
		result.push({
			answerId: a.id,
			lessonTitle: a.lessonTitle,
			interfaceLanguage: a.interfaceLanguage,
			text: exercise.text,
			recordingId: a.recordingId,
			status: rating.status,
			level: rating.level,
			comment: rating.comment,
			ratedAt: rating.ratedAt
		});
	}
	return result;
}
