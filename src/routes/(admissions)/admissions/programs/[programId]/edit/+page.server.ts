import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import type { Actor } from '$lib/server/auth/actor';
import { actAs } from '$lib/server/auth/act-as';
import {
	availableBanks,
	editProgram,
	programForOfficer,
	programStarted,
	withdrawProgram
} from '$lib/server/admissions/programs';
import { checkbox, formFields, optionalText, parse } from '$lib/validation';
import { routes } from '$lib/routes';
import { ProgramForm, programFormValues, toProgramInput, valuesOf } from '../../program-form';
import { programSummary } from '../program-view';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const program = await programForOfficer(db, actor, event.params.programId);
		return {
			program: programSummary(program),
			values: valuesOf(program),
			banks: await availableBanks(db),
			locked: await programStarted(db, program.id)
		};
	});

type Submitted = { actor: Actor; programId: string; form: FormData };

const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId } = event.params;
		// Before reading anything the officer sent: is this program theirs?
		await programForOfficer(db, actor, programId);
		return run({ actor, programId, form: await event.request.formData() });
	});

/** Withdrawing a program: a reason, and the officer's explicit confirmation. */
const Withdrawal = v.object({ reason: optionalText(1000), confirm: checkbox() });

export const actions: Actions = {
	update: (event) =>
		act(event, async ({ actor, programId, form }) => {
			const { values, errors } = programFormValues(
				parse(ProgramForm, formFields(form, ['ratedSections']))
			);
			const banks = await availableBanks(db);
			if (!banks.some((b) => b.id === values.bankId)) errors.bankId ??= 'bank_invalid';
			if (Object.keys(errors).length > 0)
				return fail(400, { action: 'update' as const, values, errors });
			const { organizationId: _organization, ...input } = toProgramInput(values);
			const result = await editProgram(db, actor, programId, input);
			if (!result.ok)
				return fail(400, {
					action: 'update' as const,
					values,
					errors: result.errors as Record<string, string>
				});
			return { action: 'update' as const, changed: result.changed.length };
		}),
	withdraw: (event) =>
		act(event, async ({ actor, programId, form }) => {
			const parsed = parse(Withdrawal, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'withdraw' as const,
					values: parsed.values,
					errors: parsed.errors
				});
			const { reason, confirm } = parsed.data;
			const errors: Record<string, string> = {};
			if (!reason) errors.reason = 'withdraw_reason_required';
			if (!confirm) errors.confirm = 'confirm_needed';
			if (Object.keys(errors).length > 0)
				return fail(400, { action: 'withdraw' as const, values: parsed.data, errors });
			const result = await withdrawProgram(db, actor, programId, reason);
			if (!result.ok)
				return fail(400, {
					action: 'withdraw' as const,
					values: parsed.data,
					errors: { form: result.error as string }
				});
			redirect(303, routes.admissions.program(programId));
		})
};
