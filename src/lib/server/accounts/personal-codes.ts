import type { DB, DbOrTx } from '$lib/server/db/client';

/** The role a redeemed code gives, and where. */
export type CodeGrant = { organizationId: string; role: 'learner' };

/**
 * Codes another domain issues to one person, which registration redeems besides the organizations'
 * own invitation codes: a screening candidate's personal invitation (admissions). The issuing domain
 * registers them at start-up (`connectDomains`), so accounts imports nothing above it.
 */
export type PersonalCodes = {
	/** Whether `code` is one of these and not used yet (checked before the transaction). */
	isUnclaimed: (db: DB, code: string) => Promise<boolean>;
	/** Links the new account to the code, once, inside the registration's transaction. */
	claim: (tx: DbOrTx, code: string, userId: string) => Promise<CodeGrant | undefined>;
};

const issuers = new Map<string, PersonalCodes>();

/** Registering the same kind again replaces it (a dev server reloading a module). */
export function registerPersonalCodes(kind: string, codes: PersonalCodes): void {
	issuers.set(kind, codes);
}

export async function isPersonalCodeUnclaimed(db: DB, code: string): Promise<boolean> {
	for (const codes of issuers.values()) if (await codes.isUnclaimed(db, code)) return true;
	return false;
}

export async function claimPersonalCode(
	tx: DbOrTx,
	code: string,
	userId: string
): Promise<CodeGrant | undefined> {
	for (const codes of issuers.values()) {
		const grant = await codes.claim(tx, code, userId);
		if (grant) return grant;
	}
	return undefined;
}
