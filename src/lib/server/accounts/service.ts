import type { DB } from '$lib/server/db/client';
import type { Role } from '$lib/server/db/schema';
import type { Membership } from '$lib/server/auth/actor';
import {
	normalizeInvitationCode,
	normalizeUsername,
	validatePassword,
	validatePhone,
	validateUsername,
	type FieldError
} from '$lib/accounts/validation';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '$lib/server/auth/password';
import {
	clearFailures,
	codeGuessesFrom,
	lockedUntil,
	recordFailure,
	throttledLookup,
	type ThrottleKey
} from '$lib/server/auth/throttle';
import {
	consumeInvitationCode,
	findUserByUsername,
	grantMembership,
	independentLearnersOrganization,
	insertUser,
	isInvitationCodeUsable,
	membershipsOf,
	setUserLocale
} from './repository';
import { claimPersonalCode, isPersonalCodeUnclaimed } from './personal-codes';
import { audit } from '$lib/server/audit/log';

export type Locale = 'vi' | 'lo' | 'en';

export type RegistrationInput = {
	username: string;
	displayName: string;
	password: string;
	phone?: string;
	/** Empty: an independent learner. */
	invitationCode?: string;
	locale?: Locale;
	/**
	 * Where the request came from: wrong codes typed from it are throttled (auth/throttle.ts). Every
	 * route passes it; only trusted callers (seeding, tests) leave it out.
	 */
	clientAddress?: string;
};

export type RegistrationResult =
	| { ok: true; userId: string; organizationId: string; role: Role }
	| {
			ok: false;
			errors: Partial<Record<keyof RegistrationInput, FieldError>>;
			/** With `invitationCode: 'codes_throttled'`: when codes may be typed again. */
			retryAt?: Date;
	  };

/** Thrown inside the transaction to roll it back and report a field error. */
class FieldFailure extends Error {
	constructor(
		readonly field: keyof RegistrationInput,
		readonly code: FieldError
	) {
		super(code);
	}
}

export async function registerAccount(
	db: DB,
	input: RegistrationInput,
	now = new Date()
): Promise<RegistrationResult> {
	const username = normalizeUsername(input.username);
	const displayName = input.displayName.trim().normalize('NFC');
	const phone = (input.phone ?? '').trim();
	const code = normalizeInvitationCode(input.invitationCode ?? '');

	const errors: Partial<Record<keyof RegistrationInput, FieldError>> = {};
	const usernameError = validateUsername(username);
	if (usernameError) errors.username = usernameError;
	if (!displayName) errors.displayName = 'display_name_required';
	const passwordError = validatePassword(input.password);
	if (passwordError) errors.password = passwordError;
	const phoneError = validatePhone(phone);
	if (phoneError) errors.phone = phoneError;
	if (!errors.username && (await findUserByUsername(db, username))) {
		errors.username = 'username_taken';
	}
	// Checked here too (and for real, atomically, below) so every problem is reported at once.
	const codeUsable = async () =>
		(await isInvitationCodeUsable(db, code, now)) || (await isPersonalCodeUnclaimed(db, code));
	let retryAt: Date | undefined;
	if (code && input.clientAddress !== undefined) {
		// Codes are guessable: a wrong one counts against the address, a locked address is not checked.
		const found = await throttledLookup(
			db,
			[codeGuessesFrom(input.clientAddress)],
			async () => (await codeUsable()) || null,
			now
		);
		if (!found.ok && found.reason === 'throttled') retryAt = found.retryAt;
		if (!found.ok) errors.invitationCode = retryAt ? 'codes_throttled' : 'code_invalid';
	} else if (code && !(await codeUsable())) errors.invitationCode = 'code_invalid';
	if (Object.keys(errors).length > 0) return { ok: false, errors, ...(retryAt && { retryAt }) };

	const passwordHash = await hashPassword(input.password);
	const userId = crypto.randomUUID();

	try {
		return await db.transaction(async (tx) => {
			await insertUser(tx, {
				id: userId,
				username,
				displayName,
				phone: phone || null,
				passwordHash,
				locale: input.locale ?? null
			});
			// An organization's code, a screening candidate's personal code, or none (independent learner).
			const organizationCode = code ? await consumeInvitationCode(tx, code, now) : undefined;
			const grant = code
				? (organizationCode ?? (await claimPersonalCode(tx, code, userId)))
				: await independentLearnersOrganization(tx).then(
						(org) => org && { organizationId: org.id, role: 'learner' as const }
					);
			if (!grant) throw new FieldFailure('invitationCode', 'code_invalid');
			await grantMembership(tx, { userId, ...grant });
			// A role given by an administrator's code (an admin code gives an admin): in their log.
			if (organizationCode) {
				await audit(tx, {
					organizationId: grant.organizationId,
					actorId: userId,
					action: 'role_granted',
					subjectType: 'account',
					subjectId: userId,
					reason: null,
					details: { account: username, name: displayName, role: grant.role, through: 'code' },
					before: { roles: [] },
					after: { roles: [grant.role] },
					at: now
				});
			}
			return { ok: true as const, userId, ...grant };
		});
	} catch (e) {
		if (e instanceof FieldFailure) return { ok: false, errors: { [e.field]: e.code } };
		// Two people taking the same username at the same moment: the unique index decides.
		if (await findUserByUsername(db, username)) {
			return { ok: false, errors: { username: 'username_taken' } };
		}
		throw e;
	}
}

export type AuthenticationResult =
	| { ok: true; userId: string; locale: Locale | null }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAt: Date };

/**
 * Checks a username and password. Failures say nothing about which of the two was wrong, and
 * repeated failures lock the account and the address for a while (see throttle.ts).
 */
export async function authenticate(
	db: DB,
	input: { username: string; password: string; clientAddress: string },
	now = new Date()
): Promise<AuthenticationResult> {
	const username = normalizeUsername(input.username);
	const keys: ThrottleKey[] = [
		{ kind: 'user', value: username },
		{ kind: 'ip', value: input.clientAddress }
	];
	const locked = await lockedUntil(db, keys, now);
	if (locked) return { ok: false, reason: 'throttled', retryAt: locked };

	const found = username ? await findUserByUsername(db, username) : undefined;
	const valid =
		found && !found.disabledAt
			? await verifyPassword(found.passwordHash, input.password)
			: await verifyAgainstDummy(input.password);
	if (!found || !valid) {
		await recordFailure(db, keys, now);
		const lockedNow = await lockedUntil(db, keys, now);
		if (lockedNow) return { ok: false, reason: 'throttled', retryAt: lockedNow };
		return { ok: false, reason: 'invalid' };
	}
	await clearFailures(db, [{ kind: 'user', value: username }]);
	return { ok: true, userId: found.id, locale: found.locale };
}

export function rolesOf(db: DB, userId: string): Promise<Membership[]> {
	return membershipsOf(db, userId);
}

/** Where login and registration send a person: the roles registry decides. */
export { homeFor } from '$lib/roles';

export async function setLocale(db: DB, userId: string, locale: Locale): Promise<void> {
	await setUserLocale(db, userId, locale);
}
