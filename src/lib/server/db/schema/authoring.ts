import { index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { Course } from '$lib/course/types';
import { user } from './auth';
import { organization } from './organization';

/**
 * The working copy of a course in the editor: the whole course as one document (the shape of a seed
 * file and of an export), so that every edit, import and restore is one row written in one
 * transaction, and publishing checks exactly what learners will get. `courseId` is the id the
 * published course has (or will have) in `course`. `revision` counts saves.
 */
export const courseDraft = pgTable('course_draft', {
	courseId: text('course_id').primaryKey(),
	organizationId: text('organization_id')
		.notNull()
		.references(() => organization.id),
	document: jsonb('document').$type<Course>().notNull(),
	revision: integer('revision').notNull().default(1),
	/** The revision last published (null: never): the draft has unpublished changes when it differs. */
	publishedRevision: integer('published_revision'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	updatedBy: text('updated_by').references(() => user.id, { onDelete: 'set null' })
});

/** Every published version of a course, whole, for the history and to restore from. */
export const courseVersion = pgTable(
	'course_version',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id').notNull(),
		version: integer('version').notNull(),
		document: jsonb('document').$type<Course>().notNull(),
		publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
		publishedBy: text('published_by').references(() => user.id, { onDelete: 'set null' })
	},
	(t) => [
		unique('course_version_unique').on(t.courseId, t.version),
		index('course_version_course_idx').on(t.courseId)
	]
);
