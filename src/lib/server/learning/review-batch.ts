/**
 * How a learner's reviews are applied — a synced outbox batch, or the one review of the review page
 * (`recordReview` in review.ts) — in two round trips whatever their number: one
 * read (the cards, who holds the ids already, and the logged reviews a late review must be replayed
 * with) and one write that locks the cards, checks that none moved since the read, and inserts the logs
 * and updates the cards, or does nothing at all. FSRS runs here in between, on no connection and with no
 * lock held. When a card moved (the same learner's other batch, at the same moment) or an id was taken
 * in between, nothing was written and the batch is read and computed again.
 *
 * The rules: each id once, by its owner; reviews of one card made on two devices merge by review time
 * (applied in time order when newer than the card's last review, else the card is rebuilt by
 * replaying all its reviews in time order: FSRS is order-dependent and fuzz is off, so the replay is
 * exact and both orders of arrival give one card).
 */
import { sql } from 'drizzle-orm';
import type { SrsCard, SrsGrade } from '$lib/srs';
import { newCard, review } from '$lib/srs';
import { rowsOf, type DbOrTx } from '$lib/server/db/client';
import { reviewCard, reviewLog } from '$lib/server/db/schema';

export type CardReview = {
	reviewId: string;
	grade: SrsGrade;
	mode: 'recall' | 'type';
	/** When the learner reviewed (on the phone, perhaps offline for days). */
	reviewedAt: Date;
};

export type LearnerReview = CardReview & { courseId: string; vocabularyId: string };

export type ReviewOutcomes = {
	applied: string[];
	duplicate: string[];
	taken: string[];
	missing: string[];
};

/**
 * Reads and writes again after this many collisions with the learner's own concurrent batches; past
 * it the error goes up (the phone keeps its records and sends them later).
 */
const MAX_ROUNDS = 5;

/**
 * Applies many reviews of the learner (a synced outbox batch): `applied` were new, `duplicate` had been
 * applied before (or twice in the batch), `taken` are ids another person's review holds, `missing` are
 * reviews of a card that is not the learner's. One write statement, so the batch's reviews are applied
 * all together or not at all; `inTransaction`: the caller's transaction, where the write runs in a
 * savepoint so that a collision leaves the transaction usable.
 */
export async function recordReviews(
	db: DbOrTx,
	userId: string,
	reviews: readonly LearnerReview[],
	options: { inTransaction?: boolean } = {}
): Promise<ReviewOutcomes> {
	for (let round = 1; ; round++) {
		const plan = planReviews(userId, reviews, await readCards(db, userId, reviews));
		if (plan.cards.length === 0) return plan.outcomes;
		try {
			const written = options.inTransaction
				? await db.transaction((savepoint) => writeReviews(savepoint, userId, plan))
				: await writeReviews(db, userId, plan);
			if (written) return plan.outcomes;
			if (round >= MAX_ROUNDS) throw new Error('review cards kept changing during the sync');
		} catch (thrown) {
			if (round >= MAX_ROUNDS || !isCollision(thrown)) throw thrown;
		}
	}
}

type StoredCard = SrsCard & { courseId: string; vocabularyId: string; createdAt: Date };
type Logged = { reviewId: string; grade: SrsGrade; reviewedAt: Date };
type ReadResult = {
	owners: Map<string, string>;
	cards: Map<string, StoredCard>;
	/** Logged reviews of the cards a review of the batch goes back before, by card key. */
	history: Map<string, Logged[]>;
};

const keyOf = (r: { courseId: string; vocabularyId: string }) =>
	`${r.courseId}\u0000${r.vocabularyId}`;

