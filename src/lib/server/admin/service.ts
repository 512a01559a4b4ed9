import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	invitationCode,
	membership,
	organization,
	ROLES,
	user,
	type Role
} from '$lib/server/db/schema';
import {
	accountScope,
	activeAdminIds,
	findUserByUsername,
	grantMembership,
	insertInvitationCode,
	revokeInvitationCode as revokeCode,
	revokeMembership,
	setUserDisabled
} from '$lib/server/accounts/repository';
import { normalizeUsername } from '$lib/accounts/validation';
import { BadRequest, Forbidden, type Actor } from '$lib/server/auth/actor';
import { generateCode } from '$lib/server/auth/codes';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { audit } from '$lib/server/audit/log';
import {
	belongsElsewhere,
	canActOnAccount,
	canCreateOrganization,
	canGrantRole,
	canManageOrganization,
	managedOrganizationIds
} from './policy';
import { insertOrganizations } from './repository';

/**
 * The administrators' service: organizations (admin's own table), and people's roles and the
 * organizations' invitation codes, which it authorizes and validates and then asks accounts, their
 * owner, to write.
 */

function assertManages(actor: Actor, organizationId: string) {
	if (!canManageOrganization(actor, organizationId)) throw new Forbidden();
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export async function listOrganizations(db: DB, actor: Actor) {
	const ids = managedOrganizationIds(actor);
	if (ids && ids.length === 0) return [];
	const members = sql<number>`(select count(distinct ${membership.userId})::int from ${membership} where ${membership.organizationId} = ${organization.id})`;
	return db
		.select({
			id: organization.id,
			name: organization.name,
			country: organization.country,
			isIndependentLearners: organization.isIndependentLearners,
			members
		})
		.from(organization)
		.where(ids ? inArray(organization.id, ids) : undefined)
		.orderBy(asc(organization.country), asc(organization.name));
}

export type OrganizationInput = { name: string; country: string };

export async function createOrganization(
	db: DB,
	actor: Actor,
	input: OrganizationInput
): Promise<
	| { ok: true; id: string }
	| { ok: false; error: 'name_required' | 'name_taken' | 'country_invalid' }
> {
	if (!canCreateOrganization(actor)) throw new Forbidden();
	const name = input.name.trim().normalize('NFC');
	if (!name) return { ok: false, error: 'name_required' };
	if (input.country !== 'VN' && input.country !== 'LA')
		return { ok: false, error: 'country_invalid' };
	const [existing] = await db
		.select({ id: organization.id })
		.from(organization)
		.where(eq(organization.name, name));
	if (existing) return { ok: false, error: 'name_taken' };
	const id = crypto.randomUUID();
	await insertOrganizations(db, [{ id, name, country: input.country }]);
	return { ok: true, id };
}

export async function getOrganization(db: DB, actor: Actor, organizationId: string) {
	assertManages(actor, organizationId);
	const [org] = await db
		.select({
			id: organization.id,
			name: organization.name,
			country: organization.country,
			isIndependentLearners: organization.isIndependentLearners
		})
		.from(organization)
		.where(eq(organization.id, organizationId));
	return org;
}

/**
 * The people of an organization with their roles here. No phone number: an account that also belongs
 * elsewhere is not this organization's to reveal. `elsewhere`: it holds roles in another organization
 * or administers the platform, so only a platform administrator may disable it (`canDisable`).
 */
/**
 * The organization's members with all their roles here, by name; with `role`, only those who hold
 * it here (narrowed in the query: a large organization's page lists only what it shows).
 */
export async function listMembers(db: DB, actor: Actor, organizationId: string, role?: Role) {
	assertManages(actor, organizationId);
	const holdsRole = role
		? sql`exists (select 1 from ${membership} as held where held.user_id = ${user.id} and held.organization_id = ${organizationId} and held.role = ${role})`
		: undefined;
	const rows = await db
		.select({
			userId: user.id,
			username: user.username,
			displayName: user.displayName,
			isPlatformAdmin: user.isPlatformAdmin,
			disabled: sql<boolean>`${user.disabledAt} is not null`,
			role: membership.role,
			elsewhere: sql<boolean>`exists (select 1 from ${membership} as other where other.user_id = ${user.id} and other.organization_id <> ${organizationId})`
		})
		.from(membership)
		.innerJoin(user, eq(membership.userId, user.id))
		.where(and(eq(membership.organizationId, organizationId), holdsRole))
		.orderBy(asc(user.displayName), asc(user.username));
	// One row per person with all their roles in this organization.
	const byUser = new Map<string, Member>();
	for (const row of rows) {
		const elsewhere = row.elsewhere || row.isPlatformAdmin;
		const entry: Member = byUser.get(row.userId) ?? {
			userId: row.userId,
			username: row.username,
			displayName: row.displayName,
			disabled: row.disabled,
			elsewhere,
			// The same rule as `canActOnAccount`, for an account of this organization.
			canDisable: row.userId !== actor.id && (actor.isPlatformAdmin || !elsewhere),
			roles: []
		};
		entry.roles.push(row.role);
		byUser.set(row.userId, entry);
	}
	return [...byUser.values()];
}

export type Member = {
	userId: string;
	username: string;
	displayName: string;
	disabled: boolean;
	elsewhere: boolean;
	canDisable: boolean;
	roles: Role[];
};

const rolesIn = (account: { roles: { organizationId: string; role: Role }[] }, orgId: string) =>
	account.roles
		.filter((r) => r.organizationId === orgId)
		.map((r) => r.role)
		.sort();

const accountDetails = (account: { username: string; displayName: string }) => ({
	account: account.username,
	name: account.displayName
});

/**
 * Gives a role here to an account named by its username. An organization's admin reaches only
 * accounts of this organization or of none: for an account of another organization the answer is the
 * same as for a username nobody has, so the form reveals nothing about other organizations' people.
 */
export async function grantRole(
	db: DB,
	actor: Actor,
	input: { organizationId: string; username: string; role: string },
	now = new Date()
): Promise<
	{ ok: true } | { ok: false; error: 'user_not_found' | 'user_not_here' | 'role_invalid' }
> {
	assertManages(actor, input.organizationId);
	if (!isRole(input.role)) return { ok: false, error: 'role_invalid' };
	const role = input.role;
	const found = await findUserByUsername(db, normalizeUsername(input.username));
	const account = found && (await accountScope(db, found.id));
	if (!account || !canGrantRole(actor, input.organizationId, account)) {
		return { ok: false, error: actor.isPlatformAdmin ? 'user_not_found' : 'user_not_here' };
	}
	await db.transaction(async (tx) => {
		const before = rolesIn(account, input.organizationId);
		const added = await grantMembership(tx, {
			userId: account.id,
			organizationId: input.organizationId,
			role
		});
		if (!added) return;
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: 'role_granted',
			subjectType: 'account',
			subjectId: account.id,
			reason: null,
			details: { ...accountDetails(account), role },
			before: { roles: before },
			after: { roles: [...before, role].sort() },
			at: now
		});
	});
	return { ok: true };
}

