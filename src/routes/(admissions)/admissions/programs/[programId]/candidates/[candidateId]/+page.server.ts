import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { checkbox, formFields, optionalText, parse, requiredText } from '$lib/validation';
import {
	editCandidate,
	withdrawCandidate,
	withdrawInvitation
} from '$lib/server/admissions/corrections';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import type { Actor } from '$lib/server/auth/actor';
import { actAs } from '$lib/server/auth/act-as';
import { candidateForOfficer, candidateHistory } from '$lib/server/admissions/candidates';
import { authorizedCandidate, decide, grantRetake } from '$lib/server/admissions/decisions';
import { addFollowUp, graduateOf, recordCompletion } from '$lib/server/admissions/graduates';
import { bankLanguage } from '$lib/server/placement/banks';
import { checkRequirement } from '$lib/screening/requirement';
import { programSummary } from '../../program-view';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId, candidateId } = event.params;
		const { program, candidate: c } = await candidateForOfficer(db, actor, programId, candidateId);
		const history = await candidateHistory(db, c.id);
		const latestAttempt = c.latest
			? history.attempts.find((a) => a.id === c.latest!.attemptId)
			: undefined;
		const requirement = {
			minOverallLevel: program.minOverallLevel,
			skillMinimums: program.skillMinimums
		};
		const now = new Date();
		return {
			program: programSummary(program),
			language: await bankLanguage(db, program.bankId),
			candidate: {
				id: c.id,
				fullName: c.fullName,
				position: c.position,
				sendingOrganization: c.sendingOrganization,
				dateOfBirth: c.dateOfBirth,
				phone: c.phone,
				invitationCode: c.invitationCode,
				status: c.status,
				registered: c.registered,
				admitted: c.decision?.decision === 'admit',
				withdrawnAt: c.withdrawnAt,
				withdrawalReason: c.withdrawalReason
			},
			latest: c.latest && {
				overallLevel: c.latest.overallLevel,
				skillLevels: c.latest.skillLevels,
				theta: c.latest.theta,
				standardError: c.latest.standardError,
				passed: c.latest.passed,
				startedAt: latestAttempt?.startedAt ?? null,
				finishedAt: c.latest.finishedAt,
				validUntil: c.latest.validUntil,
				valid: Boolean(c.latest.validUntil && c.latest.validUntil > now),
				verificationCode: c.latest.verificationCode,
				bankVersion: latestAttempt?.bankVersion ?? null,
				shortfalls: checkRequirement(
					{ overallLevel: c.latest.overallLevel ?? 0, skillLevels: c.latest.skillLevels },
					requirement
				).shortfalls
			},
			answers: history.answers,
			attempts: history.attempts.map(({ verificationCode: _code, ...a }) => a),
			decisions: history.decisions,
			graduate: await graduateOf(db, actor, c.id)
		};
	});

type Submitted = { actor: Actor; candidateId: string; form: FormData };

const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId, candidateId } = event.params;
		// Before reading anything the officer sent: is this candidate one of their programs'?
		await candidateForOfficer(db, actor, programId, candidateId);
		return run({ actor, candidateId, form: await event.request.formData() });
	});

/** The forms of this page (valibot, `$lib/validation`); the services decide what the values mean. */
const schemas = {
	/** The candidate's details as the officer corrects them. */
	edit: v.object({
		fullName: requiredText(200, m.adm_error_full_name_required),
		position: optionalText(200),
		sendingOrganization: optionalText(200),
		dateOfBirth: optionalText(40),
		phone: optionalText(40)
	}),
	decide: v.object({
		decision: optionalText(20),
		reason: optionalText(),
		override: checkbox()
	}),
	retake: v.object({ reason: optionalText() }),
	completion: v.object({
		outcome: optionalText(40),
		completedOn: optionalText(40),
		notes: optionalText()
	}),
	followUp: v.object({
		observedOn: optionalText(40),
		positionHeld: optionalText(200),
		vietnameseUse: optionalText(40),
		notes: optionalText()
	}),
	/** Withdrawing: the confirmation, and the reason a registered candidate's withdrawal needs. */
	withdraw: v.object({ confirm: checkbox(), reason: optionalText(1000) })
};

