import { and, asc, count, eq, inArray, lte } from 'drizzle-orm';
import { gradeTyped } from '$lib/course/grade';
import type { Gloss } from '$lib/course/types';
import type { SrsCard, SrsGrade } from '$lib/srs';
import type { DB } from '$lib/server/db/client';
import { course, lesson, reviewCard } from '$lib/server/db/schema';
import { NotAllowed } from './errors';
import { recordReviews } from './review-batch';

export type DueCard = {
	courseId: string;
	vocabularyId: string;
	term: string;
	meaning: Gloss;
	romanization?: string;
	targetLanguage: 'vi' | 'lo';
	interfaceLanguage: 'vi' | 'lo';
	reps: number;
	/** The card's FSRS state: the phone schedules reviews itself while offline. */
	card: SrsCard;
};

/** How many of the learner's cards are due now, across courses. */
export async function dueCount(db: DB, userId: string, now = new Date()): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(reviewCard)
		.where(and(eq(reviewCard.userId, userId), lte(reviewCard.due, now)));
	return Number(row?.n ?? 0);
}

/** The learner's due cards, most overdue first, with their term and meaning from the lessons. */
export async function dueCards(
	db: DB,
	userId: string,
	now = new Date(),
	limit = 20
): Promise<DueCard[]> {
	const cards = await db
		.select({
			courseId: reviewCard.courseId,
			vocabularyId: reviewCard.vocabularyId,
			lessonId: reviewCard.lessonId,
			reps: reviewCard.reps,
			due: reviewCard.due,
			stability: reviewCard.stability,
			difficulty: reviewCard.difficulty,
			scheduledDays: reviewCard.scheduledDays,
			learningSteps: reviewCard.learningSteps,
			lapses: reviewCard.lapses,
			state: reviewCard.state,
			lastReview: reviewCard.lastReview,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage
		})
		.from(reviewCard)
		.innerJoin(course, eq(reviewCard.courseId, course.id))
		.where(and(eq(reviewCard.userId, userId), lte(reviewCard.due, now)))
		.orderBy(asc(reviewCard.due), asc(reviewCard.vocabularyId))
		.limit(limit);
	if (cards.length === 0) return [];
	const lessons = await db
		.select({ id: lesson.id, vocabulary: lesson.vocabulary })
		.from(lesson)
		.where(
			inArray(
				lesson.id,
				cards.map((c) => c.lessonId)
			)
		);
	const entries = new Map(lessons.flatMap((l) => l.vocabulary.map((v) => [v.id, v] as const)));
	return cards.flatMap((c) => {
		const entry = entries.get(c.vocabularyId);
		if (!entry) return [];
		return [
			{
				courseId: c.courseId,
				vocabularyId: c.vocabularyId,
				term: entry.term,
				meaning: entry.meaning,
				...(entry.romanization ? { romanization: entry.romanization } : {}),
				targetLanguage: c.targetLanguage,
				interfaceLanguage: c.interfaceLanguage,
				reps: c.reps,
				card: {
					due: c.due,
					stability: c.stability,
					difficulty: c.difficulty,
					scheduledDays: c.scheduledDays,
					learningSteps: c.learningSteps,
					reps: c.reps,
					lapses: c.lapses,
					state: c.state,
					lastReview: c.lastReview
				}
			}
		];
	});
}

/** Grades a typed term like the lessons do: tone or other diacritic slips are "almost". */
export function gradeTypedTerm(
	language: 'vi' | 'lo',
	term: string,
	answer: string
): 'correct' | 'almost' | 'wrong' {
	return gradeTyped([term], answer, language).verdict;
}

/**
 * Applies one review to the learner's own card and logs it (NotAllowed when the card is not theirs or
 * the id is another person's). Idempotent by the client's review id: the same review submitted twice
 * moves the card once (`applied: false`). The same rules as a synced batch, by the same code
 * (review-batch.ts): reviews of a card made on two devices merge by review time.
 */
export async function recordReview(
	db: DB,
	userId: string,
	input: {
		reviewId: string;
		courseId: string;
		vocabularyId: string;
		grade: SrsGrade;
		mode: 'recall' | 'type';
		reviewedAt?: Date;
	},
	now = new Date()
): Promise<{ applied: boolean }> {
	const outcomes = await recordReviews(db, userId, [
		{ ...input, reviewedAt: input.reviewedAt ?? now }
	]);
	if (outcomes.missing.length > 0) throw new NotAllowed('no such card');
	if (outcomes.taken.length > 0) throw new NotAllowed('review id taken');
	return { applied: outcomes.applied.length > 0 };
}

/** The term of one of the learner's own cards and its language (NotAllowed if not theirs). */
export async function ownCardTerm(
	db: DB,
	userId: string,
	courseId: string,
	vocabularyId: string
): Promise<{ term: string; targetLanguage: 'vi' | 'lo' }> {
	const [row] = await db
		.select({ vocabulary: lesson.vocabulary, targetLanguage: course.targetLanguage })
		.from(reviewCard)
		.innerJoin(lesson, eq(reviewCard.lessonId, lesson.id))
		.innerJoin(course, eq(reviewCard.courseId, course.id))
		.where(
			and(
				eq(reviewCard.userId, userId),
				eq(reviewCard.courseId, courseId),
				eq(reviewCard.vocabularyId, vocabularyId)
			)
		);
	const entry = row?.vocabulary.find((v) => v.id === vocabularyId);
	if (!row || !entry) throw new NotAllowed('no such card');
	return { term: entry.term, targetLanguage: row.targetLanguage };
}