/** Why a change asks "are you sure?" before it is made. */
export type Warning = 'own_admin_role' | 'last_admin' | 'other_organizations';

export type ConfirmFirst = {
	ok: false;
	confirm: { userId: string; name: string; role?: Role; warnings: Warning[] };
};

/**
 * Takes a role away, only once confirmed (`confirmed`): the first call answers with what to confirm,
 * including that it is the actor's own admin role or the organization's last administrator.
 * `leftAdministration`: the actor no longer administers this organization, so its page is not theirs.
 */
export async function revokeRole(
	db: DB,
	actor: Actor,
	input: { organizationId: string; userId: string; role: string; confirmed: boolean },
	now = new Date()
): Promise<{ ok: true; leftAdministration: boolean } | ConfirmFirst> {
	assertManages(actor, input.organizationId);
	if (!isRole(input.role)) throw new BadRequest();
	const role = input.role;
	const account = await accountScope(db, input.userId);
	const held = account ? rolesIn(account, input.organizationId) : [];
	if (!account || !held.includes(role)) throw new Forbidden();
	const ownAdmin = role === 'admin' && account.id === actor.id;
	if (!input.confirmed) {
		const warnings: Warning[] = [];
		if (ownAdmin) warnings.push('own_admin_role');
		if (role === 'admin' && (await isLastAdmin(db, input.organizationId, account.id)))
			warnings.push('last_admin');
		return {
			ok: false,
			confirm: { userId: account.id, name: account.displayName, role, warnings }
		};
	}
	await db.transaction(async (tx) => {
		const removed = await revokeMembership(tx, {
			userId: account.id,
			organizationId: input.organizationId,
			role
		});
		if (!removed) return;
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: 'role_revoked',
			subjectType: 'account',
			subjectId: account.id,
			reason: null,
			details: { ...accountDetails(account), role },
			before: { roles: held },
			after: { roles: held.filter((r) => r !== role) },
			at: now
		});
	});
	return { ok: true, leftAdministration: ownAdmin && !actor.isPlatformAdmin };
}

async function isLastAdmin(db: DB, organizationId: string, userId: string): Promise<boolean> {
	const admins = await activeAdminIds(db, organizationId);
	return admins.length === 0 || (admins.length === 1 && admins[0] === userId);
}

