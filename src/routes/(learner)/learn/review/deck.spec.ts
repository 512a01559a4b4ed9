import { describe, expect, it } from 'vitest';
import { newCard, review } from '$lib/srs';
import { ReviewDeck, mergeDecks, type DeckCard } from './deck.svelte';

const at = new Date('2026-12-01T08:00:00Z');
function card(vocabularyId: string, due = at): DeckCard {
	return {
		courseId: 'c',
		vocabularyId,
		term: vocabularyId,
		meaning: { en: vocabularyId },
		targetLanguage: 'vi',
		interfaceLanguage: 'lo',
		card: { ...newCard(due), due }
	};
}

describe('review deck on the phone', () => {
	it('shows due cards most overdue first and schedules a review with FSRS', () => {
		const deck = new ReviewDeck([card('b', new Date(at.getTime() - 1000)), card('a', at)]);
		deck.tick(at.getTime());
		expect(deck.due.map((c) => c.vocabularyId)).toEqual(['b', 'a']);
		const graded = deck.grade(deck.current!, 3, at);
		expect(graded.card).toEqual(review(card('b', new Date(at.getTime() - 1000)).card, 3, at).card);
		expect(deck.due.map((c) => c.vocabularyId)).toEqual(['a']);
	});

	it('keeps the copy reviewed last when the server sends an older one', () => {
		const server = [card('a'), card('b')];
		const deck = new ReviewDeck(server);
		deck.grade(deck.cards[0], 4, at);
		const merged = mergeDecks(server, deck.cards);
		expect(merged.find((c) => c.vocabularyId === 'a')?.card.reps).toBe(1);
		expect(merged.find((c) => c.vocabularyId === 'b')?.card.reps).toBe(0);
		// Dates come back as Dates, whatever the store gave.
		const fromJson = JSON.parse(JSON.stringify(deck.cards)) as DeckCard[];
		expect(mergeDecks([], fromJson)[0].card.due).toBeInstanceOf(Date);
	});
});
