import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { acceptItemCalibration, planItemCalibration } from '$lib/server/placement/item-calibration';
import { transitionItem } from '$lib/server/placement/items';
import { canAuthorFor } from '$lib/server/placement/policy';
import { env } from '$env/dynamic/private';
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
			simulated: env.E2E_ITEMS_FIXTURE === '1',
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
		}),
	/** Tests only (E2E_ITEMS_FIXTURE=1): 150 simulated candidates answer the organization's pilot items. */
	simulate: (event) =>
		actAs(event, 'instructor', async (actor) => {
			if (env.E2E_ITEMS_FIXTURE !== '1') error(404, m.error_not_found());
			const form = await event.request.formData();
			const scope = itemScope(event.locals, form);
			if (!canAuthorFor(actor, scope.organizationId)) error(403, m.error_forbidden());
			const { simulatePilotResponses } = await import('$lib/server/placement/simulated-responses');
			await simulatePilotResponses(db, {
				organizationId: scope.organizationId,
				language: scope.language,
				respondents: 150
			});
			return { simulatedDone: true };
		})
};
