import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { Forbidden } from '$lib/server/admin/service';
import { nextInQueue, rate, ratingForRater } from '$lib/server/rating/service';

/** Forbidden (another organization's answer, or no such answer) becomes a translated 403. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof Forbidden) error(403, m.error_forbidden());
		throw e;
	}
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'instructor');
	const request = await guarded(() =>
		ratingForRater(db, actorOf(event.locals), event.params.requestId)
	);
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
};

export const actions: Actions = {
	rate: async (event) => {
		requireRole(event, 'instructor');
		const actor = actorOf(event.locals);
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
		const outcome = await guarded(() =>
			rate(db, actor, event.params.requestId, { criterionScores, comment })
		);
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
				? `/author/ratings/${next}?saved=${outcome.level}`
				: `/author/ratings?saved=${outcome.level}`
		);
	}
};
