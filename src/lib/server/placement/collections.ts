import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	itemCollection,
	itemCollectionItem,
	itemCollectionShare,
	organization,
	testItem,
	SHARE_MODES,
	type ShareMode
} from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import { authoringOrganizationIds, canAuthorFor } from './policy';

/**
 * Collections of items and their sharing with other organizations (issue 12). An organization's
 * instructors make collections of the items it holds and share one with a partner, to use in its
 * tests (read-only, keys hidden) or also to copy and edit. Every change is audited.
 */

export const COLLECTION_NAME_MAX = 120;

type CollectionRow = typeof itemCollection.$inferSelect;

async function collectionFor(db: DB, actor: Actor, id: string): Promise<CollectionRow> {
	const [row] = await db.select().from(itemCollection).where(eq(itemCollection.id, id));
	if (!row || !canAuthorFor(actor, row.organizationId)) throw new Forbidden();
	return row;
}

export async function createCollection(
	db: DB,
	actor: Actor,
	input: { organizationId: string; name: string },
	now = new Date()
): Promise<{ ok: true; id: string } | { ok: false; errors: { name?: 'required' | 'too_long' } }> {
	if (!canAuthorFor(actor, input.organizationId)) throw new Forbidden();
	const name = input.name.normalize('NFC').trim();
	if (!name) return { ok: false, errors: { name: 'required' } };
	if (name.length > COLLECTION_NAME_MAX) return { ok: false, errors: { name: 'too_long' } };
	const id = crypto.randomUUID();
	await db.transaction(async (tx) => {
		await tx.insert(itemCollection).values({
			id,
			organizationId: input.organizationId,
			name,
			createdBy: actor.id,
			createdAt: now
		});
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: 'item.collection',
			subjectType: 'item_collection',
			subjectId: id,
			reason: null,
			details: { name },
			before: null,
			after: { name },
			at: now
		});
	});
	return { ok: true, id };
}

/** Puts an item the collection's organization holds into it, or takes it out. */
export async function setCollectionItem(
	db: DB,
	actor: Actor,
	input: { collectionId: string; itemId: string; member: boolean },
	now = new Date()
): Promise<void> {
	const collection = await collectionFor(db, actor, input.collectionId);
	const [item] = await db
		.select({ owner: testItem.ownerOrganizationId })
		.from(testItem)
		.where(eq(testItem.id, input.itemId));
	if (!item || item.owner !== collection.organizationId) throw new Forbidden();
	await db.transaction(async (tx) => {
		if (input.member) {
			await tx
				.insert(itemCollectionItem)
				.values({ collectionId: collection.id, itemId: input.itemId })
				.onConflictDoNothing();
		} else {
			await tx
				.delete(itemCollectionItem)
				.where(
					and(
						eq(itemCollectionItem.collectionId, collection.id),
						eq(itemCollectionItem.itemId, input.itemId)
					)
				);
		}
		await audit(tx, {
			organizationId: collection.organizationId,
			actorId: actor.id,
			action: 'item.collection',
			subjectType: 'item_collection',
			subjectId: collection.id,
			reason: null,
			details: { name: collection.name, itemId: input.itemId },
			before: null,
			after: { item: input.itemId, member: input.member },
			at: now
		});
	});
}

export type ShareOutcome = { ok: true } | { ok: false; errors: { organizationId?: 'invalid' } };

/** Shares a collection with another organization (`use` or `copy`), or stops sharing (`mode` null). */
export async function shareCollection(
	db: DB,
	actor: Actor,
	input: { collectionId: string; organizationId: string; mode: ShareMode | null },
	now = new Date()
): Promise<ShareOutcome> {
	const collection = await collectionFor(db, actor, input.collectionId);
	if (input.mode !== null && !(SHARE_MODES as readonly string[]).includes(input.mode)) {
		return { ok: false, errors: { organizationId: 'invalid' } };
	}
	const [partner] = await db
		.select({ id: organization.id, independent: organization.isIndependentLearners })
		.from(organization)
		.where(eq(organization.id, input.organizationId));
	if (!partner || partner.independent || partner.id === collection.organizationId) {
		return { ok: false, errors: { organizationId: 'invalid' } };
	}
	await db.transaction(async (tx) => {
		const [before] = await tx
			.select({ mode: itemCollectionShare.mode })
			.from(itemCollectionShare)
			.where(
				and(
					eq(itemCollectionShare.collectionId, collection.id),
					eq(itemCollectionShare.organizationId, partner.id)
				)
			);
		if (input.mode === null) {
			await tx
				.delete(itemCollectionShare)
				.where(
					and(
						eq(itemCollectionShare.collectionId, collection.id),
						eq(itemCollectionShare.organizationId, partner.id)
					)
				);
		} else {
			await tx
				.insert(itemCollectionShare)
				.values({
					collectionId: collection.id,
					organizationId: partner.id,
					mode: input.mode,
					sharedBy: actor.id,
					sharedAt: now
				})
				.onConflictDoUpdate({
					target: [itemCollectionShare.collectionId, itemCollectionShare.organizationId],
					set: { mode: input.mode, sharedBy: actor.id, sharedAt: now }
				});
		}
		await audit(tx, {
			organizationId: collection.organizationId,
			actorId: actor.id,
			action: 'item.share',
			subjectType: 'item_collection',
			subjectId: collection.id,
			reason: null,
			details: { name: collection.name, partner: partner.id },
			before: before ? { mode: before.mode } : null,
			after: input.mode ? { mode: input.mode } : null,
			at: now
		});
	});
	return { ok: true };
}

