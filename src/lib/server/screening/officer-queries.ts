import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	admissionDecision,
	attempt,
	attemptAnswer,
	itemBank,
	organization,
	testItem,
	user
} from '$lib/server/db/schema';
import { Forbidden } from '$lib/server/admin/service';
import type { Actor } from '$lib/server/admin/policy';
import { SCORED_SKILLS, type ScoredSkill } from '$lib/screening/requirement';
import { auditEntries, candidatesWithResults, programForOfficer } from './admissions';
import { admissionsOrganizationIds, auditOrganizationIds } from './policy';

/** Officer-facing reads the admissions service does not offer; every one checks the program first. */

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
 * Answers of the candidate's latest scored attempt, counted per skill. Only counts leave the
 * server: never item content or keys. Call after candidateForOfficer has authorized the read.
 */
export async function answerCountsOfLatestResult(
	db: DB,
	candidateId: string
): Promise<SkillAnswerCount[]> {
	const [latest] = await db
		.select({ id: attempt.id })
		.from(attempt)
		.where(and(eq(attempt.candidateId, candidateId), isNotNull(attempt.overallLevel)))
		.orderBy(desc(attempt.startedAt))
		.limit(1);
	if (!latest) return [];
	const rows = await db
		.select({ skill: testItem.skill, correct: attemptAnswer.correct })
		.from(attemptAnswer)
		.innerJoin(testItem, eq(attemptAnswer.itemId, testItem.id))
		// Rated writing/speaking tasks have no right or wrong: their levels come from the ratings.
		.where(and(eq(attemptAnswer.attemptId, latest.id), eq(testItem.kind, 'choice')));
	return SCORED_SKILLS.map((skill) => {
		const own = rows.filter((r) => r.skill === skill);
		return { skill, answered: own.length, correct: own.filter((r) => r.correct === true).length };
	}).filter((c) => c.answered > 0);
}

/** The organizations an officer may run programs for, by name, for the new-program form. */
export async function admissionsOrganizations(db: DB, actor: Actor) {
	const ids = admissionsOrganizationIds(actor);
	if (ids.length === 0) return [];
	return db
		.select({ id: organization.id, name: organization.name })
		.from(organization)
		.where(inArray(organization.id, ids))
		.orderBy(organization.name);
}

export type AuditRow = {
	id: string;
	at: Date;
	actorName: string | null;
	action: string;
	candidate: string | null;
	program: string | null;
	intake: string | null;
	reason: string | null;
};

/**
 * The audit log of every organization this actor may read (officers: where they run admissions;
 * administrators: where they administer; platform administrators: all), newest first.
 */
export async function auditLogForOfficer(db: DB, actor: Actor): Promise<AuditRow[]> {
	const orgIds =
		auditOrganizationIds(actor) ??
		(await db.select({ id: organization.id }).from(organization)).map((o) => o.id);
	const entries = (await Promise.all(orgIds.map((id) => auditEntries(db, actor, id)))).flat();
	const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id) => id !== null))];
	const names = actorIds.length
		? await db
				.select({ id: user.id, displayName: user.displayName })
				.from(user)
				.where(inArray(user.id, actorIds))
		: [];
	const nameOf = new Map(names.map((n) => [n.id, n.displayName]));
	return entries
		.sort((a, b) => b.at.getTime() - a.at.getTime())
		.map((e) => {
			const details = (e.details ?? {}) as Record<string, unknown>;
			const text = (key: string) => (typeof details[key] === 'string' ? details[key] : null);
			return {
				id: e.id,
				at: e.at,
				actorName: e.actorId ? (nameOf.get(e.actorId) ?? null) : null,
				action: e.action,
				candidate: text('candidate'),
				program: text('program'),
				intake: text('intake'),
				reason: e.reason
			};
		});
}

/**
 * Everything the candidate page shows beyond the table row: every attempt (dates, status, levels,
 * the bank version that scored it), the decisions with who took them, and the answer counts of the
 * latest result. Whitelisted fields only; call after candidateForOfficer has authorized the read.
 */
export async function candidateHistory(db: DB, candidateId: string) {
	const attempts = await db
		.select({
			id: attempt.id,
			status: attempt.status,
			startedAt: attempt.startedAt,
			finishedAt: attempt.finishedAt,
			overallLevel: attempt.overallLevel,
			passed: attempt.passed,
			bankVersion: attempt.bankVersion,
			verificationCode: attempt.verificationCode
		})
		.from(attempt)
		.where(eq(attempt.candidateId, candidateId))
		.orderBy(asc(attempt.startedAt));
	const decisions = await db
		.select({
			id: admissionDecision.id,
			decision: admissionDecision.decision,
			override: admissionDecision.override,
			reason: admissionDecision.reason,
			decidedAt: admissionDecision.decidedAt,
			decidedBy: user.displayName
		})
		.from(admissionDecision)
		.leftJoin(user, eq(admissionDecision.decidedBy, user.id))
		.where(eq(admissionDecision.candidateId, candidateId))
		.orderBy(desc(admissionDecision.decidedAt));
	return { attempts, decisions, answers: await answerCountsOfLatestResult(db, candidateId) };
}

/** The organization's name, for the certificate's "issued by". */
export async function organizationName(db: DB, organizationId: string): Promise<string> {
	const [row] = await db
		.select({ name: organization.name })
		.from(organization)
		.where(eq(organization.id, organizationId));
	return row?.name ?? '';
}

/** The language a program's bank tests, for the certificate's title. */
export async function bankLanguage(db: DB, bankId: string): Promise<'vi' | 'lo'> {
	const [row] = await db
		.select({ language: itemBank.language })
		.from(itemBank)
		.where(eq(itemBank.id, bankId));
	return row?.language ?? 'vi';
}

/** Every bank a program can test with, for the new-program form. */
export async function availableBanks(db: DB) {
	return db
		.select({ id: itemBank.id, language: itemBank.language })
		.from(itemBank)
		.orderBy(itemBank.id);
}
