import { and, asc, count, eq, inArray, lte } from 'drizzle-orm';
import { gradeTyped } from '$lib/course/grade';
import type { Gloss } from '$lib/course/types';
import { newCard, review, type SrsCard, type SrsGrade } from '$lib/srs';
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

export type CardReview = {
	reviewId: string;
	grade: SrsGrade;
	mode: 'recall' | 'type';
	/** When the learner reviewed (on the phone, perhaps offline for days). */
	reviewedAt: Date;
};

/**
 * Applies one review to the learner's own card and logs it. Idempotent by the client's review id:
 * the same review submitted twice moves the card once (`applied: false`).
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
): Promise<{ applied: boolean; card: SrsCard }> {
	const { courseId, vocabularyId, ...one } = input;
	const result = await recordCardReviews(db, userId, { courseId, vocabularyId }, [
		{ ...one, reviewedAt: one.reviewedAt ?? now }
	]);
	if (result.taken.length > 0) throw new NotAllowed('review id taken');
	return { applied: result.applied.length > 0, card: result.card };
}

/** Who already holds each of these review ids (client ids: a review is applied once, by its owner). */
async function reviewOwners(db: Pick<DB, 'select'>, ids: string[]): Promise<Map<string, string>> {
	const known = await db
		.select({ id: reviewLog.id, userId: reviewLog.userId })
		.from(reviewLog)
		.where(inArray(reviewLog.id, ids));
	return new Map(known.map((k) => [k.id, k.userId]));
}

/**
 * Applies reviews of one of the learner's own cards (NotAllowed if it is not theirs) in one go, each
 * once by its client id: `applied` were new, `duplicate` had been applied before, `taken` are ids
 * another person's review holds (refused).
 *
 * Reviews of one card made on two devices offline merge by review time: reviews newer than the
 * card's last one are applied to it in time order; when one is older, the card is rebuilt by
 * replaying every logged review of it in review-time order (ties by id) from a new card. FSRS is
 * order-dependent and fuzz is off, so the replay is exact and both orders of arrival give one card.
 * The card's row is locked (FOR UPDATE) so two batches for the same card apply one after the other.
 */
export async function recordCardReviews(
	db: DB,
	userId: string,
	target: { courseId: string; vocabularyId: string },
	reviews: readonly CardReview[]
): Promise<{ applied: string[]; duplicate: string[]; taken: string[]; card: SrsCard }> {
	return db.transaction(async (tx) => {
		const cardOf = and(
			eq(reviewCard.userId, userId),
			eq(reviewCard.courseId, target.courseId),
			eq(reviewCard.vocabularyId, target.vocabularyId)
		);
		const [row] = await tx.select().from(reviewCard).where(cardOf).for('update');
		if (!row) throw new NotAllowed('no such card');
		let card: SrsCard = {
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
		const owner = await reviewOwners(
			tx,
			reviews.map((r) => r.reviewId)
		);
		const seen = new Set<string>();
		const fresh = reviews
			.filter((r) => !owner.has(r.reviewId) && !seen.has(r.reviewId) && seen.add(r.reviewId))
			.sort(byTime);
		const duplicate = reviews
			.filter((r) => owner.get(r.reviewId) === userId)
			.map((r) => r.reviewId);
		const taken = reviews
			.filter((r) => owner.has(r.reviewId) && owner.get(r.reviewId) !== userId)
			.map((r) => r.reviewId);
		if (fresh.length === 0) return { applied: [], duplicate, taken, card };

		const inOrder = !card.lastReview || card.lastReview.getTime() <= fresh[0].reviewedAt.getTime();
		const logs = [];
		if (inOrder) {
			for (const r of fresh) {
				logs.push(logRow(userId, target, r, card));
				card = review(card, r.grade, r.reviewedAt).card;
			}
		} else {
			for (const r of fresh) logs.push(logRow(userId, target, r, card));
			card = await replay(tx, userId, target, row.createdAt, fresh);
		}
		const inserted = await tx
			.insert(reviewLog)
			.values(logs)
			.onConflictDoNothing()
			.returning({ id: reviewLog.id });
		// An id taken between the look-up and the insert (another person's, at the same moment): undo, so
		// the phone sends it again and gets a clear answer.
		if (inserted.length !== logs.length) throw new Error('review id taken concurrently');
		await tx.update(reviewCard).set(card).where(cardOf);
		return { applied: fresh.map((r) => r.reviewId), duplicate, taken, card };
	});
}

/** Review-time order, ties by id: the order in which a card's reviews are applied. */
export const byTime = (
	a: Pick<CardReview, 'reviewId' | 'reviewedAt'>,
	b: Pick<CardReview, 'reviewId' | 'reviewedAt'>
) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || (a.reviewId < b.reviewId ? -1 : 1);

/** A review log row: the grade and the card's state before it (ts-fsrs ReviewLog). */
export function logRow(
	userId: string,
	target: { courseId: string; vocabularyId: string },
	r: CardReview,
	before: SrsCard
) {
	return {
		id: r.reviewId,
		userId,
		courseId: target.courseId,
		vocabularyId: target.vocabularyId,
		rating: r.grade,
		mode: r.mode,
		state: before.state,
		due: before.due,
		stability: before.stability,
		difficulty: before.difficulty,
		scheduledDays: before.scheduledDays,
		reviewedAt: r.reviewedAt
	};
}

/**
 * The card rebuilt from its logged reviews and `fresh` ones, in review-time order (ties by id), from a
 * new card made when the card was (or at the first review, if that is earlier).
 */
async function replay(
	db: DB,
	userId: string,
	target: { courseId: string; vocabularyId: string },
	createdAt: Date,
	fresh: readonly CardReview[]
): Promise<SrsCard> {
	const logged = await db
		.select({ reviewId: reviewLog.id, grade: reviewLog.rating, reviewedAt: reviewLog.reviewedAt })
		.from(reviewLog)
		.where(
			and(
				eq(reviewLog.userId, userId),
				eq(reviewLog.courseId, target.courseId),
				eq(reviewLog.vocabularyId, target.vocabularyId)
			)
		);
	return replayed(
		createdAt,
		logged.map((l) => ({ ...l, grade: l.grade as SrsGrade })),
		fresh
	);
}

/**
 * A card rebuilt from its logged reviews and `fresh` ones, in review-time order (ties by id), from a
 * new card made when the card was (or at the first review, if that is earlier). FSRS is
 * order-dependent and fuzz is off, so the replay is exact.
 */
export function replayed(
	createdAt: Date,
	logged: readonly Pick<CardReview, 'reviewId' | 'grade' | 'reviewedAt'>[],
	fresh: readonly CardReview[]
): SrsCard {
	const all = [...logged, ...fresh].sort(byTime);
	const first = all[0]?.reviewedAt;
	let card = newCard(first && first < createdAt ? first : createdAt);
	for (const r of all) card = review(card, r.grade, r.reviewedAt).card;
	return card;
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
