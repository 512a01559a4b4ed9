import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { createOrganization, listOrganizations } from '$lib/server/admin/service';
import { canCreateOrganization } from '$lib/server/admin/policy';
import { withForbidden } from '$lib/server/admin/http';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const actor = actorOf(event.locals);
	return {
		organizations: await listOrganizations(db, actor),
		canCreate: canCreateOrganization(actor)
	};
};

export const actions: Actions = {
	createOrganization: async (event) => {
		requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = {
			name: String(form.get('name') ?? ''),
			country: String(form.get('country') ?? '')
		};
		const result = await withForbidden(() => createOrganization(db, actorOf(event.locals), values));
		if (!result.ok) return fail(400, { values, error: result.error });
		redirect(303, `/admin/organizations/${result.id}`);
	}
};
