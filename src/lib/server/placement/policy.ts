import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { itemCollectionItem, itemCollectionShare, testItem } from '$lib/server/db/schema';
import type { DbOrTx } from '$lib/server/db/client';

/**
 * Who sees what of a test item (issue 12):
 * - an organization HOLDS its own items (written or copied there): its instructors edit drafts, move
 *   them through the workflow, and see keys and parameters (its administrators see them too);
 * - an organization USES the items of collections shared with it (and the shared seed banks, which
 *   belong to nobody): they may be given in its tests and it sees their content and owner, never the
 *   keys or parameters of another organization's items;
 * - nobody else sees an item at all (its id answers 403, like an id that does not exist).
 * The seed banks' keys are in the repository's files, so every instructor may read them.
 */
export function holdingOrganizationIds(actor: Actor): string[] {
	return [
		...new Set(
			actor.memberships
				.filter((m) => m.role === 'instructor' || m.role === 'admin')
				.map((m) => m.organizationId)
		)
	];
}

/** The organizations whose instructors write and move items: instructor memberships only. */
export function authoringOrganizationIds(actor: Actor): string[] {
	return actor.memberships.filter((m) => m.role === 'instructor').map((m) => m.organizationId);
}

export function canAuthorFor(actor: Actor, organizationId: string | null): boolean {
	return organizationId !== null && authoringOrganizationIds(actor).includes(organizationId);
}

/** Keys and parameters: the holding organization's instructors and administrators; seed items: all. */
export function canSeeKey(actor: Actor, item: { ownerOrganizationId: string | null }): boolean {
	return (
		item.ownerOrganizationId === null ||
		holdingOrganizationIds(actor).includes(item.ownerOrganizationId)
	);
}

/** Ids of items in collections shared with one of `organizationIds` (`copy` shares only, if asked). */
export function sharedItemIds(db: DbOrTx, organizationIds: string[], mode?: 'copy') {
	const ids = organizationIds.length > 0 ? organizationIds : [''];
	return db
		.select({ itemId: itemCollectionItem.itemId })
		.from(itemCollectionItem)
		.innerJoin(
			itemCollectionShare,
			eq(itemCollectionShare.collectionId, itemCollectionItem.collectionId)
		)
		.where(
			and(
				inArray(itemCollectionShare.organizationId, ids),
				mode ? eq(itemCollectionShare.mode, mode) : undefined
			)
		);
}

/**
 * The filter of the items these organizations may use (see, and give in their tests): their own,
 * the seed banks', and those of collections shared with them.
 */
export function usableBy(db: DbOrTx, organizationIds: string[]): SQL {
	const ids = organizationIds.length > 0 ? organizationIds : [''];
	return or(
		isNull(testItem.ownerOrganizationId),
		inArray(testItem.ownerOrganizationId, ids),
		inArray(testItem.id, sharedItemIds(db, ids))
	)!;
}
