import type { Actor } from '$lib/server/auth/actor';

/**
 * Instructors write, publish, export and restore the courses of the organizations they teach in, and
 * nobody else's: an instructor of another organization may not even read a draft.
 */
export function canAuthor(actor: Actor, organizationId: string | null): boolean {
	return (
		organizationId !== null &&
		actor.memberships.some((m) => m.role === 'instructor' && m.organizationId === organizationId)
	);
}

/** The organizations whose courses the actor edits (the query filter matching `canAuthor`). */
export function authoringOrganizationIds(actor: Actor): string[] {
	return actor.memberships.filter((m) => m.role === 'instructor').map((m) => m.organizationId);
}
