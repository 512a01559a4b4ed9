import type { Actor } from '$lib/server/auth/actor';

/**
 * Who may record and attach a course's media: instructors of the organization that owns the course
 * (a course nobody owns yet: platform administrators only), and who may use an organization's media
 * library: its instructors. Lists use `recordingOrganizations` as their filter.
 */
export function canRecordFor(actor: Actor, ownerId: string | null): boolean {
	if (actor.isPlatformAdmin) return true;
	return ownerId !== null && recordingOrganizations(actor).includes(ownerId);
}

/** The organizations whose courses and library the actor records for (query filter of `canRecordFor`). */
export function recordingOrganizations(actor: Actor): string[] {
	return actor.memberships.filter((m) => m.role === 'instructor').map((m) => m.organizationId);
}
