import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { acceptItemCalibration, planItemCalibration } from '$lib/server/placement/item-calibration';
import { transitionItem } from '$lib/server/placement/items';
import { canAuthorFor } from '$lib/server/placement/policy';
import { env } from '$env/dynamic/private';
import { itemScope } from '../scope';
import { optionalText, parseHiddenForm, requiredText } from '$lib/validation';

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

/** The page's forms (valibot, `$lib/validation`): hidden fields the page writes. */
const scope = { organization: optionalText(100), language: optionalText(10) };
const schemas = {
	accept: v.object({ ...scope, itemId: requiredText(100) }),
	sendBack: v.object({ itemId: requiredText(100) }),
	simulate: v.object(scope)
};

export const actions: Actions = {
	accept: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await parseHiddenForm(schemas.accept, event.request);
			const scope = itemScope(event.locals, new Map(Object.entries(form)));
			const { itemId } = form;
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
			const { itemId } = await parseHiddenForm(schemas.sendBack, event.request);
			const outcome = await transitionItem(db, actor, itemId, 'send_back');
			if (!outcome.ok) return fail(400, { itemId, refused: outcome.reason });
			return { itemId, sentBack: true };
		}),
	/** Tests only (E2E_ITEMS_FIXTURE=1): 150 simulated candidates answer the organization's pilot items. */
	simulate: (event) =>
		actAs(event, 'instructor', async (actor) => {
			if (env.E2E_ITEMS_FIXTURE !== '1') error(404, m.error_not_found());
			const form = await parseHiddenForm(schemas.simulate, event.request);
			const scope = itemScope(event.locals, new Map(Object.entries(form)));
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