export const actions: Actions = {
	decide: (event) =>
		act(event, async ({ actor, candidateId, form }) => {
			const parsed = parse(schemas.decide, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'decide' as const,
					values: parsed.values,
					error: Object.values(parsed.errors)[0]
				});
			const values = parsed.data;
			const result = await decide(db, actor, { candidateId, ...values });
			if (!result.ok) return fail(400, { action: 'decide' as const, values, error: result.error });
			return { action: 'decide' as const, saved: true };
		}),
	retake: (event) =>
		act(event, async ({ actor, candidateId, form }) => {
			const parsed = parse(schemas.retake, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'retake' as const,
					values: parsed.values,
					error: 'retake_reason_required'
				});
			const values = parsed.data;
			const result = await grantRetake(db, actor, { candidateId, ...values });
			if (!result.ok)
				return fail(400, {
					action: 'retake' as const,
					values,
					error: result.error === 'withdrawn' ? result.error : 'retake_reason_required'
				});
			return { action: 'retake' as const, saved: true };
		}),
	completion: (event) =>
		act(event, async ({ actor, candidateId, form }) => {
			const parsed = parse(schemas.completion, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'completion' as const,
					// One value per field: this form has no repeated fields.
					values: parsed.values as Record<string, string>,
					errors: parsed.errors
				});
			const values = parsed.data;
			const result = await recordCompletion(db, actor, { candidateId, ...values });
			if (!result.ok)
				return fail(400, { action: 'completion' as const, values, errors: result.errors });
			return { action: 'completion' as const, saved: true };
		}),
	followUp: (event) =>
		act(event, async ({ actor, candidateId, form }) => {
			const parsed = parse(schemas.followUp, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'followUp' as const,
					// One value per field: this form has no repeated fields.
					values: parsed.values as Record<string, string>,
					errors: parsed.errors
				});
			const values = parsed.data;
			const result = await addFollowUp(db, actor, { candidateId, ...values });
			if (!result.ok)
				return fail(400, { action: 'followUp' as const, values, errors: result.errors });
			return { action: 'followUp' as const, saved: true };
		}),
	edit: (event) =>
		act(event, async ({ actor, candidateId, form }) => {
			const parsed = parse(schemas.edit, formFields(form));
			if (!parsed.ok)
				return fail(400, { action: 'edit' as const, values: parsed.values, errors: parsed.errors });
			const result = await editCandidate(db, actor, candidateId, parsed.data);
			if (!result.ok)
				return fail(400, {
					action: 'edit' as const,
					values: parsed.data,
					errors: { fullName: m.adm_error_full_name_required() }
				});
			return { action: 'edit' as const, saved: true };
		}),
	/**
	 * An unused invitation is removed (its code stops working); a registered candidate is marked
	 * withdrawn with a reason (their record stays); an admitted one is refused until the admission is
	 * revoked.
	 */
	withdraw: (event) =>
		act(event, async ({ actor, candidateId, form }) => {
			const parsed = parse(schemas.withdraw, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'withdraw' as const,
					values: parsed.values,
					errors: parsed.errors
				});
			const { confirm, reason } = parsed.data;
			const { person } = await authorizedCandidate(db, actor, candidateId);
			if (!confirm)
				return fail(400, {
					action: 'withdraw' as const,
					values: parsed.data,
					errors: {
						confirm: person.userId ? m.adm_confirm_needed() : m.adm_withdraw_confirm_needed()
					}
				});
			if (!person.userId) {
				const result = await withdrawInvitation(db, actor, candidateId);
				// Registered in the meantime: the page shows the registered candidate's form next.
				if (!result.ok)
					return fail(400, {
						action: 'withdraw' as const,
						values: parsed.data,
						errors: { form: m.adm_withdraw_registered() }
					});
				redirect(303, routes.admissions.program(event.params.programId));
			}
			const result = await withdrawCandidate(db, actor, candidateId, reason);
			if (!result.ok) {
				const field = result.error === 'reason_required' ? 'reason' : 'form';
				const code = result.error === 'reason_required' ? 'withdraw_reason_required' : result.error;
				return fail(400, {
					action: 'withdraw' as const,
					values: parsed.data,
					errors: { [field]: code as string }
				});
			}
			return { action: 'withdraw' as const, saved: true };
		})
};
