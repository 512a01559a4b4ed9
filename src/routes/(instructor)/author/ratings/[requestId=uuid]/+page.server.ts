import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { nextInQueue, rate, ratingForRater, reopenRating } from '$lib/server/rating/service';
import { routes } from '$lib/routes';
import { savedNotice } from '../saved-notice';

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
			const form = await event.request.formData();
			const criterionScores: Record<string, number> = {};
			const scores: Record<string, string> = {};
			for (const [key, value] of form.entries()) {
				const match = /^score-(\d+)$/.exec(key);
				if (!match || typeof value !== 'string' || value === '') continue;
				scores[match[1]] = value;
				criterionScores[match[1]] = Number(value);
			}
			const comment = String(form.get('comment') ?? '');
			const outcome = await rate(db, actor, event.params.requestId, { criterionScores, comment });
			if (!outcome.ok) {
				return fail(outcome.error === 'already_rated' ? 409 : 400, {
					error: outcome.error,
					fields: 'fields' in outcome ? Object.keys(outcome.fields) : [],
					scores,
					comment
				});
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
