import { inArray, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { loginThrottle } from '$lib/server/db/schema';

/**
 * Login throttling after repeated failures, per account and per client address. An account gets
 * 5 tries in 15 minutes (a person mistyping), an address 20 (a school shares one address).
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
const LIMITS = { user: 5, ip: 20 } as const;

export type ThrottleKey = { kind: keyof typeof LIMITS; value: string };

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

/** The latest time until which any of these keys is locked, or null when none is. */
export async function lockedUntil(
	db: DB,
	keys: ThrottleKey[],
	now = new Date()
): Promise<Date | null> {
	const rows = await db
		.select({ lockedUntil: loginThrottle.lockedUntil })
		.from(loginThrottle)
		.where(inArray(loginThrottle.key, keys.map(keyOf)));
	let latest: Date | null = null;
	for (const row of rows) {
		if (row.lockedUntil && row.lockedUntil > now && (!latest || row.lockedUntil > latest)) {
			latest = row.lockedUntil;
		}
	}
	return latest;
}

/** Counts one failure against each key, atomically, so concurrent servers count together. */
export async function recordLoginFailure(
	db: DB,
	keys: ThrottleKey[],
	now = new Date()
): Promise<void> {
	// Raw SQL parameters go as ISO strings: the two drivers serialise Date objects differently.
	const windowStart = sql`${new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString()}::timestamptz`;
	const lockUntil = sql`${new Date(now.getTime() + LOCK_MS).toISOString()}::timestamptz`;
	const nowSql = sql`${now.toISOString()}::timestamptz`;
	for (const k of keys) {
		const limit = LIMITS[k.kind];
		// A failure outside the window starts a new count of 1.
		const failures = sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`;
		await db
			.insert(loginThrottle)
			.values({ key: keyOf(k), failures: 1, windowStartedAt: now })
			.onConflictDoUpdate({
				target: loginThrottle.key,
				set: {
					failures,
					windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then ${nowSql} else ${loginThrottle.windowStartedAt} end`,
					lockedUntil: sql`case when (${failures}) >= ${limit} then ${lockUntil} else ${loginThrottle.lockedUntil} end`
				}
			});
	}
}

/** A successful login clears the account's count; the address keeps its count. */
export async function clearLoginFailures(db: DB, username: string): Promise<void> {
	await db
		.delete(loginThrottle)
		.where(inArray(loginThrottle.key, [keyOf({ kind: 'user', value: username })]));
}