export async function createInvitationCode(
	db: DB,
	actor: Actor,
	input: {
		organizationId: string;
		role: string;
		maxUses: number;
		validDays: number | null;
		note?: string;
	},
	now = new Date()
): Promise<
	| { ok: true; code: string }
	| { ok: false; error: 'role_invalid' | 'max_uses_invalid' | 'valid_days_invalid' }
> {
	assertManages(actor, input.organizationId);
	if (!isRole(input.role)) return { ok: false, error: 'role_invalid' };
	if (!Number.isInteger(input.maxUses) || input.maxUses < 1 || input.maxUses > 1000) {
		return { ok: false, error: 'max_uses_invalid' };
	}
	if (
		input.validDays !== null &&
		(!Number.isInteger(input.validDays) || input.validDays < 1 || input.validDays > 365)
	) {
		return { ok: false, error: 'valid_days_invalid' };
	}
	const code = generateCode();
	const row = {
		code,
		organizationId: input.organizationId,
		role: input.role,
		maxUses: input.maxUses,
		note: input.note?.trim() || null,
		expiresAt: input.validDays ? new Date(now.getTime() + input.validDays * 86_400_000) : null,
		createdBy: actor.id
	};
	await db.transaction(async (tx) => {
		await insertInvitationCode(tx, row);
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: 'code_created',
			subjectType: 'invitation_code',
			subjectId: code,
			reason: null,
			details: { role: row.role },
			before: null,
			after: {
				role: row.role,
				maxUses: row.maxUses,
				expiresAt: row.expiresAt?.toISOString() ?? null,
				note: row.note
			},
			at: now
		});
	});
	return { ok: true, code };
}

export async function listInvitationCodes(db: DB, actor: Actor, organizationId: string) {
	assertManages(actor, organizationId);
	return db
		.select({
			code: invitationCode.code,
			role: invitationCode.role,
			maxUses: invitationCode.maxUses,
			uses: invitationCode.uses,
			note: invitationCode.note,
			expiresAt: invitationCode.expiresAt,
			revokedAt: invitationCode.revokedAt,
			createdAt: invitationCode.createdAt
		})
		.from(invitationCode)
		.where(eq(invitationCode.organizationId, organizationId))
		.orderBy(desc(invitationCode.createdAt));
}

export async function revokeInvitationCode(
	db: DB,
	actor: Actor,
	input: { organizationId: string; code: string },
	now = new Date()
): Promise<void> {
	assertManages(actor, input.organizationId);
	await db.transaction(async (tx) => {
		const revoked = await revokeCode(tx, input.organizationId, input.code, now);
		if (!revoked) return;
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: 'code_revoked',
			subjectType: 'invitation_code',
			subjectId: revoked.code,
			reason: null,
			details: { role: revoked.role },
			before: { revoked: false, uses: revoked.uses, maxUses: revoked.maxUses },
			after: { revoked: true, uses: revoked.uses, maxUses: revoked.maxUses },
			at: now
		});
	});
}

/**
 * Disables or enables an account (disabling signs the person out everywhere; their data stays).
 * Only for an account the actor may act on (`canActOnAccount`: an organization's admin never disables
 * an account that also belongs elsewhere, nor a platform administrator), never their own, and
 * disabling only once confirmed (`confirmed`), the first call answering with what to confirm.
 */
export async function setAccountDisabled(
	db: DB,
	actor: Actor,
	input: { organizationId: string; userId: string; disabled: boolean; confirmed?: boolean },
	now = new Date()
): Promise<{ ok: true } | ConfirmFirst> {
	assertManages(actor, input.organizationId);
	const account = await accountScope(db, input.userId);
	if (
		!account ||
		!account.organizationIds.includes(input.organizationId) ||
		account.id === actor.id ||
		!canActOnAccount(actor, input.organizationId, account)
	) {
		throw new Forbidden();
	}
	if (account.disabled === input.disabled) return { ok: true };
	if (input.disabled && !input.confirmed) {
		const warnings: Warning[] = [];
		if (belongsElsewhere(account, input.organizationId)) warnings.push('other_organizations');
		const isAdminHere = rolesIn(account, input.organizationId).includes('admin');
		if (isAdminHere && (await isLastAdmin(db, input.organizationId, account.id)))
			warnings.push('last_admin');
		return { ok: false, confirm: { userId: account.id, name: account.displayName, warnings } };
	}
	await db.transaction(async (tx) => {
		await setUserDisabled(tx, account.id, input.disabled, now);
		if (input.disabled) await invalidateUserSessions(tx, account.id);
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: input.disabled ? 'account_disabled' : 'account_enabled',
			subjectType: 'account',
			subjectId: account.id,
			reason: null,
			details: accountDetails(account),
			before: { disabled: account.disabled },
			after: { disabled: input.disabled },
			at: now
		});
	});
	return { ok: true };
}
