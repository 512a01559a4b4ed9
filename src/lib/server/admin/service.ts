import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
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
	findUserByUsername,
	grantMembership,
	insertInvitationCode,
	isMemberOf,
	revokeInvitationCode as revokeCode,
	revokeMembership,
	setUserDisabled
} from '$lib/server/accounts/repository';
import { normalizeUsername } from '$lib/accounts/validation';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { generateCode } from '$lib/server/auth/codes';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { canCreateOrganization, canManageOrganization, managedOrganizationIds } from './policy';
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

export async function listMembers(db: DB, actor: Actor, organizationId: string) {
	assertManages(actor, organizationId);
	const rows = await db
		.select({
			userId: user.id,
			username: user.username,
			displayName: user.displayName,
			phone: user.phone,
			disabled: sql<boolean>`${user.disabledAt} is not null`,
			role: membership.role
		})
		.from(membership)
		.innerJoin(user, eq(membership.userId, user.id))
		.where(eq(membership.organizationId, organizationId))
		.orderBy(asc(user.displayName));
	// One row per person with all their roles in this organization.
	const byUser = new Map<string, (typeof rows)[number] & { roles: Role[] }>();
	for (const row of rows) {
		const entry = byUser.get(row.userId) ?? { ...row, roles: [] };
		entry.roles.push(row.role);
		byUser.set(row.userId, entry);
	}
	return [...byUser.values()].map(({ role: _role, ...rest }) => rest);
}

export async function grantRole(
	db: DB,
	actor: Actor,
	input: { organizationId: string; username: string; role: string }
): Promise<{ ok: true } | { ok: false; error: 'user_not_found' | 'role_invalid' }> {
	assertManages(actor, input.organizationId);
	if (!isRole(input.role)) return { ok: false, error: 'role_invalid' };
	const found = await findUserByUsername(db, normalizeUsername(input.username));
	if (!found) return { ok: false, error: 'user_not_found' };
	await grantMembership(db, {
		userId: found.id,
		organizationId: input.organizationId,
		role: input.role
	});
	return { ok: true };
}

export async function revokeRole(
	db: DB,
	actor: Actor,
	input: { organizationId: string; userId: string; role: string }
): Promise<void> {
	assertManages(actor, input.organizationId);
	if (!isRole(input.role)) return;
	await revokeMembership(db, { ...input, role: input.role });
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
	}
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
	await insertInvitationCode(db, {
		code,
		organizationId: input.organizationId,
		role: input.role,
		maxUses: input.maxUses,
		note: input.note?.trim() || null,
		expiresAt: input.validDays ? new Date(Date.now() + input.validDays * 86_400_000) : null,
		createdBy: actor.id
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
	input: { organizationId: string; code: string }
): Promise<void> {
	assertManages(actor, input.organizationId);
	await revokeCode(db, input.organizationId, input.code);
}

/** Disabling signs the person out everywhere; their data stays. */
export async function setAccountDisabled(
	db: DB,
	actor: Actor,
	input: { organizationId: string; userId: string; disabled: boolean }
): Promise<void> {
	assertManages(actor, input.organizationId);
	const member = await isMemberOf(db, input.userId, input.organizationId);
	if (!member || input.userId === actor.id) throw new Forbidden();
	await setUserDisabled(db, input.userId, input.disabled);
	if (input.disabled) await invalidateUserSessions(db, input.userId);
}
