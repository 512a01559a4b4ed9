import type { Actor } from '$lib/server/auth/actor';

/** Admissions officers act for their own organizations only; administrators may read along. */
export function canManageAdmissions(actor: Actor, organizationId: string): boolean {
	return actor.memberships.some(
		(m) => m.role === 'admissions' && m.organizationId === organizationId
	);
}

export function canReadAuditLog(actor: Actor, organizationId: string): boolean {
	return (
		canManageAdmissions(actor, organizationId) ||
		actor.isPlatformAdmin ||
		actor.memberships.some((m) => m.role === 'admin' && m.organizationId === organizationId)
	);
}

export function admissionsOrganizationIds(actor: Actor): string[] {
	return actor.memberships.filter((m) => m.role === 'admissions').map((m) => m.organizationId);
}

/**
 * The organizations whose audit log this actor may read: where they run admissions or administer.
 * Null means every organization (platform administrators).
 */
export function auditOrganizationIds(actor: Actor): string[] | null {
	if (actor.isPlatformAdmin) return null;
	return [
		...new Set(
			actor.memberships
				.filter((m) => m.role === 'admissions' || m.role === 'admin')
				.map((m) => m.organizationId)
		)
	];
}