/**
 * The actor's organizations' collections (with their items and shares) and the collections other
 * organizations share with them (items listed without keys).
 */
export async function collectionsForActor(db: DB, actor: Actor) {
	const orgs = authoringOrganizationIds(actor);
	if (orgs.length === 0) throw new Forbidden();
	const own = await db
		.select()
		.from(itemCollection)
		.where(inArray(itemCollection.organizationId, orgs))
		.orderBy(asc(itemCollection.name));
	const sharedRows = await db
		.select({
			id: itemCollection.id,
			name: itemCollection.name,
			ownerName: organization.name,
			mode: itemCollectionShare.mode,
			organizationId: itemCollectionShare.organizationId
		})
		.from(itemCollectionShare)
		.innerJoin(itemCollection, eq(itemCollection.id, itemCollectionShare.collectionId))
		.innerJoin(organization, eq(organization.id, itemCollection.organizationId))
		.where(inArray(itemCollectionShare.organizationId, orgs))
		.orderBy(asc(itemCollection.name));
	const ids = [...own.map((c) => c.id), ...sharedRows.map((c) => c.id)];
	const members = ids.length
		? await db
				.select({
					collectionId: itemCollectionItem.collectionId,
					itemId: testItem.id,
					skill: testItem.skill,
					level: testItem.level,
					status: testItem.status,
					content: testItem.content
				})
				.from(itemCollectionItem)
				.innerJoin(testItem, eq(testItem.id, itemCollectionItem.itemId))
				.where(inArray(itemCollectionItem.collectionId, ids))
				.orderBy(asc(testItem.level), asc(testItem.id))
		: [];
	const shares = own.length
		? await db
				.select({
					collectionId: itemCollectionShare.collectionId,
					organizationId: itemCollectionShare.organizationId,
					name: organization.name,
					mode: itemCollectionShare.mode
				})
				.from(itemCollectionShare)
				.innerJoin(organization, eq(organization.id, itemCollectionShare.organizationId))
				.where(
					inArray(
						itemCollectionShare.collectionId,
						own.map((c) => c.id)
					)
				)
		: [];
	const itemsOf = (id: string) =>
		members
			.filter((m) => m.collectionId === id)
			.map((m) => ({
				id: m.itemId,
				skill: m.skill,
				level: m.level,
				status: m.status,
				prompt: (m.content as { prompt: string }).prompt
			}));
	return {
		own: own.map((c) => ({
			id: c.id,
			name: c.name,
			organizationId: c.organizationId,
			items: itemsOf(c.id),
			shares: shares.filter((s) => s.collectionId === c.id)
		})),
		shared: sharedRows.map((c) => ({ ...c, items: itemsOf(c.id) }))
	};
}

/** The collections of the item's organization, and whether the item is in each (the item page). */
export async function collectionsOfItem(db: DB, actor: Actor, itemId: string, ownerId: string) {
	if (!canAuthorFor(actor, ownerId)) return [];
	const rows = await db
		.select({ id: itemCollection.id, name: itemCollection.name })
		.from(itemCollection)
		.where(eq(itemCollection.organizationId, ownerId))
		.orderBy(asc(itemCollection.name));
	const inside = await db
		.select({ id: itemCollectionItem.collectionId, n: count() })
		.from(itemCollectionItem)
		.where(eq(itemCollectionItem.itemId, itemId))
		.groupBy(itemCollectionItem.collectionId);
	return rows.map((r) => ({ ...r, member: inside.some((i) => i.id === r.id) }));
}
