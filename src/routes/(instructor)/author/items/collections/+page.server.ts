import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { partnerOrganizations } from '$lib/server/accounts/directory';
import {
	collectionsForActor,
	createCollection,
	shareCollection
} from '$lib/server/placement/collections';
import { optionalText, parseForm, parseHiddenForm, typedValues } from '$lib/validation';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		organizations: organizationsWithRole(event.locals, 'instructor'),
		partners: await partnerOrganizations(db),
		...(await collectionsForActor(db, actor))
	}));

/**
 * The page's forms (valibot, `$lib/validation`): the name's rules are `createCollection`'s, whose
 * codes the page shows; the share form is hidden fields and a select.
 */
const schemas = {
	create: v.object({ name: optionalText(1_000), organizationId: optionalText(100) }),
	share: v.object({
		collectionId: optionalText(100),
		organizationId: optionalText(100),
		mode: optionalText(10)
	})
};

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const parsed = await parseForm(schemas.create, event.request);
			if (!parsed.ok)
				return fail(400, {
					create: typedValues(parsed.values, ['name', 'organizationId']),
					errors: parsed.errors
				});
			const values = parsed.data;
			const created = await createCollection(db, actor, values);
			if (!created.ok) return fail(400, { create: values, errors: created.errors });
			return { created: created.id };
		}),
	share: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { collectionId, organizationId, mode } = await parseHiddenForm(
				schemas.share,
				event.request
			);
			const shared = await shareCollection(db, actor, {
				collectionId,
				organizationId,
				mode: mode === 'copy' ? 'copy' : mode === 'none' ? null : 'use'
			});
			if (!shared.ok) return fail(400, { shareError: collectionId });
			return { shared: collectionId };
		})
};
