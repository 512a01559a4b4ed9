import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	candidate,
	invitationCode,
	membership,
	organization,
	program,
	user,
	type Role
} from '$lib/server/db/schema';

export type Membership = { organizationId: string; organizationName: string; role: Role };

export async function findUserByUsername(db: DB, username: string) {
	const [row] = await db
		.select({
			id: user.id,
			username: user.username,
			passwordHash: user.passwordHash,
			disabledAt: user.disabledAt,
			locale: user.locale
		})
		.from(user)
		.where(eq(sql`lower(${user.username})`, username.toLowerCase()));
	return row;
}

export async function membershipsOf(db: DB, userId: string): Promise<Membership[]> {
	return db
		.select({
			organizationId: membership.organizationId,
			organizationName: organization.name,
			role: membership.role
		})
		.from(membership)
		.innerJoin(organization, eq(membership.organizationId, organization.id))
		.where(eq(membership.userId, userId))
		.orderBy(asc(organization.name));
}

export async function independentLearnersOrganization(db: DB) {
	const [row] = await db
		.select({ id: organization.id })
		.from(organization)
		.where(eq(organization.isIndependentLearners, true));
	return row;
}

function usableCode(code: string, now: Date) {
	return and(
		eq(invitationCode.code, code),
		isNull(invitationCode.revokedAt),
		sql`${invitationCode.uses} < ${invitationCode.maxUses}`,
		sql`(${invitationCode.expiresAt} is null or ${invitationCode.expiresAt} > ${now.toISOString()}::timestamptz)`
	);
}

export async function isInvitationCodeUsable(db: DB, code: string, now: Date): Promise<boolean> {
	const [row] = await db
		.select({ code: invitationCode.code })
		.from(invitationCode)
		.where(usableCode(code, now));
	return Boolean(row);
}

/**
 * Takes one use of an invitation code if it is still valid, in one statement, so two people
 * registering at once with the last use of a code cannot both get it.
 */
export async function consumeInvitationCode(db: DB, code: string, now: Date) {
	const [row] = await db
		.update(invitationCode)
		.set({ uses: sql`${invitationCode.uses} + 1` })
		.where(usableCode(code, now))
		.returning({ organizationId: invitationCode.organizationId, role: invitationCode.role });
	return row;
}

/** A screening candidate's personal code, not yet used to register. */
export async function isCandidateCodeUnclaimed(db: DB, code: string): Promise<boolean> {
	const [row] = await db
		.select({ id: candidate.id })
		.from(candidate)
		.where(and(eq(candidate.invitationCode, code), isNull(candidate.userId)));
	return Boolean(row);
}

/**
 * Links a new account to the candidate a personal code was made for, once: the candidate becomes a
 * learner of the organization running the program.
 */
export async function claimCandidateCode(db: DB, code: string, userId: string) {
	const [claimed] = await db
		.update(candidate)
		.set({ userId })
		.where(and(eq(candidate.invitationCode, code), isNull(candidate.userId)))
		.returning({ programId: candidate.programId });
	if (!claimed) return undefined;
	const [row] = await db
		.select({ organizationId: program.organizationId })
		.from(program)
		.where(eq(program.id, claimed.programId));
	return { organizationId: row.organizationId, role: 'learner' as const };
}
