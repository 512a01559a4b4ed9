import type { DB } from '$lib/server/db/client';
import type { Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import { closeWithdrawn } from '$lib/server/screening/lifecycle';
import { authorizedCandidate } from './decisions';
import {
	deleteUnclaimedCandidate,
	latestDecision,
	markCandidateWithdrawn,
	updateCandidateDetails
} from './repository';

/**
 * An officer corrects an invitation: a misspelt name, a wrong phone number, or someone who will not
 * come after all. Every change goes into the audit log with what it was before.
 */

export type CandidateDetails = {
	fullName: string;
	position: string;
	sendingOrganization: string;
	dateOfBirth: string;
	phone: string;
};

export async function editCandidate(
	db: DB,
	actor: Actor,
	candidateId: string,
	input: CandidateDetails,
	now = new Date()
): Promise<{ ok: true } | { ok: false; error: 'full_name_required' }> {
	const { person, program } = await authorizedCandidate(db, actor, candidateId);
	const fullName = input.fullName.trim().normalize('NFC');
	if (!fullName) return { ok: false, error: 'full_name_required' };
	const optional = (value: string) => value.trim().normalize('NFC') || null;
	const after = {
		fullName,
		position: optional(input.position),
		sendingOrganization: optional(input.sendingOrganization),
		dateOfBirth: optional(input.dateOfBirth),
		phone: optional(input.phone)
	};
	const before = {
		fullName: person.fullName,
		position: person.position,
		sendingOrganization: person.sendingOrganization,
		dateOfBirth: person.dateOfBirth,
		phone: person.phone
	};
	await db.transaction(async (tx) => {
		await updateCandidateDetails(tx, person.id, after);
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'candidate_edited',
			subjectType: 'candidate',
			subjectId: person.id,
			reason: null,
			details: {
				program: program.name,
				intake: program.intake,
				candidate: fullName,
				before,
				after
			},
			at: now
		});
	});
	return { ok: true };
}

/**
 * Withdraws an invitation nobody has registered with yet: the personal code stops working. Once the
 * candidate has an account, the invitation stands (their results and decisions stay on record).
 */
export async function withdrawInvitation(
	db: DB,
	actor: Actor,
	candidateId: string,
	now = new Date()
): Promise<{ ok: true } | { ok: false; error: 'already_registered' }> {
	const { person, program } = await authorizedCandidate(db, actor, candidateId);
	if (person.userId) return { ok: false, error: 'already_registered' };
	return db.transaction(async (tx) => {
		if (!(await deleteUnclaimedCandidate(tx, person.id)))
			return { ok: false as const, error: 'already_registered' as const };
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'invitation_withdrawn',
			subjectType: 'candidate',
			subjectId: person.id,
			reason: null,
			details: {
				program: program.name,
				intake: program.intake,
				candidate: person.fullName,
				invitationCode: person.invitationCode
			},
			at: now
		});
		return { ok: true as const };
	});
}

export type CandidateWithdrawalResult =
	| { ok: true; closedAttempts: number }
	| { ok: false; error: 'reason_required' | 'admitted' | 'already_withdrawn' | 'not_registered' };

/**
 * Withdraws a candidate who has registered: no further attempt, an attempt in progress is closed
 * without a result, and the candidate's test page says they were withdrawn. Their record, results
 * and decisions stay. A written reason is required (the candidate's career is at stake), and an
 * admitted candidate is never withdrawn silently: the officer first revokes the admission with a new
 * decision (refuse or waitlist) and its reason. Audited with before and after.
 */
export async function withdrawCandidate(
	db: DB,
	actor: Actor,
	candidateId: string,
	reasonTyped: string,
	now = new Date()
): Promise<CandidateWithdrawalResult> {
	const { person, program } = await authorizedCandidate(db, actor, candidateId);
	if (!person.userId) return { ok: false, error: 'not_registered' };
	if (person.withdrawnAt) return { ok: false, error: 'already_withdrawn' };
	const reason = reasonTyped.trim().normalize('NFC');
	if (!reason) return { ok: false, error: 'reason_required' };
	if ((await latestDecision(db, person.id)) === 'admit') return { ok: false, error: 'admitted' };
	return db.transaction(async (tx) => {
		if (!(await markCandidateWithdrawn(tx, person.id, now, reason)))
			return { ok: false as const, error: 'already_withdrawn' as const };
		const closedAttempts = await closeWithdrawn(tx, [person.id], now);
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'candidate_withdrawn',
			subjectType: 'candidate',
			subjectId: person.id,
			reason,
			details: {
				program: program.name,
				intake: program.intake,
				candidate: person.fullName,
				closedAttempts
			},
			before: { withdrawnAt: null },
			after: { withdrawnAt: now.toISOString(), closedAttempts },
			at: now
		});
		return { ok: true as const, closedAttempts };
	});
}
