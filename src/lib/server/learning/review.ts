import { and, asc, count, eq, inArray, lte } from 'drizzle-orm';
import { gradeTyped } from '$lib/course/grade';
import type { Gloss } from '$lib/course/types';
import { review, type SrsCard, type SrsGrade } from '$lib/srs';
import type { DB } from '$lib/server/db/client';
import { course, lesson, reviewCard, reviewLog } from '$lib/server/db/schema';
import { NotAllowed } from './errors';

export type DueCard = {
	courseId: string;
	vocabularyId: string;
	term: string;
	meaning: Gloss;
	romanization?: string;
	targetLanguage: 'vi' | 'lo';
	interfaceLanguage: 'vi' | 'lo';
	reps: number;
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
				reps: c.reps
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
 * Applies one review to the learner's own card and logs it. Idempotent by the client's review id:
 * the same review submitted twice moves the card once.
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
	},
	now = new Date()
): Promise<{ applied: boolean; card: SrsCard }> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(reviewCard)
			.where(
				and(
					eq(reviewCard.userId, userId),
					eq(reviewCard.courseId, input.courseId),
					eq(reviewCard.vocabularyId, input.vocabularyId)
				)
			);
		if (!row) throw new NotAllowed('no such card');
		const card: SrsCard = {
			due: row.due,
			stability: row.stability,
			difficulty: row.difficulty,
			scheduledDays: row.scheduledDays,
			learningSteps: row.learningSteps,
			reps: row.reps,
			lapses: row.lapses,
			state: row.state,
			lastReview: row.lastReview
		};
		const logged = await tx
			.insert(reviewLog)
			.values({
				id: input.reviewId,
				userId,
				courseId: input.courseId,
				vocabularyId: input.vocabularyId,
				rating: input.grade,
				mode: input.mode,
				state: card.state,
				due: card.due,
				stability: card.stability,
				difficulty: card.difficulty,
				scheduledDays: card.scheduledDays,
				reviewedAt: now
			})
			.onConflictDoNothing()
			.returning({ id: reviewLog.id });
		if (logged.length === 0) return { applied: false, card };
		const next = review(card, input.grade, now).card;
		await tx
			.update(reviewCard)
			.set(next)
			.where(
				and(
					eq(reviewCard.userId, userId),
					eq(reviewCard.courseId, input.courseId),
					eq(reviewCard.vocabularyId, input.vocabularyId)
				)
			);
		return { applied: true, card: next };
	});
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
