import { and, asc, count, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import { gradeTyped } from '$lib/course/grade';
import type { Gloss } from '$lib/course/types';
import { newCard, review, type SrsCard, type SrsGrade } from '$lib/srs';
import { rowsOf, type DB } from '$lib/server/db/client';
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
/** A json column as the drivers give it: parsed (PGlite) or as text (postgres.js under drizzle). */
function jsonOf<T>(value: T | string | null): T | null {
	return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

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

const byTime = (a: CardReview, b: CardReview) =>
	a.reviewedAt.getTime() - b.reviewedAt.getTime() || (a.reviewId < b.reviewId ? -1 : 1);

/** A review log row: the grade and the card's state before it (ts-fsrs ReviewLog). */
function logRow(
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
	const all = [
		...logged.map((l) => ({ ...l, grade: l.grade as SrsGrade, mode: 'recall' as const })),
		...fresh
	].sort(byTime);
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

export type LearnerReview = CardReview & { courseId: string; vocabularyId: string };

/**
 * Applies many reviews of the learner (a synced outbox batch) in two statements whatever their number
 * (both of constant text, so each connection prepares them once): one locked read of the cards that also
 * looks the ids up, and one write that inserts the logs and updates the cards. Same rules as
 * `recordCardReviews` (merge by review time, each id once); reviews of a card that is not the learner's
 * are `missing`. Runs in the caller's transaction (the lock lasts until it ends).
 */
export async function recordReviews(
	db: DB,
	userId: string,
	reviews: readonly LearnerReview[]
): Promise<{ applied: string[]; duplicate: string[]; taken: string[]; missing: string[] }> {
	const out = {
		applied: [] as string[],
		duplicate: [] as string[],
		taken: [] as string[],
		missing: [] as string[]
	};
	if (reviews.length === 0) return out;
	const ids = reviews.map((r) => r.reviewId);
	const keyOf = (r: { courseId: string; vocabularyId: string }) =>
		`${r.courseId}\u0000${r.vocabularyId}`;
	const targets = [...new Map(reviews.map((r) => [keyOf(r), r])).values()].map((r) => ({
		course_id: r.courseId,
		vocabulary_id: r.vocabularyId
	}));
	// Lists travel as one JSON parameter each: the statement's text stays the same for any batch.
	const rows = await db
		.select({
			...getTableColumns(reviewCard),
			owners: sql<[string, string][] | null>`(select json_agg(json_build_array(l.id, l.user_id))
				from ${reviewLog} l
				where l.id in (select value from json_array_elements_text(${JSON.stringify(ids)}::json)))`
		})
		.from(reviewCard)
		.where(
			and(
				eq(reviewCard.userId, userId),
				sql`(${reviewCard.courseId}, ${reviewCard.vocabularyId}) in (select course_id, vocabulary_id
					from json_to_recordset(${JSON.stringify(targets)}::json) as k(course_id text, vocabulary_id text))`
			)
		)
		.for('update');
	// No card at all: the ids are looked up on their own (taken by someone else, or never a card of theirs).
	const owner = rows.length ? new Map(jsonOf(rows[0].owners) ?? []) : await reviewOwners(db, ids);
	const cards = new Map(rows.map((row) => [keyOf(row), row]));
	const groups = new Map<string, LearnerReview[]>();
	const seen = new Set<string>();
	for (const r of reviews) {
		if (owner.has(r.reviewId)) {
			(owner.get(r.reviewId) === userId ? out.duplicate : out.taken).push(r.reviewId);
			continue;
		}
		if (seen.has(r.reviewId)) {
			out.duplicate.push(r.reviewId);
			continue;
		}
		seen.add(r.reviewId);
		if (!cards.has(keyOf(r))) {
			out.missing.push(r.reviewId);
			continue;
		}
		groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
	}
	if (groups.size === 0) return out;

	const logs: ReturnType<typeof logRow>[] = [];
	const updates: { courseId: string; vocabularyId: string; card: SrsCard }[] = [];
	for (const [key, group] of groups) {
		const row = cards.get(key)!;
		const fresh = group.sort(byTime);
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
		const target = { courseId: row.courseId, vocabularyId: row.vocabularyId };
		if (!card.lastReview || card.lastReview.getTime() <= fresh[0].reviewedAt.getTime()) {
			for (const r of fresh) {
				logs.push(logRow(userId, target, r, card));
				card = review(card, r.grade, r.reviewedAt).card;
			}
		} else {
			for (const r of fresh) logs.push(logRow(userId, target, r, card));
			card = await replay(db, userId, target, row.createdAt, fresh);
		}
		updates.push({ ...target, card });
		out.applied.push(...fresh.map((r) => r.reviewId));
	}
	const logsJson = JSON.stringify(
		logs.map((l) => ({
			id: l.id,
			course_id: l.courseId,
			vocabulary_id: l.vocabularyId,
			rating: l.rating,
			mode: l.mode,
			state: l.state,
			due: l.due.toISOString(),
			stability: l.stability,
			difficulty: l.difficulty,
			scheduled_days: l.scheduledDays,
			reviewed_at: l.reviewedAt.toISOString()
		}))
	);
	const cardsJson = JSON.stringify(
		updates.map(({ courseId, vocabularyId, card }) => ({
			course_id: courseId,
			vocabulary_id: vocabularyId,
			due: card.due.toISOString(),
			stability: card.stability,
			difficulty: card.difficulty,
			scheduled_days: card.scheduledDays,
			learning_steps: card.learningSteps,
			reps: card.reps,
			lapses: card.lapses,
			state: card.state,
			last_review: card.lastReview?.toISOString() ?? null
		}))
	);
	const [written] = rowsOf<{ inserted: number }>(
		await db.execute(sql`
		with inserted as (
			insert into ${reviewLog} (id, user_id, course_id, vocabulary_id, rating, mode, state, due,
				stability, difficulty, scheduled_days, reviewed_at)
			select r.id, ${userId}, r.course_id, r.vocabulary_id, r.rating, r.mode, r.state, r.due,
				r.stability, r.difficulty, r.scheduled_days, r.reviewed_at
			from json_to_recordset(${logsJson}::json) as r(id text, course_id text, vocabulary_id text,
				rating smallint, mode text, state smallint, due timestamptz, stability float8,
				difficulty float8, scheduled_days int, reviewed_at timestamptz)
			on conflict do nothing
			returning 1
		), updated as (
			update ${reviewCard} as c set
				due = v.due, stability = v.stability, difficulty = v.difficulty,
				scheduled_days = v.scheduled_days, learning_steps = v.learning_steps, reps = v.reps,
				lapses = v.lapses, state = v.state, last_review = v.last_review
			from json_to_recordset(${cardsJson}::json) as v(course_id text, vocabulary_id text,
				due timestamptz, stability float8, difficulty float8, scheduled_days int,
				learning_steps int, reps int, lapses int, state smallint, last_review timestamptz)
			where c.user_id = ${userId} and c.course_id = v.course_id and c.vocabulary_id = v.vocabulary_id
			returning 1
		)
		select (select count(*) from inserted)::int as inserted`)
	);
	// An id taken between the look-up and the insert: undo the batch's reviews, the phone sends them again.
	if (Number(written?.inserted) !== logs.length) throw new Error('review id taken concurrently');
	return out;
}
