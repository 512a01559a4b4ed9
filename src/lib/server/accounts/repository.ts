import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { invitationCode, membership, organization, user, type Role } from '$lib/server/db/schema';
import type { Membership } from '$lib/server/auth/actor';

/**
 * Accounts own the people (`user`), their roles (`membership`) and the organizations' invitation
 * codes: every write to those tables is one of these functions, whoever asks for it.
 */

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
			role: membership.role,
			independent: organization.isIndependentLearners
		})
		.from(membership)
		.innerJoin(organization, eq(membership.organizationId, organization.id))
		.where(eq(membership.userId, userId))
		.orderBy(asc(organization.name));
}

export async function independentLearnersOrganization(db: DbOrTx) {
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
export async function consumeInvitationCode(db: DbOrTx, code: string, now: Date) {
	const [row] = await db
		.update(invitationCode)
		.set({ uses: sql`${invitationCode.uses} + 1` })
		.where(usableCode(code, now))
		.returning({ organizationId: invitationCode.organizationId, role: invitationCode.role });
	return row;
}

export async function insertUser(db: DbOrTx, row: typeof user.$inferInsert): Promise<void> {
	await db.insert(user).values(row);
}

export async function setUserLocale(db: DB, userId: string, locale: 'vi' | 'lo' | 'en') {
	await db.update(user).set({ locale }).where(eq(user.id, userId));
}

export async function setUserDisabled(db: DB, userId: string, disabled: boolean): Promise<void> {
	await db
		.update(user)
		.set({ disabledAt: disabled ? new Date() : null })
		.where(eq(user.id, userId));
}

/** Gives a role in an organization; holding it already is harmless. */
export async function grantMembership(
	db: DbOrTx,
	grant: { userId: string; organizationId: string; role: Role }
): Promise<void> {
	await db.insert(membership).values(grant).onConflictDoNothing();
}

export async function revokeMembership(
	db: DB,
	grant: { userId: string; organizationId: string; role: Role }
): Promise<void> {
	await db
		.delete(membership)
		.where(
			and(
				eq(membership.organizationId, grant.organizationId),
				eq(membership.userId, grant.userId),
				eq(membership.role, grant.role)
			)
		);
}

/** Whether the person holds any role in the organization. */
export async function isMemberOf(db: DB, userId: string, organizationId: string) {
	const [row] = await db
		.select({ userId: membership.userId })
		.from(membership)
		.where(and(eq(membership.organizationId, organizationId), eq(membership.userId, userId)));
	return Boolean(row);
}

/** The first organization where the person became a learner: whose instructors rate their lessons. */
export async function firstLearnerOrganization(db: DB, userId: string): Promise<string | null> {
	const [row] = await db
		.select({ organizationId: membership.organizationId })
		.from(membership)
		.where(and(eq(membership.userId, userId), eq(membership.role, 'learner')))
		.orderBy(asc(membership.createdAt))
		.limit(1);
	return row?.organizationId ?? null;
}

export async function insertInvitationCode(
	db: DbOrTx,
	row: typeof invitationCode.$inferInsert
): Promise<void> {
	await db.insert(invitationCode).values(row);
}

export async function revokeInvitationCode(
	db: DB,
	organizationId: string,
	code: string,
	now = new Date()
): Promise<void> {
	await db
		.update(invitationCode)
		.set({ revokedAt: now })
		.where(and(eq(invitationCode.code, code), eq(invitationCode.organizationId, organizationId)));
}
