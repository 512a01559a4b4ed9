import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import type { CatState } from '$lib/placement';
import { requireOwnOpenAttempt } from '$lib/server/screening/candidate-guard';
import { currentItem, submitAnswer } from '$lib/server/screening/delivery';
import { inRatedPart } from '$lib/server/screening/lifecycle';
import { routes } from '$lib/routes';
import { optionalText, parseForm, wholeNumber } from '$lib/validation';

/** The item's public id (item-ids.ts) and the chosen option's index; the item decides how many. */
const AnswerForm = v.object({ itemId: optionalText(64), option: wholeNumber(0, 99) });

export const load: PageServerLoad = async (event) => {
	const { ctx, row } = await requireOwnOpenAttempt(event);
	const overview = routes.learn.screening.overview(ctx.candidate.id);
	if (!row || row.status !== 'in_progress') redirect(303, overview);
	const item = await currentItem(db, row);
	// After the adaptive items, the rated tasks (writing, speaking) follow on their own page.
	if (!item) redirect(303, (await inRatedPart(db, row)) ? `${overview}/rated` : overview);
	return {
		candidateId: ctx.candidate.id,
		number: (row.catState as CatState).administered.length + 1,
		// The server's clock decides; the page only counts down from what it is told.
		secondsLeft: Math.max(0, Math.floor((row.deadlineAt.getTime() - Date.now()) / 1000)),
		item
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const { ctx, row } = await requireOwnOpenAttempt(event);
		const overview = routes.learn.screening.overview(ctx.candidate.id);
		const parsed = await parseForm(AnswerForm, event.request);
		if (!parsed.ok) {
			const typed = parsed.values.itemId;
			const itemId = typeof typed === 'string' ? typed.slice(0, 64) : '';
			return fail(400, { error: 'choose_option' as const, itemId });
		}
		const { itemId, option } = parsed.data;
		if (!row || row.status !== 'in_progress') redirect(303, overview);
		const outcome = await submitAnswer(db, row, ctx, { itemId, option });
		if (outcome.ok) redirect(303, outcome.finished ? overview : `${overview}/test`);
		switch (outcome.reason) {
			case 'invalid_option':
				return fail(400, { error: 'choose_option' as const, itemId });
			case 'not_current':
				return fail(409, { error: 'not_current' as const, itemId });
			case 'conflict':
				// The same answer sent twice (two tabs, a retry): the first one counted.
				redirect(303, `${overview}/test`);
				break;
			default:
				redirect(303, overview);
		}
	}
};
