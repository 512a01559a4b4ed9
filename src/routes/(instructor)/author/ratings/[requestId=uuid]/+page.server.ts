import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { nextInQueue, rate, ratingForRater } from '$lib/server/rating/service';
import { routes } from '$lib/routes';

// Another organization's answer, or no such answer, is refused by the service: a translated 403.
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const request = await ratingForRater(db, actor, event.params.requestId);
		// Whitelisted for a blind rating: the task and the answer, never who wrote or said it.
		return {
			id: request.id,
			skill: request.skill,
			status: request.status,
			level: request.level,
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
			redirect(
				303,
				next
					? routes.author.rating(next, { saved: outcome.level })
					: routes.author.ratings({ saved: outcome.level })
			);
		})
};
