import { inArray, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { cohort } from '$lib/server/db/schema';

/**
 * Classes: an instructor teaches the classes of the organizations where they hold the instructor
 * role; nobody else reads or changes them. The list filter and the object check say the same thing.
 */
export function teachingOrganizationIds(actor: Actor): string[] {
	return actor.memberships.filter((m) => m.role === 'instructor').map((m) => m.organizationId);
}

export function canTeach(actor: Actor, cls: { organizationId: string }): boolean {
	return teachingOrganizationIds(actor).includes(cls.organizationId);
}

/** The query filter matching `canTeach`. */
export function taughtBy(actor: Actor): SQL {
	const ids = teachingOrganizationIds(actor);
	return inArray(cohort.organizationId, ids.length > 0 ? ids : ['']);
}
