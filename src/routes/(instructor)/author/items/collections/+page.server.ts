import { fail } from '@sveltejs/kit';
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

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		organizations: organizationsWithRole(event.locals, 'instructor'),
		partners: await partnerOrganizations(db),
		...(await collectionsForActor(db, actor))
	}));

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const values = {
				name: String(form.get('name') ?? ''),
				organizationId: String(form.get('organizationId') ?? '')
			};
			const created = await createCollection(db, actor, values);
			if (!created.ok) return fail(400, { create: values, errors: created.errors });
			return { created: created.id };
		}),
	share: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const collectionId = String(form.get('collectionId') ?? '');
			const mode = String(form.get('mode') ?? '');
			const shared = await shareCollection(db, actor, {
				collectionId,
				organizationId: String(form.get('organizationId') ?? ''),
				mode: mode === 'copy' ? 'copy' : mode === 'none' ? null : 'use'
			});
			if (!shared.ok) return fail(400, { shareError: collectionId });
			return { shared: collectionId };
		})
};
