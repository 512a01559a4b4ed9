import { and, asc, desc, eq, inArray, ne, notExists, sql } from 'drizzle-orm';
import type { DB, DbOrTx, Tx } from '$lib/server/db/client';
import {
	rating,
	ratingRequest,
	recording,
	testItem,
	user,
	type ItemContent
} from '$lib/server/db/schema';

export type RatingRequestRow = typeof ratingRequest.$inferSelect;

export async function insertRatingRequest(
	db: DbOrTx,
	row: typeof ratingRequest.$inferInsert
): Promise<void> {
	// The same answer asked twice (a retry) keeps its first request.
	await db.insert(ratingRequest).values(row).onConflictDoNothing();
}

/**
 * Pending answers of these organizations that `raterId` has not rated yet (a rater never gets the
 * same answer twice), oldest first.
 */
export async function pendingRequests(db: DB, organizationIds: string[], raterId: string) {
	if (organizationIds.length === 0) return [];
	return db
		.select({
			id: ratingRequest.id,
			source: ratingRequest.source,
			sourceId: ratingRequest.sourceId,
			skill: ratingRequest.skill,
			createdAt: ratingRequest.createdAt,
			organizationId: ratingRequest.organizationId,
			ratingsNeeded: ratingRequest.ratingsNeeded,
			itemLevel: testItem.level
		})
		.from(ratingRequest)
		.leftJoin(testItem, eq(ratingRequest.itemId, testItem.id))
		.where(
			and(
				inArray(ratingRequest.organizationId, organizationIds),
				eq(ratingRequest.status, 'pending'),
				notExists(
					db
						.select({ id: rating.id })
						.from(rating)
						.where(and(eq(rating.requestId, ratingRequest.id), eq(rating.raterId, raterId)))
				)
			)
		)
		.orderBy(asc(ratingRequest.createdAt), asc(ratingRequest.id));
}

export async function requestById(db: DbOrTx, id: string) {
	const [row] = await db.select().from(ratingRequest).where(eq(ratingRequest.id, id));
	return row ?? null;
}

export async function itemOfRequest(db: DB, itemId: string | null) {
	if (!itemId) return null;
	const [row] = await db
		.select({
			id: testItem.id,
			level: testItem.level,
			kind: testItem.kind,
			content: testItem.content
		})
		.from(testItem)
		.where(eq(testItem.id, itemId));
	return row ? { ...row, content: row.content as ItemContent } : null;
}

/**
 * Marks a pending request rated. Only one of two raters racing on the same request gets a row back:
 * the update matches `status = 'pending'` once.
 */
export async function markRated(
	tx: Tx,
	id: string,
	values: {
		criterionScores: Record<string, number>;
		level: number;
		comment: string | null;
		ratedBy: string | null;
		ratedAt: Date;
	}
): Promise<RatingRequestRow | null> {
	const [row] = await tx
		.update(ratingRequest)
		.set({ ...values, status: 'rated' })
		.where(and(eq(ratingRequest.id, id), eq(ratingRequest.status, 'pending')))
		.returning();
	return row ?? null;
}

export async function insertRecording(
	db: DbOrTx,
	row: typeof recording.$inferInsert
): Promise<void> {
	await db.insert(recording).values(row);
}

/** Inserts a recording sent from the outbox once per owner and client id; the row's id either way. */
export async function insertRecordingOnce(
	db: DbOrTx,
	row: typeof recording.$inferInsert & { clientId: string }
): Promise<{ id: string; created: boolean }> {
	const inserted = await db
		.insert(recording)
		.values(row)
		.onConflictDoNothing({ target: [recording.ownerId, recording.clientId] })
		.returning({ id: recording.id });
	if (inserted[0]) return { id: inserted[0].id, created: true };
	const existing = await recordingIdByClientId(db, row.ownerId, row.clientId);
	if (!existing) throw new Error('recording conflict without a row');
	return { id: existing, created: false };
}

/** The id of the owner's recording sent with this client id, or null. */
export async function recordingIdByClientId(
	db: DbOrTx,
	ownerId: string,
	clientId: string
): Promise<string | null> {
	const [row] = await db
		.select({ id: recording.id })
		.from(recording)
		.where(and(eq(recording.ownerId, ownerId), eq(recording.clientId, clientId)));
	return row?.id ?? null;
}

export async function recordingById(db: DB, id: string) {
	const [row] = await db.select().from(recording).where(eq(recording.id, id));
	return row ?? null;
}

/** The organizations asked to rate an answer that is this recording. */
export async function organizationsRatingRecording(db: DB, recordingId: string): Promise<string[]> {
	const rows = await db
		.select({ organizationId: ratingRequest.organizationId })
		.from(ratingRequest)
		.where(sql`${ratingRequest.response}->>'recordingId' = ${recordingId}`);
	return rows.map((r) => r.organizationId);
}

/** Every request made for one source (e.g. the rated tasks of one attempt), with its rating if any. */
export async function requestsOfSource(
	db: DbOrTx,
	source: RatingRequestRow['source'],
	sourceId: string
) {
	return db
		.select({
			skill: ratingRequest.skill,
			status: ratingRequest.status,
			level: ratingRequest.level
		})
		.from(ratingRequest)
		.where(and(eq(ratingRequest.source, source), eq(ratingRequest.sourceId, sourceId)));
}

