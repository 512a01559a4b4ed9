import {
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	primaryKey,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { organization } from './organization';
import { user } from './auth';

/** A language's placement item bank. The seed banks belong to no organization and are shared. */
export const itemBank = pgTable('item_bank', {
	id: text('id').primaryKey(),
	language: text('language', { enum: ['vi', 'lo'] }).notNull(),
	/** Bumped whenever items or parameters change; results record it so they can be re-scored. */
	version: text('version').notNull(),
	ownerOrganizationId: text('owner_organization_id').references(() => organization.id),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** The item's life (see `$lib/placement/item-workflow.ts` for who may move it where). */
export const ITEM_STATUSES = [
	'draft',
	'review',
	'pilot',
	'calibrated',
	'active',
	'retired'
] as const;

/** What the candidate may see of an item; the key is kept apart in `answer_key`. */
export type ItemContent = {
	instruction: string;
	prompt: string;
	promptGloss?: string;
	passage?: string;
	options?: string[];
	/** Listening items: file name of the recording under content/placement/audio. */
	audio?: string;
	/** Files that came with an imported item (Moodle XML, QTI): media ids in the owner's library. */
	attachments?: { name: string; kind: 'audio' | 'image'; mediaId: string }[];
	/** Items imported from another system: what the item was called there (its id in the file). */
	sourceId?: string;
	/** Listening items written elsewhere: the words of the recording, for reviewers. */
	audioScript?: string;
	/** For reviewers (imported items): why the key is right. */
	note?: string;
	rubric?: unknown;
	/** Timed speaking tasks: the time the prompt asks for (see `$lib/screening/speaking-time`). */
	speakingTime?: { fromSeconds: number; toSeconds: number };
};

export const testItem = pgTable(
	'test_item',
	{
		id: text('id').primaryKey(),
		bankId: text('bank_id')
			.notNull()
			.references(() => itemBank.id),
		skill: text('skill', {
			enum: ['listening', 'reading', 'vocabulary_grammar', 'writing', 'speaking']
		}).notNull(),
		level: smallint('level').notNull(),
		kind: text('kind', { enum: ['choice', 'writing', 'speaking', 'short_answer'] }).notNull(),
		content: jsonb('content').$type<ItemContent>().notNull(),
		/**
		 * Choice items: `{ answer: index }`; short answers (imported, never delivered):
		 * `{ answer: -1, accepted }`. Never leaves the server.
		 */
		answerKey: jsonb('answer_key').$type<{ answer: number; accepted?: string[] } | null>(),
		/** 2PL parameters on the logistic scale without scaling constant (D = 1). */
		a: doublePrecision('a').notNull(),
		b: doublePrecision('b').notNull(),
		c: doublePrecision('c').notNull().default(0),
		/** True while a and b still come from the intended level, not from a calibration. */
		provisional: boolean('provisional').notNull().default(true),
		aStandardError: doublePrecision('a_standard_error'),
		bStandardError: doublePrecision('b_standard_error'),
		calibratedAt: timestamp('calibrated_at', { withTimezone: true }),
		calibrationResponses: integer('calibration_responses'),
		status: text('status', { enum: ITEM_STATUSES }).notNull().default('active'),
		/** The organization that holds the item (wrote it, or copied it); null: the shared seed banks. */
		ownerOrganizationId: text('owner_organization_id').references(() => organization.id),
		authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
		/** Why the key is right and the distractors wrong: for reviewers, never for candidates. */
		explanation: text('explanation'),
		/** Items of one organization with the same key share one passage (reading, listening). */
		passageKey: text('passage_key'),
		/** The item this one was copied from (copy-to-edit of a shared collection). */
		copiedFromId: text('copied_from_id'),
		/** Who approved it in review, and who accepted its calibrated parameters. */
		approvedBy: text('approved_by').references(() => user.id, { onDelete: 'set null' }),
		calibratedBy: text('calibrated_by').references(() => user.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true })
	},
	(t) => [
		index('test_item_bank_idx').on(t.bankId),
		index('test_item_owner_idx').on(t.ownerOrganizationId)
	]
);

/** A named set of an organization's items, the unit of sharing with another organization. */
export const itemCollection = pgTable('item_collection', {
	id: text('id').primaryKey(),
	organizationId: text('organization_id')
		.notNull()
		.references(() => organization.id),
	name: text('name').notNull(),
	createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const itemCollectionItem = pgTable(
	'item_collection_item',
	{
		collectionId: text('collection_id')
			.notNull()
			.references(() => itemCollection.id, { onDelete: 'cascade' }),
		itemId: text('item_id')
			.notNull()
			.references(() => testItem.id)
	},
	(t) => [primaryKey({ columns: [t.collectionId, t.itemId] })]
);

export const SHARE_MODES = ['use', 'copy'] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

/**
 * A collection shared with another organization: `use` — its items may be given in that
 * organization's tests, read-only, keys and parameters hidden; `copy` — also copied to be edited
 * (the copy is the partner's own item).
 */
export const itemCollectionShare = pgTable(
	'item_collection_share',
	{
		collectionId: text('collection_id')
			.notNull()
			.references(() => itemCollection.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id),
		mode: text('mode', { enum: SHARE_MODES }).notNull(),
		sharedBy: text('shared_by').references(() => user.id, { onDelete: 'set null' }),
		sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.collectionId, t.organizationId] })]
);

/**
 * One scored answer to one item by one respondent (a test attempt). The calibration reads these:
 * rows are respondents, columns items, missing = not administered.
 */
export const itemResponse = pgTable(
	'item_response',
	{
		id: text('id').primaryKey(),
		itemId: text('item_id')
			.notNull()
			.references(() => testItem.id),
		respondentId: text('respondent_id').notNull(),
		correct: smallint('correct').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('item_response_respondent_item_unique').on(t.respondentId, t.itemId),
		index('item_response_item_idx').on(t.itemId)
	]
);
