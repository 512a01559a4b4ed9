import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { gradeOfTypedAnswer, isSrsGrade } from '$lib/srs';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { courseAudioUrls } from '$lib/server/media/service';
import {
	dueCards,
	dueCount,
	gradeTypedTerm,
	ownCardTerm,
	recordReview
} from '$lib/server/learning/review';
import { routes } from '$lib/routes';
import * as v from 'valibot';
import { optionalText, parseForm } from '$lib/validation';

type Mode = 'recall' | 'type';
const modeOf = (value: string | null): Mode => (value === 'type' ? 'type' : 'recall');

/** Cards due within this many days go to the phone, so review goes on through days offline. */
const DECK_DAYS = 7;
const DECK_SIZE = 100;

/**
 * One due card at a time (the most overdue), with a fresh review id for its answer: the form works
 * without JavaScript. With it, the page reviews from `deck` (the cards due now and in the next days, with
 * their FSRS state) on the phone and sends each review through the outbox.
 */
export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor) => {
		const now = new Date();
		const horizon = new Date(now.getTime() + DECK_DAYS * 24 * 60 * 60_000);
		const cards = await dueCards(db, actor.id, horizon, DECK_SIZE);
		const audio = new Map<string, Record<string, string>>();
		for (const courseId of new Set(cards.map((c) => c.courseId)))
			audio.set(
				courseId,
				// Vietnamese terms are synthesized; Lao ones have audio where a speaker recorded them.
				await courseAudioUrls(
					db,
					courseId,
					cards.filter((c) => c.courseId === courseId).map((c) => c.term)
				)
			);
		const deck = cards.map((c) => ({ ...c, audio: audio.get(c.courseId)?.[c.term] }));
		const card = deck.find((c) => c.card.due <= now);
		const mode = modeOf(event.url.searchParams.get('mode'));
		return {
			mode,
			remaining: await dueCount(db, actor.id, now),
			card: card ? { ...card, reviewId: crypto.randomUUID() } : null,
			deck
		};
	});

const REVIEW_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The card a review form names (hidden fields the page writes); whose card it is, the service checks. */
const card = {
	reviewId: v.pipe(optionalText(64), v.regex(REVIEW_ID)),
	courseId: optionalText(100),
	vocabularyId: optionalText(100)
};
const GradeForm = v.object({
	...card,
	grade: v.pipe(
		optionalText(2),
		v.transform(Number),
		v.check((grade) => isSrsGrade(grade))
	)
});
const CheckForm = v.object({ ...card, answer: optionalText(500) });

/** The card the form names is not one of the learner's. */
const notACard = (answer: string) => fail(400, { answer, error: m.review_error_card() });

export const actions: Actions = {
	/** Self-graded recall: Again / Hard / Good / Easy. */
	grade: (event) =>
		actAs(
			event,
			'learner',
			async (actor) => {
				const parsed = await parseForm(GradeForm, event.request);
				if (!parsed.ok) return notACard('');
				const { grade, ...fields } = parsed.data;
				if (!isSrsGrade(grade)) return notACard('');
				await recordReview(db, actor.id, { ...fields, grade, mode: 'recall' });
				redirect(303, routes.learn.review({ mode: 'recall' }));
			},
			// Not one of the learner's cards (an old page, another person's ids): said on the page.
			{ instead: () => notACard('') }
		),
	/** Typed recall: graded with the language engines, then scheduled like a self-grade. */
	check: (event) => {
		let answer = '';
		return actAs(
			event,
			'learner',
			async (actor) => {
				const parsed = await parseForm(CheckForm, event.request);
				if (!parsed.ok) {
					const typed = parsed.values.answer;
					answer = typeof typed === 'string' ? typed.trim().slice(0, 500) : '';
					return parsed.errors.answer
						? fail(400, { answer, error: parsed.errors.answer })
						: notACard(answer);
				}
				const { answer: typed, ...fields } = parsed.data;
				answer = typed;
				if (!answer) return fail(400, { answer, error: m.review_error_empty() });
				const { term, targetLanguage } = await ownCardTerm(
					db,
					actor.id,
					fields.courseId,
					fields.vocabularyId
				);
				const verdict = gradeTypedTerm(targetLanguage, term, answer);
				await recordReview(db, actor.id, {
					...fields,
					grade: gradeOfTypedAnswer(verdict),
					mode: 'type'
				});
				return { checked: { verdict, term, answer } };
			},
			{ instead: () => notACard(answer) }
		);
	}
};
