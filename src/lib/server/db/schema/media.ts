import {
	customType,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { organization } from './organization';
import { user } from './auth';

/** Raw bytes: PGlite returns a Uint8Array, postgres.js a Buffer (a Uint8Array too). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

export const MEDIA_KINDS = ['audio', 'image'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * A stored course medium (a recorded sentence, an uploaded picture). Never changed once written: a
 * new recording is a new row, so its URL (`/media/<id>`) can be cached for ever. Its bytes live in
 * the media store (`$lib/server/media/store.ts`), the database's `media_blob` unless replaced.
 */
export const media = pgTable(
	'media',
	{
		id: text('id').primaryKey(),
		/** Whose library it is in; null for the seed's own recordings. */
		organizationId: text('organization_id').references(() => organization.id, {
			onDelete: 'cascade'
		}),
		kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
		/** From the bytes (content sniffing), never from what the uploader claimed. */
		mimeType: text('mime_type').notNull(),
		byteLength: integer('byte_length').notNull(),
		/** SHA-256 of the bytes, hex. */
		sha256: text('sha256').notNull(),
		/** What the person called it (an uploaded file's name); shown in the library. */
		label: text('label'),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('media_organization_idx').on(t.organizationId, t.kind, t.createdAt)]
);

/** The database media store's bytes, one row per medium (see `databaseMediaStore`). */
export const mediaBlob = pgTable('media_blob', {
	mediaId: text('media_id')
		.primaryKey()
		.references(() => media.id, { onDelete: 'cascade' }),
	bytes: bytea('bytes').notNull()
});

export const COURSE_AUDIO_SOURCES = ['seed', 'recorded', 'uploaded'] as const;

/**
 * The recording of one target-language text of a course (a vocabulary term, a prompt, a model
 * sentence). `textKey` is the text's hash (`audioTextKey`): the same words anywhere in the course
 * share one recording, and changed words need a new one.
 */
export const courseAudio = pgTable(
	'course_audio',
	{
		/**
		 * The course's id, published or still a draft (no foreign key: an author records a new course's
		 * sentences in the editor before its first publication creates the `course` row).
		 */
		courseId: text('course_id').notNull(),
		textKey: text('text_key').notNull(),
		text: text('text').notNull(),
		mediaId: text('media_id')
			.notNull()
			.references(() => media.id),
		source: text('source', { enum: COURSE_AUDIO_SOURCES }).notNull(),
		recordedBy: text('recorded_by').references(() => user.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.courseId, t.textKey] })]
);
