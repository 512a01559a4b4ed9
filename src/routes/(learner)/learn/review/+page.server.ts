import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { gradeOfTypedAnswer, isSrsGrade } from '$lib/srs';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { audioUrls } from '$lib/server/learning/audio';
import { NotAllowed } from '$lib/server/learning/errors';
import {
	dueCards,
	dueCount,
	gradeTypedTerm,
	ownCardTerm,
	recordReview
} from '$lib/server/learning/review';

type Mode = 'recall' | 'type';
const modeOf = (value: string | null): Mode => (value === 'type' ? 'type' : 'recall');

/** One due card at a time (the most overdue), with a fresh review id for its answer. */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	const now = new Date();
	const [card] = await dueCards(db, user.id, now, 1);
	const mode = modeOf(event.url.searchParams.get('mode'));
	return {
		mode,
		remaining: await dueCount(db, user.id, now),
		card: card
			? {
					...card,
					reviewId: crypto.randomUUID(),
					audio:
						card.targetLanguage === 'vi'
							? audioUrls(card.courseId, [card.term], env.COURSES_DIR || undefined)[card.term]
							: undefined
				}
			: null
	};
};

function cardFields(form: FormData) {
	return {
		reviewId: String(form.get('reviewId') ?? ''),
		courseId: String(form.get('courseId') ?? ''),
		vocabularyId: String(form.get('vocabularyId') ?? '')
	};
}

const REVIEW_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const actions: Actions = {
	/** Self-graded recall: Again / Hard / Good / Easy. */
	grade: async (event) => {
		const user = requireRole(event, 'learner');
		const form = await event.request.formData();
		const fields = cardFields(form);
		const grade = Number(form.get('grade'));
		if (!REVIEW_ID.test(fields.reviewId) || !isSrsGrade(grade))
			return fail(400, { answer: '', error: m.review_error_card() });
		try {
			await recordReview(db, user.id, { ...fields, grade, mode: 'recall' });
		} catch (e) {
			if (e instanceof NotAllowed) return fail(400, { answer: '', error: m.review_error_card() });
			throw e;
		}
		redirect(303, '/learn/review?mode=recall');
	},
	/** Typed recall: graded with the language engines, then scheduled like a self-grade. */
	check: async (event) => {
		const user = requireRole(event, 'learner');
		const form = await event.request.formData();
		const fields = cardFields(form);
		const answer = String(form.get('answer') ?? '').trim();
		if (!REVIEW_ID.test(fields.reviewId))
			return fail(400, { answer: '', error: m.review_error_card() });
		if (!answer) return fail(400, { answer, error: m.review_error_empty() });
		try {
			const { term, targetLanguage } = await ownCardTerm(
				db,
				user.id,
				fields.courseId,
				fields.vocabularyId
			);
			const verdict = gradeTypedTerm(targetLanguage, term, answer);
			await recordReview(db, user.id, {
				...fields,
				grade: gradeOfTypedAnswer(verdict),
				mode: 'type'
			});
			return { checked: { verdict, term, answer } };
		} catch (e) {
			if (e instanceof NotAllowed) return fail(400, { answer, error: m.review_error_card() });
			throw e;
		}
	}
};