/** A json value as the drivers give it: parsed (PGlite) or as text (postgres.js under drizzle). */
function jsonOf<T>(value: T | string | null): T | null {
	return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/**
 * One statement (one row, of constant text: each connection prepares it once; lists travel as JSON
 * parameters): who holds each id already, the learner's cards the reviews are about, and the logged
 * reviews of those cards whose last review is later than the batch's earliest review of them (the
 * ones a merge by review time replays). No lock: the write checks that nothing moved.
 */
async function readCards(
	db: DbOrTx,
	userId: string,
	reviews: readonly LearnerReview[]
): Promise<ReadResult> {
	const earliest = new Map<string, LearnerReview>();
	for (const r of reviews) {
		const seen = earliest.get(keyOf(r));
		if (!seen || r.reviewedAt < seen.reviewedAt) earliest.set(keyOf(r), r);
	}
	const targets = [...earliest.values()].map((r) => ({
		course_id: r.courseId,
		vocabulary_id: r.vocabularyId,
		earliest: r.reviewedAt.toISOString()
	}));
	const ids = reviews.map((r) => r.reviewId);
	const [row] = rowsOf<{ owners: unknown; cards: unknown; history: unknown }>(
		await db.execute(sql`
		with k as (
			select * from json_to_recordset(${JSON.stringify(targets)}::json)
				as k(course_id text, vocabulary_id text, earliest timestamptz)
		), c as (
			select c.*, k.earliest from ${reviewCard} c join k using (course_id, vocabulary_id)
			where c.user_id = ${userId}
		)
		select
			(select json_agg(json_build_array(l.id, l.user_id)) from ${reviewLog} l
				where l.id in (select value from json_array_elements_text(${JSON.stringify(ids)}::json))
			) as owners,
			(select json_agg(json_build_object('courseId', c.course_id, 'vocabularyId', c.vocabulary_id,
				'due', c.due, 'stability', c.stability, 'difficulty', c.difficulty,
				'scheduledDays', c.scheduled_days, 'learningSteps', c.learning_steps, 'reps', c.reps,
				'lapses', c.lapses, 'state', c.state, 'lastReview', c.last_review,
				'createdAt', c.created_at)) from c
			) as cards,
			(select json_agg(json_build_array(l.course_id, l.vocabulary_id, l.id, l.rating, l.reviewed_at))
				from c join ${reviewLog} l on l.user_id = c.user_id and l.course_id = c.course_id
					and l.vocabulary_id = c.vocabulary_id
				where c.last_review > c.earliest
			) as history`)
	);
	/** A card as json_build_object gives it: dates as text. */
	type CardRow = Omit<StoredCard, 'due' | 'lastReview' | 'createdAt'> & {
		due: string;
		lastReview: string | null;
		createdAt: string;
	};
	const cards = new Map<string, StoredCard>();
	for (const c of jsonOf<CardRow[]>(row?.cards as CardRow[] | string | null) ?? []) {
		const card: StoredCard = {
			...c,
			due: new Date(c.due),
			lastReview: c.lastReview === null ? null : new Date(c.lastReview),
			createdAt: new Date(c.createdAt)
		};
		cards.set(keyOf(card), card);
	}
	const history = new Map<string, Logged[]>();
	type LogRow = [string, string, string, number, string];
	for (const [courseId, vocabularyId, reviewId, grade, reviewedAt] of jsonOf<LogRow[]>(
		row?.history as LogRow[] | string | null
	) ?? []) {
		const key = keyOf({ courseId, vocabularyId });
		const logged = history.get(key) ?? [];
		logged.push({ reviewId, grade: grade as SrsGrade, reviewedAt: new Date(reviewedAt) });
		history.set(key, logged);
	}
	const owners = new Map(
		jsonOf<[string, string][]>(row?.owners as [string, string][] | string | null) ?? []
	);
	return { owners, cards, history };
}

type Plan = {
	outcomes: ReviewOutcomes;
	logs: ReturnType<typeof logRow>[];
	/** Each card's new state, with `repsBefore`: its reps when read (a review always adds one). */
	cards: { courseId: string; vocabularyId: string; repsBefore: number; card: SrsCard }[];
};

/** What the batch does to the cards as read: answers for each review, the logs and the new cards. */
function planReviews(userId: string, reviews: readonly LearnerReview[], read: ReadResult): Plan {
	const outcomes: ReviewOutcomes = { applied: [], duplicate: [], taken: [], missing: [] };
	const groups = new Map<string, LearnerReview[]>();
	const seen = new Set<string>();
	for (const r of reviews) {
		const owner = read.owners.get(r.reviewId);
		if (owner !== undefined) {
			(owner === userId ? outcomes.duplicate : outcomes.taken).push(r.reviewId);
			continue;
		}
		if (seen.has(r.reviewId)) {
			outcomes.duplicate.push(r.reviewId);
			continue;
		}
		seen.add(r.reviewId);
		if (!read.cards.has(keyOf(r))) {
			outcomes.missing.push(r.reviewId);
			continue;
		}
		groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
	}
	const logs: Plan['logs'] = [];
	const cards: Plan['cards'] = [];
	for (const [key, group] of groups) {
		const stored = read.cards.get(key)!;
		const { courseId, vocabularyId, createdAt, ...state } = stored;
		const target = { courseId, vocabularyId };
		const fresh = group.sort(byTime);
		let card: SrsCard = state;
		if (!card.lastReview || card.lastReview.getTime() <= fresh[0].reviewedAt.getTime()) {
			for (const r of fresh) {
				logs.push(logRow(userId, target, r, card));
				card = review(card, r.grade, r.reviewedAt).card;
			}
		} else {
			// A review older than the card's last one: rebuilt from every review in time order.
			for (const r of fresh) logs.push(logRow(userId, target, r, card));
			card = replayed(createdAt, read.history.get(key) ?? [], fresh);
		}
		cards.push({ ...target, repsBefore: stored.reps, card });
		outcomes.applied.push(...fresh.map((r) => r.reviewId));
	}
	return { outcomes, logs, cards };
}

/**
 * One statement: lock the cards (in key order, so two batches never deadlock), and only if each still
 * has the reps it was read with (no review was applied to it since: every review adds one), insert the
 * logs and update the cards. The insert has no `on conflict`: an id someone took since the read fails
 * the whole statement (a unique violation), and nothing of it stays. Returns whether it wrote.
 */
async function writeReviews(db: DbOrTx, userId: string, plan: Plan): Promise<boolean> {
	const logsJson = JSON.stringify(
		plan.logs.map((l) => ({
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
		plan.cards.map(({ courseId, vocabularyId, repsBefore, card }) => ({
			course_id: courseId,
			vocabulary_id: vocabularyId,
			reps_before: repsBefore,
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
	const [result] = rowsOf<{ unchanged: boolean }>(
		await db.execute(sql`
		with v as (
			select * from json_to_recordset(${cardsJson}::json) as v(course_id text, vocabulary_id text,
				reps_before int, due timestamptz, stability float8, difficulty float8, scheduled_days int,
				learning_steps int, reps int, lapses int, state smallint, last_review timestamptz)
		), locked as materialized (
			select c.course_id, c.vocabulary_id, c.reps from ${reviewCard} c
			where c.user_id = ${userId}
				and (c.course_id, c.vocabulary_id) in (select course_id, vocabulary_id from v)
			order by c.course_id, c.vocabulary_id
			for update
		), unchanged as materialized (
			select count(*) = (select count(*) from v) as ok
			from locked join v using (course_id, vocabulary_id)
			where locked.reps = v.reps_before
		), updated as (
			update ${reviewCard} as c set
				due = v.due, stability = v.stability, difficulty = v.difficulty,
				scheduled_days = v.scheduled_days, learning_steps = v.learning_steps, reps = v.reps,
				lapses = v.lapses, state = v.state, last_review = v.last_review
			from v
			where (select ok from unchanged)
				and c.user_id = ${userId} and c.course_id = v.course_id and c.vocabulary_id = v.vocabulary_id
			returning 1
		), inserted as (
			insert into ${reviewLog} (id, user_id, course_id, vocabulary_id, rating, mode, state, due,
				stability, difficulty, scheduled_days, reviewed_at)
			select r.id, ${userId}, r.course_id, r.vocabulary_id, r.rating, r.mode, r.state, r.due,
				r.stability, r.difficulty, r.scheduled_days, r.reviewed_at
			from json_to_recordset(${logsJson}::json) as r(id text, course_id text, vocabulary_id text,
				rating smallint, mode text, state smallint, due timestamptz, stability float8,
				difficulty float8, scheduled_days int, reviewed_at timestamptz)
			where (select ok from unchanged)
			returning 1
		)
		select ok as unchanged from unchanged`)
	);
	return Boolean(result?.unchanged);
}

/** SQLSTATEs of a write that met another one: unique violation (an id taken since the read), deadlock. */
const COLLISIONS = new Set(['23505', '40P01', '40001']);

/** Whether the error (or the driver error drizzle wraps) is a collision worth reading again for. */
function isCollision(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	const { code, cause } = error as { code?: unknown; cause?: unknown };
	return (typeof code === 'string' && COLLISIONS.has(code)) || isCollision(cause, depth + 1);
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
