import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { preparedQuery } from '$lib/server/db/prepared';
import { membership, organization, session, user } from '$lib/server/db/schema';
import type { Membership } from './actor';

// Sessions as in the Lucia guide (lucia-auth.com/sessions): the cookie holds a random token,
// the database holds only its SHA-256, so a leaked table cannot be replayed.
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Sliding expiry: a session used in its last 15 days is extended to 30 again. */
const RENEW_WITHIN_MS = 15 * DAY_MS;
export const SESSION_COOKIE = 'session';

export type SessionUser = {
	id: string;
	username: string;
	displayName: string;
	locale: 'vi' | 'lo' | 'en' | null;
	isPlatformAdmin: boolean;
};
export type Session = { id: string; userId: string; expiresAt: Date };

/** 20 random bytes = 160 bits of entropy, base32 so it is cookie-safe. */
export function generateSessionToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 of the token in lowercase hex (Node's native hash: this runs on every signed-in request). */
export function sessionIdFromToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(db: DB, token: string, userId: string): Promise<Session> {
	const created: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await db.insert(session).values(created);
	return created;
}

/**
 * The person's roles, read in the session's own query: every signed-in request needs them, and a
 * second round trip per request was a measurable share of the server's work under load (bench:load).
 * Ordered by organization name, as `membershipsOf` orders them.
 */
const membershipsOfSessionUser = sql<Membership[]>`coalesce((
	select json_agg(json_build_object(
		'organizationId', ${membership.organizationId},
		'organizationName', ${organization.name},
		'role', ${membership.role},
		'independent', ${organization.isIndependentLearners}
	) order by ${organization.name})
	from ${membership} join ${organization} on ${organization.id} = ${membership.organizationId}
	where ${membership.userId} = ${user.id}
), '[]'::json)`.mapWith((value: unknown) =>
	typeof value === 'string' ? JSON.parse(value) : value
);

const sessionQuery = preparedQuery((db) =>
	db
		.select({
			user: {
				id: user.id,
				username: user.username,
				displayName: user.displayName,
				locale: user.locale,
				isPlatformAdmin: user.isPlatformAdmin
			},
			session,
			memberships: membershipsOfSessionUser
		})
		.from(session)
		.innerJoin(user, eq(session.userId, user.id))
		.where(and(eq(session.id, sql.placeholder('sessionId')), isNull(user.disabledAt)))
		.prepare('session_of_token')
);

export type ValidSession = { session: Session; user: SessionUser; memberships: Membership[] };

/** The session of a token, with its user and the user's memberships (one query), or nothing. */
export async function validateSessionToken(
	db: DB,
	token: string
): Promise<ValidSession | { session: null; user: null; memberships: [] }> {
	const sessionId = sessionIdFromToken(token);
	const [row] = await sessionQuery(db).execute({ sessionId });
	if (!row) return { session: null, user: null, memberships: [] };

	const now = Date.now();
	if (now >= row.session.expiresAt.getTime()) {
		await db.delete(session).where(eq(session.id, sessionId));
		return { session: null, user: null, memberships: [] };
	}
	if (now >= row.session.expiresAt.getTime() - RENEW_WITHIN_MS) {
		row.session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await db
			.update(session)
			.set({ expiresAt: row.session.expiresAt })
			.where(eq(session.id, sessionId));
	}
	return { session: row.session, user: row.user, memberships: row.memberships };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.delete(session).where(eq(session.id, sessionId));
}

export async function invalidateUserSessions(db: DbOrTx, userId: string): Promise<void> {
	await db.delete(session).where(eq(session.userId, userId));
}

export function setSessionTokenCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
): void {
	cookies.set(SESSION_COOKIE, token, {
		expires: expiresAt,
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure
	});
}

export function deleteSessionTokenCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