/** The requests of these sources (e.g. a learner's lesson answers) with their rating, if any. */
export async function ratingsOfSources(
	db: DB,
	source: RatingRequestRow['source'],
	sourceIds: string[]
) {
	if (sourceIds.length === 0) return [];
	return db
		.select({
			sourceId: ratingRequest.sourceId,
			status: ratingRequest.status,
			level: ratingRequest.level,
			comment: ratingRequest.comment,
			ratedAt: ratingRequest.ratedAt
		})
		.from(ratingRequest)
		.where(and(eq(ratingRequest.source, source), inArray(ratingRequest.sourceId, sourceIds)));
}

/** The answer waits again: its resolved scores, level and comment cleared (a rating was taken back). */
export async function markPending(tx: Tx, id: string): Promise<void> {
	await tx
		.update(ratingRequest)
		.set({
			status: 'pending',
			criterionScores: null,
			level: null,
			comment: null,
			ratedBy: null,
			ratedAt: null
		})
		.where(eq(ratingRequest.id, id));
}

/** The ratings one rater gave in these organizations, newest first (at most `limit`): their own bands. */
export async function ratingsBy(db: DB, raterId: string, organizationIds: string[], limit = 200) {
	if (organizationIds.length === 0) return [];
	return db
		.select({
			id: ratingRequest.id,
			source: ratingRequest.source,
			sourceId: ratingRequest.sourceId,
			skill: ratingRequest.skill,
			status: ratingRequest.status,
			ratingsNeeded: ratingRequest.ratingsNeeded,
			round: rating.round,
			criterionScores: rating.criterionScores,
			level: rating.level,
			ratedAt: rating.ratedAt,
			itemLevel: testItem.level
		})
		.from(rating)
		.innerJoin(ratingRequest, eq(rating.requestId, ratingRequest.id))
		.leftJoin(testItem, eq(ratingRequest.itemId, testItem.id))
		.where(and(eq(rating.raterId, raterId), inArray(ratingRequest.organizationId, organizationIds)))
		.orderBy(desc(rating.ratedAt), asc(ratingRequest.id))
		.limit(limit);
}

/** Holds the request's row until the transaction ends: ratings of one answer are given one at a time. */
export async function lockRequest(tx: Tx, id: string) {
	const [row] = await tx.select().from(ratingRequest).where(eq(ratingRequest.id, id)).for('update');
	return row ?? null;
}

/** The independent ratings of one answer, in the order they arrived. */
export async function ratingsOfRequest(db: DbOrTx, requestId: string) {
	return db.select().from(rating).where(eq(rating.requestId, requestId)).orderBy(asc(rating.round));
}

export async function insertRating(tx: Tx, row: typeof rating.$inferInsert): Promise<void> {
	await tx.insert(rating).values(row);
}

export async function deleteRating(tx: Tx, id: string): Promise<void> {
	await tx.delete(rating).where(eq(rating.id, id));
}

/** A third rater is needed: the answer waits for one more rating. */
export async function askThirdRating(tx: Tx, id: string): Promise<void> {
	await tx.update(ratingRequest).set({ ratingsNeeded: 3 }).where(eq(ratingRequest.id, id));
}

/**
 * Every rating of the answers in these organizations that more than one rater rated: the material
 * of agreement figures. With the rater's name (colleagues see each other's agreement, never a
 * candidate's name) and the item, whose rubric sets the band range.
 */
export async function sharedRatings(db: DB, organizationIds: string[]) {
	if (organizationIds.length === 0) return [];
	const shared = db
		.select({ requestId: rating.requestId })
		.from(rating)
		.innerJoin(ratingRequest, eq(rating.requestId, ratingRequest.id))
		.where(inArray(ratingRequest.organizationId, organizationIds))
		.groupBy(rating.requestId)
		.having(sql`count(*) > 1`);
	return db
		.select({
			requestId: rating.requestId,
			raterId: rating.raterId,
			raterName: user.displayName,
			criterionScores: rating.criterionScores,
			itemId: ratingRequest.itemId
		})
		.from(rating)
		.innerJoin(ratingRequest, eq(rating.requestId, ratingRequest.id))
		.leftJoin(user, eq(rating.raterId, user.id))
		.where(inArray(rating.requestId, shared));
}

/** How far each request of these sources has come: its status and how many ratings it has and needs. */
export async function progressOfSources(
	db: DB,
	source: RatingRequestRow['source'],
	sourceIds: string[]
) {
	if (sourceIds.length === 0) return [];
	return db
		.select({
			sourceId: ratingRequest.sourceId,
			skill: ratingRequest.skill,
			status: ratingRequest.status,
			ratingsNeeded: ratingRequest.ratingsNeeded,
			ratings: sql<number>`count(${rating.id})`.mapWith(Number)
		})
		.from(ratingRequest)
		.leftJoin(rating, eq(rating.requestId, ratingRequest.id))
		.where(and(eq(ratingRequest.source, source), inArray(ratingRequest.sourceId, sourceIds)))
		.groupBy(ratingRequest.id)
		.orderBy(asc(ratingRequest.skill));
}
/** How many other requests of the same source still wait for a rating. */
export async function otherPendingOfSource(
	db: DbOrTx,
	request: { id: string; source: RatingRequestRow['source']; sourceId: string }
): Promise<number> {
	const rows = await db
		.select({ id: ratingRequest.id })
		.from(ratingRequest)
		.where(
			and(
				eq(ratingRequest.source, request.source),
				eq(ratingRequest.sourceId, request.sourceId),
				eq(ratingRequest.status, 'pending'),
				ne(ratingRequest.id, request.id)
			)
		);
	return rows.length;
}
