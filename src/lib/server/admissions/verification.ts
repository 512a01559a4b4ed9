import type { DB } from '$lib/server/db/client';
import { normalizeCode } from '$lib/server/auth/codes';
import { codeGuessesFrom, throttledLookup, type Throttled } from '$lib/server/auth/throttle';
import { resultByVerificationCode } from './repository';

/**
 * What the public verification page shows, and nothing more: the name, the levels, the test date,
 * whether the result is still valid, and who issued it for which program (so a reader knows what the
 * result was for). Null for a code that is unknown or cannot be one (or a sitting without a result).
 */
export async function publicVerification(db: DB, typed: string, now = new Date()) {
	const code = normalizeCode(typed);
	if (!code) return null;
	const found = await resultByVerificationCode(db, code);
	if (!found || found.overallLevel === null) return null;
	return {
		code,
		fullName: found.fullName,
		overallLevel: found.overallLevel,
		skillLevels: found.skillLevels ?? {},
		testDate: found.finishedAt,
		validUntil: found.validUntil,
		valid: Boolean(found.validUntil && found.validUntil > now),
		issuedBy: found.organizationName,
		program: found.programName,
		intake: found.intake
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
