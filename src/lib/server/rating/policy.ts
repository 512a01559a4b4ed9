import type { Actor } from '$lib/server/auth/actor';

/**
 * Rating: instructors rate the answers sent to their own organization; nobody else sees them.
 * The queue filter (`ratingOrganizationIds`) and the object check (`canRate`) say the same thing.
 */
export function ratingOrganizationIds(actor: Actor): string[] {
	return actor.memberships.filter((m) => m.role === 'instructor').map((m) => m.organizationId);
}

export function canRate(actor: Actor, request: { organizationId: string }): boolean {
	return ratingOrganizationIds(actor).includes(request.organizationId);
}

/**
 * A recording is heard by the person who made it, and by instructors of an organization that was
 * asked to rate it (`ratingOrganizations`: the organizations of the rating requests referencing it).
 */
export function canListenToRecording(
	actor: Actor,
	recording: { ownerId: string },
	ratingOrganizations: string[]
): boolean {
	if (recording.ownerId === actor.id) return true;
	const mine = ratingOrganizationIds(actor);
	return ratingOrganizations.some((org) => mine.includes(org));
}

/**
 * Who sees every rater's agreement figures: the organization's instructors (raters and their peers)
 * and its admissions officers, whose decisions rest on the ratings.
 */
export function agreementOrganizationIds(actor: Actor): string[] {
	const ids = actor.memberships
		.filter((m) => m.role === 'instructor' || m.role === 'admissions')
		.map((m) => m.organizationId);
	return [...new Set(ids)];
}
