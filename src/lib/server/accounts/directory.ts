import { and, eq, exists, inArray, isNull, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { membership, organization, user } from '$lib/server/db/schema';

/**
 * Looking people up for other domains (a class's roster): names and usernames only, never a
 * password hash or a phone number.
 */

/**
 * The active accounts among `usernames` (compared lower-case) that hold the learner role in some
 * organization: who may be put in a class.
 */
export async function learnerAccountsByUsername(db: DB, usernames: string[]) {
	if (usernames.length === 0) return [];
	const lower = usernames.map((u) => u.toLowerCase());
	return db
		.select({ id: user.id, username: user.username, displayName: user.displayName })
		.from(user)
		.where(
			and(
				inArray(sql`lower(${user.username})`, lower),
				isNull(user.disabledAt),
				exists(
					db
						.select({ one: sql`1` })
						.from(membership)
						.where(and(eq(membership.userId, user.id), eq(membership.role, 'learner')))
				)
			)
		);
}

/** Names and usernames of these people, for a roster. */
export async function peopleByIds(db: DB, ids: string[]) {
	if (ids.length === 0) return [];
	return db
		.select({ id: user.id, username: user.username, displayName: user.displayName })
		.from(user)
		.where(inArray(user.id, ids));
}

/** The organizations items can be shared with (not the independent learners'), by name. */
export async function partnerOrganizations(db: DB) {
	return db
		.select({ id: organization.id, name: organization.name })
		.from(organization)
		.where(eq(organization.isIndependentLearners, false))
		.orderBy(organization.name);
}
