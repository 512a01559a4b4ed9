import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { nextInQueue, rate, ratingForRater, reopenRating } from '$lib/server/rating/service';
import { routes } from '$lib/routes';
import { savedNotice } from '../saved-notice';
import {
	formFields,
	numberedList,
	optionalText,
	parse,
	typedText,
	typedValues
} from '$lib/validation';

/** More criteria than any rubric has: a score numbered beyond is no field of the page. */
const MAX_CRITERIA = 20;

/**
 * The rating form (valibot, `$lib/validation`): one score per criterion, numbered (`score-0`,
 * `score-1`, …; a criterion not scored sends none) and a comment. Whether the scores fit the rubric
 * is `rate`'s rule, which also trims and cuts the comment to 2,000 characters: the schema only stops
 * text beyond what the page's field (2,000, line breaks sent as two characters) can send.
 */
const RateForm = v.object({
	scores: v.array(optionalText(10)),
	comment: typedText(4_000)
});

// Another organization's answer, or no such answer, is refused by the service: a translated 403.
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const request = await ratingForRater(db, actor, event.params.requestId);
		// Whitelisted for a blind rating: the task and the answer, never who wrote or said it.
		return {
			...savedNotice(event.url),
			reopened: event.url.searchParams.get('reopened') === '1',
			id: request.id,
			skill: request.skill,
			status: request.status,
			level: request.level,
			// Saving the last answer of a test makes its result final: it cannot be undone then.
			last: request.last,
			canReopen: request.canReopen,
			stage: request.stage,
			criterionScores: request.criterionScores,
			comment: request.comment,
			text: 'text' in request.response ? (request.response.text ?? null) : null,
			recordingUrl: request.response.recordingId
				? `/api/recordings/${request.response.recordingId}`
				: null,
			task: request.task
		};
	});

export const actions: Actions = {
	rate: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const typed = numberedList(
				formFields(await event.request.formData()),
				'score-',
				MAX_CRITERIA,
				'scores'
			);
			const parsed = parse(RateForm, typed);
			if (!parsed.ok)
				return fail(400, {
					error: 'invalid_form' as const,
					message: Object.values(parsed.errors)[0],
					fields: [] as string[],
					scores: {} as Record<string, string>,
					comment: typedValues(parsed.values, ['comment']).comment
				});
			const criterionScores: Record<string, number> = {};
			const scores: Record<string, string> = {};
			parsed.data.scores.forEach((value, index) => {
				if (value === '') return;
				scores[index] = value;
				criterionScores[index] = Number(value);
			});
			const { comment } = parsed.data;
			const outcome = await rate(db, actor, event.params.requestId, { criterionScores, comment });
			if (!outcome.ok) {
				return fail(
					outcome.error === 'already_rated' || outcome.error === 'rated_by_you' ? 409 : 400,
					{
						error: outcome.error,
						fields: 'fields' in outcome ? Object.keys(outcome.fields) : [],
						scores,
						comment
					}
				);
			}
			const next = await nextInQueue(db, actor);
			const done = { saved: outcome.level, undo: event.params.requestId };
			redirect(303, next ? routes.author.rating(next, done) : routes.author.ratings(done));
		}),
	/** Takes the actor's own rating back (undo, or reopen from their history) while the result is not final. */
	reopen: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const outcome = await reopenRating(db, actor, event.params.requestId);
			if (!outcome.ok) return fail(409, { error: outcome.error });
			redirect(303, routes.author.rating(event.params.requestId, { reopened: 1 }));
		})
};
