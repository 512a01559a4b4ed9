import type { DB } from '$lib/server/db/client';
import { DECISIONS } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import { grantMembership } from '$lib/server/accounts/repository';
import { enrolInCoursesTeaching } from '$lib/server/learning/courses';
import { admissionCheck } from '$lib/screening/requirement';
import { programForOfficer } from './programs';
import {
	addExtraAttempt,
	candidateById,
	insertDecision,
	latestCompletedAttempt,
	latestDecision
} from './repository';
import { bankLanguage } from '$lib/server/placement/banks';

export type DecisionResult =
	| { ok: true }
	| {
			ok: false;
			error: 'reason_required' | 'decision_invalid' | 'revoke_reason_required' | 'withdrawn';
	  };

/** The candidate and their program, if the program is this officer's; Forbidden otherwise. */
export async function authorizedCandidate(db: DB, actor: Actor, candidateId: string) {
	const person = await candidateById(db, candidateId);
	if (!person) throw new Forbidden();
	const program = await programForOfficer(db, actor, person.programId);
	return { person, program };
}

/**
 * Records an admission decision. Admitting needs a valid passing result, or a written reason
 * (an override). Every decision goes into the audit log; an admitted candidate becomes a learner
 * of the program's organization, enrolled in the courses of the tested language.
 */
export async function decide(
	db: DB,
	actor: Actor,
	input: {
		candidateId: string;
		decision: string;
		reason: string;
		/**
		 * The officer's explicit "admit without a valid passing result". When false, such an admission
		 * is refused even with a reason; when left out, a reason alone is enough.
		 */
		override?: boolean;
	},
	now = new Date()
): Promise<DecisionResult> {
	const { person, program } = await authorizedCandidate(db, actor, input.candidateId);
	if (!(DECISIONS as readonly string[]).includes(input.decision))
		return { ok: false, error: 'decision_invalid' };
	const decision = input.decision as (typeof DECISIONS)[number];
	const reason = input.reason.trim();
	// A withdrawn candidate (or program) has left the intake: no decision is taken about them any more.
	if (person.withdrawnAt || program.withdrawnAt) return { ok: false, error: 'withdrawn' };
	// Revoking an admission (admit → refuse or waitlist) needs its reason, like an override does.
	if (decision !== 'admit' && !reason && (await latestDecision(db, person.id)) === 'admit')
		return { ok: false, error: 'revoke_reason_required' };

	let override = false;
	if (decision === 'admit') {
		const latest = await latestCompletedAttempt(db, person.id);
		const check = admissionCheck(
			latest ? { passed: Boolean(latest.passed), validUntil: latest.validUntil } : null,
			reason,
			now
		);
		if (!check.allowed || (check.override && input.override === false))
			return { ok: false, error: 'reason_required' };
		override = check.override;
	}
	const language = await bankLanguage(db, program.bankId);
	await db.transaction(async (tx) => {
		await insertDecision(tx, {
			candidateId: person.id,
			decision,
			override,
			reason: reason || null,
			decidedBy: actor.id,
			decidedAt: now
		});
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: override ? 'admit_override' : decision,
			subjectType: 'candidate',
			subjectId: person.id,
			reason: reason || null,
			details: { program: program.name, intake: program.intake, candidate: person.fullName },
			at: now
		});
		if (decision === 'admit' && person.userId) {
			await grantMembership(tx, {
				userId: person.userId,
				organizationId: program.organizationId,
				role: 'learner'
			});
			// …and a learner of the courses that teach the tested language, to keep improving before the intake.
			await enrolInCoursesTeaching(tx, person.userId, language);
		}
	});
	return { ok: true };
}

/** One more attempt beyond the program's maximum, with a reason, audited. */
export async function grantRetake(
	db: DB,
	actor: Actor,
	input: { candidateId: string; reason: string },
	now = new Date()
): Promise<DecisionResult> {
	const { person, program } = await authorizedCandidate(db, actor, input.candidateId);
	if (person.withdrawnAt || program.withdrawnAt) return { ok: false, error: 'withdrawn' };
	if (input.reason.trim().length < 10) return { ok: false, error: 'reason_required' };
	await db.transaction(async (tx) => {
		await addExtraAttempt(tx, person);
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'grant_retake',
			subjectType: 'candidate',
			subjectId: person.id,
			reason: input.reason.trim(),
			details: { program: program.name, intake: program.intake, candidate: person.fullName },
			at: now
		});
	});
	return { ok: true };
}
