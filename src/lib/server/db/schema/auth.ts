import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { organization } from './organization';
// Relative, not `$lib/roles`: drizzle-kit loads the schema without SvelteKit's aliases.
import { ROLES } from '../../../roles';

// Re-exported for the server code that reads roles with the tables (the list lives in roles.ts).
export { ROLES, type Role } from '../../../roles';

export const LOCALES = ['vi', 'lo', 'en'] as const;

export const user = pgTable(
	'user',
	{
		id: text('id').primaryKey(),
		/** Stored lower-case; many Lao cadres have no e-mail, so the username is the login. */
		username: text('username').notNull(),
		displayName: text('display_name').notNull(),
		phone: text('phone'),
		passwordHash: text('password_hash').notNull(),
		locale: text('locale', { enum: LOCALES }),
		/** Manages every organization, not only those where the user holds the admin role. */
		isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('user_username_unique').on(sql`lower(${t.username})`)]
);

/** Roles are held per organization. */
export const membership = pgTable(
	'membership',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.organizationId, t.role] }),
		index('membership_org_idx').on(t.organizationId)
	]
);

/** The Lucia guide's design: the id is the SHA-256 of the token in the cookie, never the token itself. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const invitationCode = pgTable('invitation_code', {
	code: text('code').primaryKey(),
	organizationId: text('organization_id')
		.notNull()
		.references(() => organization.id, { onDelete: 'cascade' }),
	role: text('role', { enum: ROLES }).notNull(),
	maxUses: integer('max_uses').notNull().default(1),
	uses: integer('uses').notNull().default(0),
	note: text('note'),
	expiresAt: timestamp('expires_at', { withTimezone: true }),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * The throttle's failure counters (auth/throttle.ts: failed logins and wrong codes), kept in the
 * database (not in memory) so that several app servers sharing one PostgreSQL throttle together.
 * Key: 'user:<username>', 'ip:<address>' (logins) or 'code:<address>' (typed codes). The table
 * keeps the name it had when it counted logins only.
 */
export const loginThrottle = pgTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
	lockedUntil: timestamp('locked_until', { withTimezone: true })
});
