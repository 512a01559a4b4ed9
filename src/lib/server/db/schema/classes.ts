import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { organization } from './organization';
import { user } from './auth';
import { course } from './learning';
import { program } from './screening';

/**
 * A class (cohort) an organization teaches, e.g. "Lao class, intake 6": its learners and the courses
 * assigned to them. Owned by `$lib/server/classes`. Named `cohort` in SQL: `class` is a keyword in
 * TypeScript and awkward in SQL.
 */
export const cohort = pgTable(
	'cohort',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id),
		name: text('name').notNull(),
		/**
		 * The class's invitation code (`XXXX-XXXX`, see auth/codes.ts): a new learner who registers
		 * with it becomes a learner of the organization and joins the class.
		 */
		joinCode: text('join_code').notNull().unique(),
		/**
		 * The class's exit test, once an instructor opened it: a program of purpose `exit` (admissions
		 * keeps it; screening runs its attempts on the same adaptive engine and bank as a screening).
		 */
		exitProgramId: text('exit_program_id').references(() => program.id, { onDelete: 'set null' }),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('cohort_org_idx').on(t.organizationId)]
);

export const COHORT_ENROLMENT_WAYS = ['one', 'csv', 'program', 'code'] as const;

/**
 * A learner of a class, and how they came in: one by one, a CSV list, a program's admitted, or
 * registering with the class's code (then `addedBy` is null).
 */
export const cohortMember = pgTable(
	'cohort_member',
	{
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		via: text('via', { enum: COHORT_ENROLMENT_WAYS }).notNull(),
		addedBy: text('added_by').references(() => user.id, { onDelete: 'set null' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.cohortId, t.userId] }),
		index('cohort_member_user_idx').on(t.userId)
	]
);

/** A course the class follows: every member is enrolled in it (through learning). */
export const cohortCourse = pgTable(
	'cohort_course',
	{
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.courseId] })]
);
