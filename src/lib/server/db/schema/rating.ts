import {
	customType,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { organization } from './organization';
import { user } from './auth';
import { testItem } from './placement';

/** Raw bytes: PGlite returns a Uint8Array, postgres.js a Buffer (a Uint8Array too). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

/**
 * A learner's or candidate's voice recording (speaking tasks and exercises). Kept in the database,
 * not on one server's disk, so several app servers can share it.
 */
export const recording = pgTable(
	'recording',
	{
		id: text('id').primaryKey(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		mimeType: text('mime_type').notNull(),
		bytes: bytea('bytes').notNull(),
		durationMs: integer('duration_ms'),
		/**
		 * The phone's id for a recording sent from the offline outbox: a resent upload finds the row it
		 * made (unique per owner) instead of storing the voice twice. Null for recordings stored otherwise.
		 */
		clientId: text('client_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('recording_owner_idx').on(t.ownerId),
		uniqueIndex('recording_owner_client_idx').on(t.ownerId, t.clientId)
	]
);

export const RATING_SOURCES = ['screening', 'lesson'] as const;
export const RATING_STATUSES = ['pending', 'rated'] as const;

/**
 * One written or spoken answer waiting for (or holding) an instructor's rating with the task's
 * rubric. Instructors of `organizationId` rate it. Screening answers point at their attempt and
 * test item; lesson answers (a later issue) use `sourceId` for the lesson answer they rate.
 */
export const ratingRequest = pgTable(
	'rating_request',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id),
		source: text('source', { enum: RATING_SOURCES }).notNull(),
		/** Screening: the attempt id. Lesson: the lesson answer id. */
		sourceId: text('source_id').notNull(),
		itemId: text('item_id').references(() => testItem.id),
		skill: text('skill', { enum: ['writing', 'speaking'] }).notNull(),
		/** `{ text }` for writing, `{ recordingId }` for speaking. */
		response: jsonb('response').$type<{ text?: string; recordingId?: string }>().notNull(),
		status: text('status', { enum: RATING_STATUSES }).notNull().default('pending'),
		/**
		 * Independent ratings this answer needs from different raters: 1, or 2 when its program asks
		 * for two raters — raised to 3 when the two are more than one band apart. It is `rated` once
		 * they are in, and the fields below then hold the result they make together.
		 */
		ratingsNeeded: smallint('ratings_needed').notNull().default(1),
		/** Points per rubric criterion: the rater's (one rater), or the resolved bands (half bands possible). */
		criterionScores: jsonb('criterion_scores').$type<Record<string, number>>(),
		/** The level (1–6) the rubric's total maps to. */
		level: smallint('level'),
		comment: text('comment'),
		ratedBy: text('rated_by').references(() => user.id, { onDelete: 'set null' }),
		ratedAt: timestamp('rated_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [
		index('rating_request_queue_idx').on(t.organizationId, t.status, t.createdAt),
		uniqueIndex('rating_request_source_item_unique').on(t.source, t.sourceId, t.itemId)
	]
);

/**
 * One rater's independent rating of one answer (`rating_request`). A rater rates an answer at most
 * once, and each round (1st, 2nd, 3rd rating) is given once: both unique indexes stop two raters or
 * two tabs racing. Raters never see each other's ratings; agreement between them is computed from
 * these rows.
 */
export const rating = pgTable(
	'rating',
	{
		id: text('id').primaryKey(),
		requestId: text('request_id')
			.notNull()
			.references(() => ratingRequest.id, { onDelete: 'cascade' }),
		raterId: text('rater_id').references(() => user.id, { onDelete: 'set null' }),
		/** 1, 2 or 3: the order in which the answer's ratings arrived (3 = the third rater's). */
		round: smallint('round').notNull(),
		criterionScores: jsonb('criterion_scores').$type<Record<string, number>>().notNull(),
		level: smallint('level').notNull(),
		comment: text('comment'),
		ratedAt: timestamp('rated_at', { withTimezone: true }).notNull()
	},
	(t) => [
		uniqueIndex('rating_request_rater_unique').on(t.requestId, t.raterId),
		uniqueIndex('rating_request_round_unique').on(t.requestId, t.round),
		index('rating_rater_idx').on(t.raterId, t.ratedAt)
	]
);
