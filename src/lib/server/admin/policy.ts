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
