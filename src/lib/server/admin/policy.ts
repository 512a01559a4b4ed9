import type { Actor } from '$lib/server/auth/actor';

/** Platform administrators manage every organization; an organization's admins manage theirs. */
export function canManageOrganization(actor: Actor, organizationId: string): boolean {
	return (
		actor.isPlatformAdmin ||
		actor.memberships.some((m) => m.role === 'admin' && m.organizationId === organizationId)
	);
}

/** Only platform administrators create organizations. */
export function canCreateOrganization(actor: Actor): boolean {
	return actor.isPlatformAdmin;
}

/** The organizations whose lists this actor may read: null means all of them. */
export function managedOrganizationIds(actor: Actor): string[] | null {
	if (actor.isPlatformAdmin) return null;
	return actor.memberships.filter((m) => m.role === 'admin').map((m) => m.organizationId);
}

/** An account as the policy sees it: whether it administers the platform, and where it holds roles. */
export type AccountScope = { isPlatformAdmin: boolean; organizationIds: readonly string[] };

/**
 * Whether the account belongs somewhere other than `organizationId`: a role in another organization
 * (the independent learners' included), or the platform's administration, which is everywhere.
 */
export function belongsElsewhere(account: AccountScope, organizationId: string): boolean {
	return account.isPlatformAdmin || account.organizationIds.some((id) => id !== organizationId);
}

/**
 * Giving a role here. A person who already holds a role here may be given another one; someone who
 * does not is given a first role by an organization's admin only when the account belongs nowhere
 * else (see `canActOnAccount`).
 */
export function canGrantRole(actor: Actor, organizationId: string, account: AccountScope): boolean {
	return (
		canActOnAccount(actor, organizationId, account) ||
		(canManageOrganization(actor, organizationId) &&
			account.organizationIds.includes(organizationId))
	);
}

/**
 * Acting on the account itself — giving it a first role here, disabling it — from an organization's
 * page. An organization's admin acts only on accounts that belong to their organization alone (or
 * to none yet); an account that also belongs elsewhere, and every platform administrator, is acted on
 * by platform administrators only (issue 9: an admin of B must not lock out an account of A).
 */
export function canActOnAccount(
	actor: Actor,
	organizationId: string,
	account: AccountScope
): boolean {
	if (!canManageOrganization(actor, organizationId)) return false;
	return actor.isPlatformAdmin || !belongsElsewhere(account, organizationId);
}
