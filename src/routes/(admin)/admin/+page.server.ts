import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { createOrganization, listOrganizations } from '$lib/server/admin/service';
import { canCreateOrganization } from '$lib/server/admin/policy';
import { routes } from '$lib/routes';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admin', async (actor) => ({
		organizations: await listOrganizations(db, actor),
		canCreate: canCreateOrganization(actor)
	}));

export const actions: Actions = {
	createOrganization: (event) =>
		actAs(event, 'admin', async (actor) => {
			const form = await event.request.formData();
			const values = {
				name: String(form.get('name') ?? ''),
				country: String(form.get('country') ?? '')
			};
			const result = await createOrganization(db, actor, values);
			if (!result.ok) return fail(400, { values, error: result.error });
			redirect(303, routes.admin.organization(result.id));
		})
};
