import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A school, department or committee on either side of the border. */
export const organization = pgTable('organization', {
	id: text('id').primaryKey(),
	name: text('name').notNull().unique(),
	/** ISO 3166-1 alpha-2: 'VN' or 'LA'. */
	country: text('country', { enum: ['VN', 'LA'] }).notNull(),
	/** The organization of self-registered learners: it has no staff and no invitation codes. */
	isIndependentLearners: boolean('is_independent_learners').notNull().default(false),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
