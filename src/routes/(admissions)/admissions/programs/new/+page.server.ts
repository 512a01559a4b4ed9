import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { createProgram } from '$lib/server/screening/admissions';
import { availableBanks } from '$lib/server/screening/officer-queries';
import { defaultValues, readProgramForm, toProgramInput } from './program-form';

type ProgramFormErrors = Partial<
	Record<'organizationId' | 'bankId' | keyof ReturnType<typeof toProgramInput>, string | undefined>
>;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admissions');
	const organizations = organizationsWithRole(event.locals, 'admissions');
	return {
		organizations,
		banks: await availableBanks(db),
		defaults: defaultValues(organizations[0]?.organizationId ?? '')
	};
};

export const actions: Actions = {
	create: async (event) => {
		requireRole(event, 'admissions');
		const values = readProgramForm(await event.request.formData());
		const errors: ProgramFormErrors = {};
		const own = organizationsWithRole(event.locals, 'admissions');
		if (!own.some((o) => o.organizationId === values.organizationId))
			errors.organizationId = 'organization_invalid';
		const banks = await availableBanks(db);
		if (!banks.some((b) => b.id === values.bankId)) errors.bankId = 'bank_invalid';
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });

		const result = await withForbidden(() =>
			createProgram(db, actorOf(event.locals), toProgramInput(values))
		);
		if (!result.ok) return fail(400, { values, errors: result.errors as ProgramFormErrors });
		redirect(303, `/admissions/programs/${result.id}`);
	}
};
