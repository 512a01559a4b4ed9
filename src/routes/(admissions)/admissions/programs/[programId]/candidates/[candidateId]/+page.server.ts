import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import { decide, grantRetake } from '$lib/server/screening/admissions';
import {
	bankLanguage,
	candidateForOfficer,
	candidateHistory
} from '$lib/server/screening/officer-queries';
import { addFollowUp, graduateOf, recordCompletion } from '$lib/server/screening/graduates';
import { checkRequirement } from '$lib/screening/requirement';
import { programSummary } from '../../program-view';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId, candidateId } = event.params;
	return withForbidden(async () => {
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
				status: c.status
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
};

async function prepare(event: RequestEvent) {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId, candidateId } = event.params;
	// Before reading anything the officer sent: is this candidate one of their programs'?
	await withForbidden(() => candidateForOfficer(db, actor, programId, candidateId));
	return { actor, candidateId, form: await event.request.formData() };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	decide: async (event) => {
		const { actor, candidateId, form } = await prepare(event);
		const values = {
			decision: text(form, 'decision'),
			reason: text(form, 'reason'),
			override: form.get('override') === 'on'
		};
		const result = await withForbidden(() =>
			decide(db, actor, {
				candidateId,
				decision: values.decision,
				reason: values.reason,
				override: values.override
			})
		);
		if (!result.ok) return fail(400, { action: 'decide' as const, values, error: result.error });
		return { action: 'decide' as const, saved: true };
	},
	retake: async (event) => {
		const { actor, candidateId, form } = await prepare(event);
		const values = { reason: text(form, 'reason') };
		const result = await withForbidden(() => grantRetake(db, actor, { candidateId, ...values }));
		if (!result.ok)
			return fail(400, { action: 'retake' as const, values, error: 'retake_reason_required' });
		return { action: 'retake' as const, saved: true };
	},
	completion: async (event) => {
		const { actor, candidateId, form } = await prepare(event);
		const values = {
			outcome: text(form, 'outcome'),
			completedOn: text(form, 'completedOn'),
			notes: text(form, 'notes')
		};
		const result = await withForbidden(() =>
			recordCompletion(db, actor, { candidateId, ...values })
		);
		if (!result.ok)
			return fail(400, { action: 'completion' as const, values, errors: result.errors });
		return { action: 'completion' as const, saved: true };
	},
	followUp: async (event) => {
		const { actor, candidateId, form } = await prepare(event);
		const values = {
			observedOn: text(form, 'observedOn'),
			positionHeld: text(form, 'positionHeld'),
			vietnameseUse: text(form, 'vietnameseUse'),
			notes: text(form, 'notes')
		};
		const result = await withForbidden(() => addFollowUp(db, actor, { candidateId, ...values }));
		if (!result.ok)
			return fail(400, { action: 'followUp' as const, values, errors: result.errors });
		return { action: 'followUp' as const, saved: true };
	}
};
