import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { availableBanks, createProgram } from '$lib/server/admissions/programs';
import { defaultValues, ProgramForm, programFormValues, toProgramInput } from '../program-form';
import { formFields, parse } from '$lib/validation';
import { routes } from '$lib/routes';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async () => {
		const organizations = organizationsWithRole(event.locals, 'admissions');
		return {
			organizations,
			banks: await availableBanks(db),
			defaults: defaultValues(organizations[0]?.organizationId ?? '')
		};
	});

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'admissions', async (actor) => {
			const { values, errors } = programFormValues(
				parse(ProgramForm, formFields(await event.request.formData(), ['ratedSections']))
			);
			const own = organizationsWithRole(event.locals, 'admissions');
			if (!own.some((o) => o.organizationId === values.organizationId))
				errors.organizationId ??= 'organization_invalid';
			const banks = await availableBanks(db);
			if (!banks.some((b) => b.id === values.bankId)) errors.bankId ??= 'bank_invalid';
			if (Object.keys(errors).length > 0) return fail(400, { values, errors });

			const result = await createProgram(db, actor, toProgramInput(values));
			if (!result.ok) return fail(400, { values, errors: result.errors as Record<string, string> });
			redirect(303, routes.admissions.program(result.id));
		})
};
