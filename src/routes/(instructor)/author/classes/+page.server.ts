import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { classesOf, createClass } from '$lib/server/classes/service';
import { routes } from '$lib/routes';
import { optionalText, parseForm, typedValues } from '$lib/validation';

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

/**
 * The new class form (valibot, `$lib/validation`): what a class name must be is `createClass`'s
 * rule, whose codes the page shows; the schema stops text no name needs.
 */
const ClassForm = v.object({ name: optionalText(1_000), organizationId: optionalText(100) });

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const parsed = await parseForm(ClassForm, event.request);
			if (!parsed.ok)
				return fail(400, {
					values: typedValues(parsed.values, ['name', 'organizationId']),
					errors: parsed.errors
				});
			const values = parsed.data;
			const created = await createClass(db, actor, values);
			if (!created.ok) return fail(400, { values, errors: created.errors });
			redirect(303, routes.author.class(created.id));
		})
};
