import { inArray, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { loginThrottle } from '$lib/server/db/schema';

/**
 * The one throttle of guessable secrets: passwords at login, and the codes people type —
 * organizations' and candidates' invitation codes at registration, result codes at `/verify`. Each
 * failure counts against keys (an account, a client address); a key reaching its limit within the
 * window is locked, and a locked key is refused before anything is checked.
 *
 * Limits per 15 minutes: an account gets 5 password tries (a person mistyping); an address 20
 * failed logins and, separately, 20 wrong codes (a school shares one address, and a class types its
 * codes from there). A code has 40 bits (codes.ts): among ten thousand valid codes, one is found
 * after ~10^8 guesses on average; at most 20 per 15 minutes (≤ 1,920 a day) that takes an address
 * about 150 years, where ~360 guesses a second took about four days.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
const LIMITS = { user: 5, ip: 20, code: 20 } as const;

/**
 * `user`: failed logins of an account; `ip`: failed logins from an address; `code`: wrong codes
 * typed from an address (invitation, personal and verification codes share it, so a guesser
 * cannot spread the tries over forms).
 */
export type ThrottleKey = { kind: keyof typeof LIMITS; value: string };

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

/** The key that counts wrong codes typed from this client address. */
export const codeGuessesFrom = (clientAddress: string): ThrottleKey => ({
	kind: 'code',
	value: clientAddress
});

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
export async function recordFailure(db: DB, keys: ThrottleKey[], now = new Date()): Promise<void> {
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

/** Forgets the failures of these keys (a successful login clears its account's count). */
export async function clearFailures(db: DB, keys: ThrottleKey[]): Promise<void> {
	await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys.map(keyOf)));
}

export type Throttled<T> =
	| { ok: true; value: T }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'throttled'; retryAt: Date };

/**
 * Looks up something found by a typed code, under the throttle: refused while a key is locked
 * (without looking), and a miss counts against every key — the miss that reaches a limit is
 * answered as throttled. `lookup` answers null for a miss.
 */
export async function throttledLookup<T>(
	db: DB,
	keys: ThrottleKey[],
	lookup: () => Promise<T | null | undefined>,
	now = new Date()
): Promise<Throttled<T>> {
	const locked = await lockedUntil(db, keys, now);
	if (locked) return { ok: false, reason: 'throttled', retryAt: locked };
	const value = await lookup();
	if (value !== null && value !== undefined) return { ok: true, value };
	await recordFailure(db, keys, now);
	// The failure that reaches the limit already says so, as login does.
	const lockedNow = await lockedUntil(db, keys, now);
	if (lockedNow) return { ok: false, reason: 'throttled', retryAt: lockedNow };
	return { ok: false, reason: 'not_found' };
}

/** Whole minutes until `retryAt` (at least 1), as the refusal tells the person. */
export function minutesUntil(retryAt: Date, now = new Date()): number {
	return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
}
