import { asc, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { admissionDecision, candidate, program } from '$lib/server/db/schema';

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
		.where(inArray(program.organizationId, organizationIds))
		.orderBy(asc(program.createdAt));
}

export async function programOrganization(db: DB, programId: string): Promise<string | null> {
	const [row] = await db
		.select({ organizationId: program.organizationId })
		.from(program)
		.where(eq(program.id, programId));
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
		.where(inArray(program.organizationId, organizationIds))
		.orderBy(asc(program.createdAt));
}
