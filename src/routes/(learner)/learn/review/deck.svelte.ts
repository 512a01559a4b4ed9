import { review, type SrsCard, type SrsGrade } from '$lib/srs';
import type { Gloss } from '$lib/course/types';

/** A card of the review deck kept on the phone: what is shown, and its FSRS state. */
export type DeckCard = {
	courseId: string;
	vocabularyId: string;
	term: string;
	meaning: Gloss;
	romanization?: string;
	targetLanguage: 'vi' | 'lo';
	interfaceLanguage: 'vi' | 'lo';
	audio?: string;
	card: SrsCard;
};

const keyOf = (c: Pick<DeckCard, 'courseId' | 'vocabularyId'>) => `${c.courseId}|${c.vocabularyId}`;
const time = (d: Date | string | null) => (d ? new Date(d).getTime() : -Infinity);

/** Dates as Dates again (IndexedDB keeps Dates, but a deck from elsewhere may have strings). */
function revive(c: DeckCard): DeckCard {
	return {
		...c,
		card: {
			...c.card,
			due: new Date(c.card.due),
			lastReview: c.card.lastReview ? new Date(c.card.lastReview) : null
		}
	};
}

/**
 * The server's deck and the one kept on the phone, card by card: the one reviewed last wins (a review still
 * in the outbox is newer than the server's copy), and cards the server no longer sends due stay until
 * reviewed on the phone.
 */
export function mergeDecks(server: DeckCard[], kept: DeckCard[]): DeckCard[] {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never state
	const byKey = new Map(server.map((c) => [keyOf(c), revive(c)]));
	for (const k of kept.map(revive)) {
		const s = byKey.get(keyOf(k));
		if (!s || time(k.card.lastReview) > time(s.card.lastReview)) byKey.set(keyOf(k), k);
	}
	return [...byKey.values()];
}

/**
 * Vocabulary review on the phone: the due cards in order (most overdue first), each review scheduled here
 * with ts-fsrs (`$lib/srs`) so it works offline; the review itself goes to the outbox and the server applies
 * it again (merging by review time), so the progress shown afterwards is the server's.
 */
export class ReviewDeck {
	cards = $state.raw<DeckCard[]>([]);
	/** Bumped by `tick()` so a card coming due while the page is open shows up. */
	now = $state(Date.now());

	constructor(cards: DeckCard[] = []) {
		this.cards = cards.map(revive);
	}

	get due(): DeckCard[] {
		return this.cards
			.filter((c) => c.card.due.getTime() <= this.now)
			.sort(
				(a, b) => a.card.due.getTime() - b.card.due.getTime() || (keyOf(a) < keyOf(b) ? -1 : 1)
			);
	}

	get current(): DeckCard | undefined {
		return this.due[0];
	}

	tick(now = Date.now()) {
		this.now = now;
	}

	/** Schedules the card's review at `at`; returns the card as it is now. */
	grade(target: DeckCard, grade: SrsGrade, at: Date): DeckCard {
		const next = { ...target, card: review(target.card, grade, at).card };
		this.cards = this.cards.map((c) => (keyOf(c) === keyOf(target) ? next : c));
		this.now = at.getTime();
		return next;
	}
}
