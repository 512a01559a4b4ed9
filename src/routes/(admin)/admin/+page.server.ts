import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { createOrganization, listOrganizations } from '$lib/server/admin/service';
import { canCreateOrganization } from '$lib/server/admin/policy';
import { routes } from '$lib/routes';
import * as v from 'valibot';
import { optionalText, parseForm } from '$lib/validation';

/** The service says what a name and a country must be; the schema keeps the text sane. */
const OrganizationForm = v.object({ name: optionalText(200), country: optionalText(10) });

export const load: PageServerLoad = (event) =>
	actAs(event, 'admin', async (actor) => ({
		organizations: await listOrganizations(db, actor),
		canCreate: canCreateOrganization(actor)
	}));

export const actions: Actions = {
	createOrganization: (event) =>
		actAs(event, 'admin', async (actor) => {
			const parsed = await parseForm(OrganizationForm, event.request);
			if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
			const values = parsed.data;
			const result = await createOrganization(db, actor, values);
			if (!result.ok) {
				const field = result.error === 'country_invalid' ? 'country' : 'name';
				return fail(400, { values, errors: { [field]: result.error as string } });
			}
			redirect(303, routes.admin.organization(result.id));
		})
};
