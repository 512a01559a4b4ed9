import type { DB } from '$lib/server/db/client';
import { audit } from '$lib/server/audit/log';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { generateCode } from '$lib/server/auth/codes';
import { registerPersonalCodes } from '$lib/server/accounts/personal-codes';
import { SCORED_SKILLS, type ScoredSkill } from '$lib/screening/requirement';
import type { CandidateRow as CandidateCsvRow } from '$lib/screening/candidates-csv';
import { repeatedInvitees, type Invitee } from '$lib/screening/same-person';
import { programForOfficer } from './programs';
import { ratingProgress } from '$lib/server/rating/service';
import {
	attemptHistory,
	attemptsOfCandidates,
	choiceAnswersOfLatestResult,
	decisionHistory,
	decisionsOfCandidates,
	candidatesOf,
	claimCandidateCode,
	insertCandidates,
	isCandidateCodeUnclaimed,
	type CandidateRow
} from './repository';

/**
 * A candidate registers with their personal invitation code: the new account becomes theirs, once,
 * and a learner of the organization running the program. Accounts redeems it through this.
 */
export function registerCandidateCodes(): void {
	registerPersonalCodes('candidate', {
		isUnclaimed: isCandidateCodeUnclaimed,
		claim: async (tx, code, userId) => {
			const program = await claimCandidateCode(tx, code, userId);
			return program && { organizationId: program.organizationId, role: 'learner' };
		}
	});
}

/** Invites people to a program's screening, each with a personal invitation code. */
export async function inviteCandidates(
	db: DB,
	actor: Actor,
	programId: string,
	rows: CandidateCsvRow[],
	now = new Date()
) {
	const program = await programForOfficer(db, actor, programId);
	const created = rows.map((row) => ({
		id: crypto.randomUUID(),
		programId,
		fullName: row.fullName.trim().normalize('NFC'),
		position: row.position.trim() || null,
		sendingOrganization: row.sendingOrganization.trim() || null,
		dateOfBirth: row.dateOfBirth.trim() || null,
		phone: row.phone.trim() || null,
		invitationCode: generateCode()
	}));
	// All or nothing: a list inserted in chunks is never half-stored, and its audit entry with it.
	if (created.length === 0) return created;
	await db.transaction(async (tx) => {
		await insertCandidates(tx, created);
		// One entry per list (a CSV may hold thousands): how many, and who, as invited.
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'candidates_invited',
			subjectType: 'program',
			subjectId: programId,
			reason: null,
			details: { program: program.name, intake: program.intake },
			before: null,
			after: { count: created.length, candidates: created.map((c) => c.fullName) },
			at: now
		});
	});
	return created;
}

/**
 * The rows that look like someone already invited to this program, or like an earlier row: inviting
 * them would give one person two personal codes, so the officer is asked first (see same-person.ts).
 */
export async function repeatedInvitations(
	db: DB,
	actor: Actor,
	programId: string,
	rows: Invitee[]
): Promise<{ index: number; matches: string }[]> {
	await programForOfficer(db, actor, programId);
	return repeatedInvitees(await candidatesOf(db, programId), rows);
}

export type CandidateStatus =
	| 'invited'
	| 'registered'
	| 'testing'
	| 'awaiting_rating'
	| 'passed'
	| 'failed'
	| 'expired'
	| 'withdrawn';

type AttemptRow = Awaited<ReturnType<typeof attemptsOfCandidates>>[number];

/** Where a candidate stands, from their attempts (oldest first): what the officer's list shows. */
export function candidateStatus(
	person: CandidateRow,
	attempts: AttemptRow[],
	now: Date
): { status: CandidateStatus; latest: AttemptRow | null } {
	const latest = attempts.filter((a) => a.overallLevel !== null).at(-1) ?? null;
	if (person.withdrawnAt) return { status: 'withdrawn', latest };
	if (attempts.some((a) => a.status === 'in_progress')) return { status: 'testing', latest };
	if (attempts.some((a) => a.status === 'awaiting_rating'))
		return { status: 'awaiting_rating', latest };
	if (!latest) return { status: person.userId ? 'registered' : 'invited', latest };
	if (latest.validUntil && latest.validUntil <= now) return { status: 'expired', latest };
	return { status: latest.passed ? 'passed' : 'failed', latest };
}

