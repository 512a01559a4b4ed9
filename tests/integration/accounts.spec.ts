import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { invitationCode, membership, session, user } from '$lib/server/db/schema';
import { authenticate, homeFor, registerAccount, rolesOf } from '$lib/server/accounts/service';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	sessionIdFromToken,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from '$lib/server/auth/session';
import { LOCK_MS } from '$lib/server/auth/throttle';
import {
	seedDemo,
	DEMO_ACCOUNTS,
	DEMO_PASSWORD,
	DEMO_INVITATION_CODE
} from '$lib/server/seed/demo';
import { withTestDatabase } from '../factories/databases';
import {
	makeInvitationCode,
	makeOrganization,
	makeUser,
	TEST_PASSWORD
} from '../factories/accounts';

withTestDatabase('accounts and sessions', (database) => {
	let db: DB;

	beforeAll(async () => {
		db = database.db;
		await seedDemo(db, { showcase: false });
	});

	describe('registration', () => {
		it('joins the organization and role of an invitation code, and uses it up', async () => {
			const org = await makeOrganization(db);
			const code = await makeInvitationCode(db, org.id, { role: 'instructor', maxUses: 1 });
			const result = await registerAccount(db, {
				username: 'Bounmy.K',
				displayName: 'Bounmy',
				password: 'long enough',
				invitationCode: code.code.toLowerCase().replace('-', ' ')
			});
			expect(result).toMatchObject({ ok: true, organizationId: org.id, role: 'instructor' });
			const [stored] = await db.select().from(user).where(eq(user.username, 'bounmy.k'));
			expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

			const second = await registerAccount(db, {
				username: 'someone.else',
				displayName: 'Someone',
				password: 'long enough',
				invitationCode: code.code
			});
			expect(second).toEqual({ ok: false, errors: { invitationCode: 'code_invalid' } });
			// The failed registration left no account behind.
			expect(await db.select().from(user).where(eq(user.username, 'someone.else'))).toHaveLength(0);
		});

		it('refuses expired and withdrawn codes', async () => {
			const org = await makeOrganization(db);
			const expired = await makeInvitationCode(db, org.id, {
				expiresAt: new Date(Date.now() - 1000)
			});
			const withdrawn = await makeInvitationCode(db, org.id, { revokedAt: new Date() });
			for (const code of [expired.code, withdrawn.code, 'NOPE-NOPE']) {
				const result = await registerAccount(db, {
					username: `x${Math.random().toString(36).slice(2, 8)}`,
					displayName: 'X',
					password: 'long enough',
					invitationCode: code
				});
				expect(result).toEqual({ ok: false, errors: { invitationCode: 'code_invalid' } });
			}
		});

		it('lets two people race for the last use of a code: exactly one gets it', async () => {
			const org = await makeOrganization(db);
			const code = await makeInvitationCode(db, org.id, { maxUses: 1 });
			const results = await Promise.all(
				['race.one', 'race.two'].map((username) =>
					registerAccount(db, {
						username,
						displayName: username,
						password: 'long enough',
						invitationCode: code.code
					})
				)
			);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			const [row] = await db
				.select()
				.from(invitationCode)
				.where(eq(invitationCode.code, code.code));
			expect(row.uses).toBe(1);
		});

		it('registers an independent learner without a code', async () => {
			const result = await registerAccount(db, {
				username: 'free.learner',
				displayName: 'Free Learner',
				password: 'long enough'
			});
			expect(result).toMatchObject({
				ok: true,
				role: 'learner',
				organizationId: 'org-independent-learners'
			});
		});

		it('reports every invalid field at once, and a taken username whatever its case', async () => {
			const invalid = await registerAccount(db, {
				username: 'a',
				displayName: '  ',
				password: 'short',
				phone: 'call me'
			});
			expect(invalid).toEqual({
				ok: false,
				errors: {
					username: 'username_invalid',
					displayName: 'display_name_required',
					password: 'password_too_short',
					phone: 'phone_invalid'
				}
			});
			const taken = await registerAccount(db, {
				username: 'LEARNER',
				displayName: 'X',
				password: 'long enough'
			});
			expect(taken).toEqual({ ok: false, errors: { username: 'username_taken' } });
		});
	});

	describe('login', () => {
		it('accepts the right password and refuses a wrong one with the same answer as an unknown user', async () => {
			const person = await makeUser(db);
			const ok = await authenticate(db, {
				username: person.username.toUpperCase(),
				password: TEST_PASSWORD,
				clientAddress: '10.0.0.1'
			});
			expect(ok).toMatchObject({ ok: true, userId: person.id });
			const wrong = await authenticate(db, {
				username: person.username,
				password: 'not it at all',
				clientAddress: '10.0.0.1'
			});
			const unknown = await authenticate(db, {
				username: 'nobody-here',
				password: 'not it at all',
				clientAddress: '10.0.0.1'
			});
			expect(wrong).toEqual({ ok: false, reason: 'invalid' });
			expect(unknown).toEqual(wrong);
		});

		it('locks an account after 5 failures, even against the right password, until the lock ends', async () => {
			const person = await makeUser(db);
			const now = new Date();
			const attempt = (password: string, at = now) =>
				authenticate(
					db,
					{
						username: person.username,
						password,
						clientAddress: `10.1.${Math.floor(Math.random() * 250)}.1`
					},
					at
				);
			for (let i = 0; i < 4; i++)
				expect(await attempt('wrong password')).toEqual({ ok: false, reason: 'invalid' });
			expect(await attempt('wrong password')).toMatchObject({ ok: false, reason: 'throttled' });
			expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });
			const later = new Date(now.getTime() + LOCK_MS + 1000);
			expect(await attempt(TEST_PASSWORD, later)).toMatchObject({ ok: true });
		});

		it('locks a client address after 20 failures across accounts', async () => {
			const address = '10.9.9.9';
			for (let i = 0; i < 19; i++) {
				const r = await authenticate(db, {
					username: `guess${i}`,
					password: 'wrong password',
					clientAddress: address
				});
				expect(r.ok).toBe(false);
			}
			const twentieth = await authenticate(db, {
				username: 'guess-last',
				password: 'wrong password',
				clientAddress: address
			});
			expect(twentieth).toMatchObject({ reason: 'throttled' });
			const person = await makeUser(db);
			const blocked = await authenticate(db, {
				username: person.username,
				password: TEST_PASSWORD,
				clientAddress: address
			});
			expect(blocked).toMatchObject({ reason: 'throttled' });
		});

		it('refuses a disabled account', async () => {
			const person = await makeUser(db);
			await db.update(user).set({ disabledAt: new Date() }).where(eq(user.id, person.id));
			const r = await authenticate(db, {
				username: person.username,
				password: TEST_PASSWORD,
				clientAddress: '10.2.0.1'
			});
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		});

		it('lets every demo account in and sends it to its role home', async () => {
			for (const account of DEMO_ACCOUNTS) {
				const r = await authenticate(db, {
					username: account.username,
					password: DEMO_PASSWORD,
					clientAddress: '10.3.0.1'
				});
				expect(r.ok).toBe(true);
				if (!r.ok) continue;
				const roles = await rolesOf(db, r.userId);
				expect(homeFor(roles)).toBe(
					{ learner: '/learn', instructor: '/author', admissions: '/admissions', admin: '/admin' }[
						account.role
					]
				);
			}
		});
	});

	describe('sessions', () => {
		it('stores only the SHA-256 of the token and validates it', async () => {
			const person = await makeUser(db);
			const token = generateSessionToken();
			const created = await createSession(db, token, person.id);
			expect(created.id).toBe(sessionIdFromToken(token));
			expect(created.id).not.toContain(token);
			// Sessions stored before keep their ids: SHA-256 in lowercase hex (FIPS 180-2 vector for 'abc').
			expect(sessionIdFromToken('abc')).toBe(
				'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
			);
			const rows = await db.select().from(session).where(eq(session.userId, person.id));
			expect(rows.map((r) => r.id)).toEqual([sessionIdFromToken(token)]);
			const validated = await validateSessionToken(db, token);
			expect(validated.user?.id).toBe(person.id);
			expect((await validateSessionToken(db, token + 'x')).session).toBeNull();
		});

		it('carries the user’s memberships, as rolesOf reads them (one query per request)', async () => {
			const zeta = await makeOrganization(db, { name: `Zeta ${crypto.randomUUID()}` });
			const alpha = await makeOrganization(db, { name: `Alpha ${crypto.randomUUID()}` });
			const person = await makeUser(db, {
				roles: [
					{ organizationId: zeta.id, role: 'instructor' },
					{ organizationId: alpha.id, role: 'learner' },
					{ organizationId: alpha.id, role: 'admissions' }
				]
			});
			const token = generateSessionToken();
			await createSession(db, token, person.id);
			const { memberships } = await validateSessionToken(db, token);
			expect(memberships).toEqual(await rolesOf(db, person.id));
			// By organization name: Alpha's two roles first.
			expect(memberships.map((m) => m.organizationId)).toEqual([alpha.id, alpha.id, zeta.id]);
			expect(
				memberships
					.slice(0, 2)
					.map((m) => m.role)
					.sort()
			).toEqual(['admissions', 'learner']);
			expect(memberships[2]).toEqual({
				organizationId: zeta.id,
				organizationName: zeta.name,
				role: 'instructor',
				independent: false
			});

			const loner = await makeUser(db);
			const other = generateSessionToken();
			await createSession(db, other, loner.id);
			const alone = await validateSessionToken(db, other);
			expect(alone.user?.id).toBe(loner.id);
			expect(alone.memberships).toEqual([]);
		});

		it('extends a session used in its second half and deletes an expired one', async () => {
			const person = await makeUser(db);
			const token = generateSessionToken();
			const created = await createSession(db, token, person.id);
			const soon = new Date(Date.now() + 5 * 86_400_000);
			await db.update(session).set({ expiresAt: soon }).where(eq(session.id, created.id));
			const renewed = await validateSessionToken(db, token);
			expect(renewed.session!.expiresAt.getTime()).toBeGreaterThan(
				Date.now() + SESSION_LIFETIME_MS - 60_000
			);

			await db
				.update(session)
				.set({ expiresAt: new Date(Date.now() - 1000) })
				.where(eq(session.id, created.id));
			expect((await validateSessionToken(db, token)).session).toBeNull();
			expect(await db.select().from(session).where(eq(session.id, created.id))).toHaveLength(0);
		});

		it('ends on logout', async () => {
			const person = await makeUser(db);
			const token = generateSessionToken();
			const created = await createSession(db, token, person.id);
			await invalidateSession(db, created.id);
			expect((await validateSessionToken(db, token)).user).toBeNull();
		});
	});

	describe('demo seed', () => {
		it('runs once: a second call changes nothing', async () => {
			const before = await db.select().from(membership);
			expect(await seedDemo(db, { showcase: false })).toBe(false);
			expect(await db.select().from(membership)).toHaveLength(before.length);
			const [code] = await db
				.select()
				.from(invitationCode)
				.where(eq(invitationCode.code, DEMO_INVITATION_CODE));
			expect(code.organizationId).toBe('org-huaphan-organization-committee');
		});
	});
});
