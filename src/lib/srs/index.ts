/**
 * Spaced review of vocabulary over ts-fsrs (FSRS, Ye et al., "A Stochastic Shortest Path Algorithm
 * for Optimizing Spaced Repetition Scheduling", KDD 2022; default parameters of ts-fsrs 5).
 *
 * A vocabulary entry enters the deck when the learner finishes a lesson that teaches it, as a new
 * FSRS card; a new card is due at once (FSRS's own rule), so a learner can review right after a
 * lesson. Each review maps a grade (Again, Hard, Good, Easy) to the card's next state and due date.
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';

/** The stored state of one card (ts-fsrs's Card without the deprecated elapsed days). */
export type SrsCard = {
	due: Date;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	/** 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs State). */
	state: number;
	lastReview: Date | null;
};

/** 1 Again, 2 Hard, 3 Good, 4 Easy (ts-fsrs Rating, without Manual). */
export type SrsGrade = 1 | 2 | 3 | 4;
export const SRS_GRADES: readonly SrsGrade[] = [1, 2, 3, 4];

/** What the review log keeps: the state before the review and the grade. */
export type SrsReview = {
	grade: SrsGrade;
	state: number;
	due: Date;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	reviewedAt: Date;
};

// Fuzz off: the same review gives the same schedule (tests, and two devices syncing one review).
const scheduler = fsrs({ enable_fuzz: false });

function toFsrs(card: SrsCard): Card {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: 0,
		scheduled_days: card.scheduledDays,
		learning_steps: card.learningSteps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.lastReview ?? undefined
	};
}

function fromFsrs(card: Card): SrsCard {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ?? null
	};
}

/** A new card, due at `now`. */
export function newCard(now: Date): SrsCard {
	return fromFsrs(createEmptyCard(now));
}

/** The vocabulary ids of `entries` that are not in the deck yet: they become new cards. */
export function entriesToAdd<T extends { id: string }>(entries: T[], inDeck: Set<string>): T[] {
	const seen = new Set<string>();
	return entries.filter((e) => {
		if (inDeck.has(e.id) || seen.has(e.id)) return false;
		seen.add(e.id);
		return true;
	});
}

/** Applies one review: the card's next state and the log of the review. */
export function review(
	card: SrsCard,
	grade: SrsGrade,
	now: Date
): { card: SrsCard; log: SrsReview } {
	const next = scheduler.next(toFsrs(card), now, grade as Grade);
	return {
		card: fromFsrs(next.card),
		log: {
			grade,
			state: next.log.state,
			due: next.log.due,
			stability: next.log.stability,
			difficulty: next.log.difficulty,
			scheduledDays: next.log.scheduled_days,
			reviewedAt: now
		}
	};
}

export function isDue(card: Pick<SrsCard, 'due'>, now: Date): boolean {
	return card.due.getTime() <= now.getTime();
}

export function dueCount(cards: Pick<SrsCard, 'due'>[], now: Date): number {
	return cards.filter((c) => isDue(c, now)).length;
}

/**
 * The grade of a typed answer: right → Good, right but for tones or other diacritics → Hard, wrong
 * → Again (the learner did not recall it).
 */
export function gradeOfTypedAnswer(verdict: 'correct' | 'almost' | 'wrong'): SrsGrade {
	return verdict === 'correct' ? Rating.Good : verdict === 'almost' ? Rating.Hard : Rating.Again;
}

export function isSrsGrade(value: unknown): value is SrsGrade {
	return typeof value === 'number' && (SRS_GRADES as readonly number[]).includes(value);
}