/** Rows by their candidate, in their order (Map.groupBy needs Node 21). */
function byCandidate<T extends { candidateId: string }>(rows: readonly T[]): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const group = groups.get(row.candidateId);
		if (group) group.push(row);
		else groups.set(row.candidateId, [row]);
	}
	return groups;
}

/** Every candidate of a program with their latest result and decision. */
export async function candidatesWithResults(
	db: DB,
	actor: Actor,
	programId: string,
	now = new Date()
) {
	await programForOfficer(db, actor, programId);
	const people = await candidatesOf(db, programId);
	const ids = people.map((p) => p.id);
	const [attempts, decisions] = await Promise.all([
		attemptsOfCandidates(db, ids),
		decisionsOfCandidates(db, ids)
	]);
	// By candidate once (both lists come oldest first), not a scan of every row per candidate.
	const attemptsOf = byCandidate(attempts);
	const decisionsOf = byCandidate(decisions);
	return people.map((person) => {
		const own = attemptsOf.get(person.id) ?? [];
		const { status, latest } = candidateStatus(person, own, now);
		const decision = decisionsOf.get(person.id)?.at(-1) ?? null;
		return {
			id: person.id,
			fullName: person.fullName,
			position: person.position,
			sendingOrganization: person.sendingOrganization,
			dateOfBirth: person.dateOfBirth,
			phone: person.phone,
			invitationCode: person.invitationCode,
			registered: person.userId !== null,
			withdrawnAt: person.withdrawnAt,
			withdrawalReason: person.withdrawalReason,
			status,
			attempts: own.length,
			latest: latest && {
				attemptId: latest.id,
				theta: latest.theta,
				standardError: latest.standardError,
				overallLevel: latest.overallLevel,
				skillLevels: latest.skillLevels ?? {},
				passed: latest.passed,
				finishedAt: latest.finishedAt,
				validUntil: latest.validUntil,
				verificationCode: latest.verificationCode
			},
			decision: decision && {
				decision: decision.decision,
				override: decision.override,
				reason: decision.reason,
				decidedAt: decision.decidedAt
			}
		};
	});
}

export type CandidateWithResult = Awaited<ReturnType<typeof candidatesWithResults>>[number];

/**
 * One candidate of one program, with their latest result. A candidate of another program is
 * Forbidden, like a program of another organization, so ids cannot be probed across programs.
 */
export async function candidateForOfficer(
	db: DB,
	actor: Actor,
	programId: string,
	candidateId: string,
	now = new Date()
) {
	const program = await programForOfficer(db, actor, programId);
	const people = await candidatesWithResults(db, actor, programId, now);
	const person = people.find((p) => p.id === candidateId);
	if (!person) throw new Forbidden();
	return { program, candidate: person };
}

export type SkillAnswerCount = { skill: ScoredSkill; answered: number; correct: number };

/**
 * Everything the candidate page shows beyond the table row: every attempt (dates, status, levels,
 * the bank version that scored it), the decisions with who took them, and the answers of the latest
 * result counted per skill (only counts leave the server: never item content or keys). Whitelisted
 * fields only; call after candidateForOfficer has authorized the read.
 */
export async function candidateHistory(db: DB, candidateId: string) {
	const answers = await choiceAnswersOfLatestResult(db, candidateId);
	const counts: SkillAnswerCount[] = SCORED_SKILLS.map((skill) => {
		const own = answers.filter((r) => r.skill === skill);
		return { skill, answered: own.length, correct: own.filter((r) => r.correct === true).length };
	}).filter((c) => c.answered > 0);
	const attempts = await attemptHistory(db, candidateId);
	// Where the ratings of an attempt still waiting for them stand (a second or third rater?).
	const waiting = attempts.filter((a) => a.status === 'awaiting_rating').map((a) => a.id);
	const progress = await ratingProgress(db, 'screening', waiting);
	return {
		attempts: attempts.map((a) => ({
			...a,
			ratings: progress
				.filter((p) => p.sourceId === a.id)
				.map(({ skill, state }) => ({ skill, state }))
		})),
		decisions: await decisionHistory(db, candidateId),
		answers: counts
	};
}
