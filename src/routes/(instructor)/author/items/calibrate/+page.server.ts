import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { acceptItemCalibration, planItemCalibration } from '$lib/server/placement/item-calibration';
import { transitionItem } from '$lib/server/placement/items';
import { itemScope } from '../scope';

/**
 * The calibration runs when the instructor asks (`?run`), not on every visit: it takes seconds on
 * a large bank. Accepting an item runs it again, so what is stored is what the data say now.
 */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const scope = itemScope(event.locals, event.url.searchParams);
		const run = event.url.searchParams.has('run') && scope.organizationId;
		return {
			...scope,
			plan: run
				? await planItemCalibration(db, actor, {
						organizationId: scope.organizationId,
						language: scope.language
					})
				: null
		};
	});

export const actions: Actions = {
	accept: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const scope = itemScope(event.locals, form);
			const itemId = String(form.get('itemId') ?? '');
			if (!itemId) error(400, m.error_unexpected());
			const outcome = await acceptItemCalibration(db, actor, {
				organizationId: scope.organizationId,
				language: scope.language,
				itemId
			});
			if (!outcome.ok) return fail(400, { itemId, refused: outcome.reason });
			return { itemId, accepted: true };
		}),
	sendBack: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const itemId = String(form.get('itemId') ?? '');
			if (!itemId) error(400, m.error_unexpected());
			const outcome = await transitionItem(db, actor, itemId, 'send_back');
			if (!outcome.ok) return fail(400, { itemId, refused: outcome.reason });
			return { itemId, sentBack: true };
		})
};
