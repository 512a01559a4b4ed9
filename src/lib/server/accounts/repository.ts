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

export async function setUserDisabled(
	db: DbOrTx,
	userId: string,
	disabled: boolean,
	now = new Date()
): Promise<void> {
	await db
		.update(user)
		.set({ disabledAt: disabled ? now : null })
		.where(eq(user.id, userId));
}

/** An account as authorization sees it: name, whether disabled, and every organization it belongs to. */
export async function accountScope(db: DbOrTx, userId: string) {
	const [row] = await db
		.select({
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			isPlatformAdmin: user.isPlatformAdmin,
			disabled: sql<boolean>`${user.disabledAt} is not null`
		})
		.from(user)
		.where(eq(user.id, userId));
	if (!row) return undefined;
	const memberships = await db
		.select({ organizationId: membership.organizationId, role: membership.role })
		.from(membership)
		.where(eq(membership.userId, userId));
	return {
		...row,
		roles: memberships,
		organizationIds: [...new Set(memberships.map((m) => m.organizationId))]
	};
}

/** The accounts holding the admin role in the organization that are not disabled. */
export async function activeAdminIds(db: DbOrTx, organizationId: string): Promise<string[]> {
	const rows = await db
		.select({ userId: membership.userId })
		.from(membership)
		.innerJoin(user, eq(membership.userId, user.id))
		.where(
			and(
				eq(membership.organizationId, organizationId),
				eq(membership.role, 'admin'),
				isNull(user.disabledAt)
			)
		);
	return rows.map((r) => r.userId);
}

/** Gives a role in an organization; holding it already is harmless. Whether it is new. */
export async function grantMembership(
	db: DbOrTx,
	grant: { userId: string; organizationId: string; role: Role }
): Promise<boolean> {
	const added = await db
		.insert(membership)
		.values(grant)
		.onConflictDoNothing()
		.returning({ userId: membership.userId });
	return added.length > 0;
}

/** Takes a role away; whether there was one to take. */
export async function revokeMembership(
	db: DbOrTx,
	grant: { userId: string; organizationId: string; role: Role }
): Promise<boolean> {
	const removed = await db
		.delete(membership)
		.where(
			and(
				eq(membership.organizationId, grant.organizationId),
				eq(membership.userId, grant.userId),
				eq(membership.role, grant.role)
			)
		)
		.returning({ userId: membership.userId });
	return removed.length > 0;
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

/** Withdraws a code of the organization that is not withdrawn yet; the code as it was, if any. */
export async function revokeInvitationCode(
	db: DbOrTx,
	organizationId: string,
	code: string,
	now = new Date()
) {
	const [row] = await db
		.update(invitationCode)
		.set({ revokedAt: now })
		.where(
			and(
				eq(invitationCode.code, code),
				eq(invitationCode.organizationId, organizationId),
				isNull(invitationCode.revokedAt)
			)
		)
		.returning({
			code: invitationCode.code,
			role: invitationCode.role,
			uses: invitationCode.uses,
			maxUses: invitationCode.maxUses
		});
	return row;
}
