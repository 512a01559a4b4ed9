import type { DB } from '$lib/server/db/client';
import { codeGuessesFrom, throttledLookup, type Throttled } from '$lib/server/auth/throttle';
import { resultByVerificationCode } from './repository';

/** Public verification: only name, levels, date and validity, for a code as typed. */
export async function verifyResult(db: DB, code: string) {
	return resultByVerificationCode(db, code.trim().toUpperCase());
}

/**
 * What the public verification page shows, and nothing more: the name, the levels, the test date and
 * whether the result is still valid. Null for an unknown code (or a sitting without a result).
 */
export async function publicVerification(db: DB, code: string, now = new Date()) {
	const found = await verifyResult(db, code);
	if (!found || found.overallLevel === null) return null;
	return {
		fullName: found.fullName,
		overallLevel: found.overallLevel,
		skillLevels: found.skillLevels ?? {},
		testDate: found.finishedAt,
		validUntil: found.validUntil,
		valid: Boolean(found.validUntil && found.validUntil > now)
	};
}

/**
 * The public page's lookup, under the throttle of typed codes: an unknown code counts against the
 * address it came from, and an address that typed too many is refused for a while without a lookup.
 */
export async function verifyFromAddress(
	db: DB,
	code: string,
	clientAddress: string,
	now = new Date()
): Promise<Throttled<NonNullable<Awaited<ReturnType<typeof publicVerification>>>>> {
	return throttledLookup(
		db,
		[codeGuessesFrom(clientAddress)],
		() => publicVerification(db, code, now),
		now
	);
}
