import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { classesOf, createClass } from '$lib/server/classes/service';
import { routes } from '$lib/routes';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const organizations = organizationsWithRole(event.locals, 'instructor');
		const names = new Map(organizations.map((o) => [o.organizationId, o.organizationName]));
		return {
			organizations,
			classes: (await classesOf(db, actor)).map((c) => ({
				id: c.id,
				name: c.name,
				organizationName: names.get(c.organizationId) ?? '',
				learners: c.learners,
				courses: c.courses
			}))
		};
	});

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const values = {
				name: String(form.get('name') ?? ''),
				organizationId: String(form.get('organizationId') ?? '')
			};
			const created = await createClass(db, actor, values);
			if (!created.ok) return fail(400, { values, errors: created.errors });
			redirect(303, routes.author.class(created.id));
		})
};
