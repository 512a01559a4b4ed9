import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	admissionDecision,
	candidate,
	graduateFollowUp,
	graduateRecord,
	program
} from '$lib/server/db/schema';

/**
 * What other domains may read of admissions: a class is filled from a program's admitted
 * candidates. The caller checks that the program belongs to an organization the actor teaches for.
 */

/** The programs of these organizations (id, name, intake), newest first. */
export async function programsOfOrganizations(db: DB, organizationIds: string[]) {
	if (organizationIds.length === 0) return [];
	return db
		.select({
			id: program.id,
			organizationId: program.organizationId,
			name: program.name,
			intake: program.intake
		})
		.from(program)
		.where(and(inArray(program.organizationId, organizationIds), eq(program.purpose, 'screening')))
		.orderBy(asc(program.createdAt));
}

export async function programOrganization(db: DB, programId: string): Promise<string | null> {
	const [row] = await db
		.select({ organizationId: program.organizationId })
		.from(program)
		.where(and(eq(program.id, programId), eq(program.purpose, 'screening')));
	return row?.organizationId ?? null;
}

/**
 * The candidates of a program whose latest decision is "admit": their account (null for someone who
 * never registered with their code) and name.
 */
export async function admittedCandidates(db: DB, programId: string) {
	const people = await db
		.select({ id: candidate.id, userId: candidate.userId, fullName: candidate.fullName })
		.from(candidate)
		.where(eq(candidate.programId, programId));
	if (people.length === 0) return [];
	const decisions = await db
		.select({
			candidateId: admissionDecision.candidateId,
			decision: admissionDecision.decision
		})
		.from(admissionDecision)
		.where(
			inArray(
				admissionDecision.candidateId,
				people.map((p) => p.id)
			)
		)
		.orderBy(asc(admissionDecision.decidedAt));
	const latest = new Map(decisions.map((d) => [d.candidateId, d.decision]));
	return people
		.filter((p) => latest.get(p.id) === 'admit')
		.map((p) => ({ userId: p.userId, fullName: p.fullName }));
}

/**
 * What the organization's officers recorded after the course about these accounts, as candidates of
 * its screening programs: completion and follow-ups (oldest first). Read-only, for the class page of
 * the same organization's instructors; the officers' free-text notes and the candidates' personal
 * details stay on the admissions pages.
 */
export async function graduateNotesOfUsers(db: DB, organizationId: string, userIds: string[]) {
	if (userIds.length === 0) return [];
	const people = await db
		.select({ candidateId: candidate.id, userId: candidate.userId })
		.from(candidate)
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(
			and(
				eq(program.organizationId, organizationId),
				eq(program.purpose, 'screening'),
				inArray(candidate.userId, userIds)
			)
		);
	if (people.length === 0) return [];
	const ids = people.map((p) => p.candidateId);
	const records = await db
		.select({
			candidateId: graduateRecord.candidateId,
			outcome: graduateRecord.outcome,
			completedOn: graduateRecord.completedOn
		})
		.from(graduateRecord)
		.where(inArray(graduateRecord.candidateId, ids));
	const followUps = await db
		.select({
			candidateId: graduateFollowUp.candidateId,
			observedOn: graduateFollowUp.observedOn,
			positionHeld: graduateFollowUp.positionHeld,
			vietnameseUse: graduateFollowUp.vietnameseUse
		})
		.from(graduateFollowUp)
		.where(inArray(graduateFollowUp.candidateId, ids))
		.orderBy(asc(graduateFollowUp.observedOn), asc(graduateFollowUp.recordedAt));
	return people
		.map((p) => ({
			userId: p.userId as string,
			record: records.find((r) => r.candidateId === p.candidateId) ?? null,
			followUps: followUps
				.filter((f) => f.candidateId === p.candidateId)
				.map(({ candidateId: _c, ...f }) => f)
		}))
		.filter((g) => g.record !== null || g.followUps.length > 0);
}

/** The screening requirement of these organizations' programs (the item bank's health warnings). */
export async function programRequirementsOf(db: DB, organizationIds: string[]) {
	if (organizationIds.length === 0) return [];
	return db
		.select({
			id: program.id,
			name: program.name,
			bankId: program.bankId,
			minOverallLevel: program.minOverallLevel
		})
		.from(program)
		.where(and(inArray(program.organizationId, organizationIds), eq(program.purpose, 'screening')))
		.orderBy(asc(program.createdAt));
}
