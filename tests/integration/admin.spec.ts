import { beforeAll, expect, it } from 'vitest';
import type { DB } from '$lib/server/db/client';
import {
	createInvitationCode,
	createOrganization,
	grantRole,
	listInvitationCodes,
	listMembers,
	listOrganizations,
	revokeInvitationCode,
	revokeRole,
	setAccountDisabled
} from '$lib/server/admin/service';
import { rolesOf, registerAccount } from '$lib/server/accounts/service';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

withTestDatabase('administration', (database) => {
	let db: DB;
	let school: { id: string };
	let department: { id: string };
	let schoolAdmin: Actor;
	let platformAdmin: Actor;

	beforeAll(async () => {
		db = database.db;
		school = await makeOrganization(db, { country: 'VN' });
		department = await makeOrganization(db, { country: 'LA' });
		const a = await makeUser(db, { roles: [{ organizationId: school.id, role: 'admin' }] });
		schoolAdmin = { id: a.id, isPlatformAdmin: false, memberships: await rolesOf(db, a.id) };
		const p = await makeUser(db, { isPlatformAdmin: true });
		platformAdmin = { id: p.id, isPlatformAdmin: true, memberships: [] };
	});

	it("keeps an organization's admin inside their own organization", async () => {
		const orgs = await listOrganizations(db, schoolAdmin);
		expect(orgs.map((o) => o.id)).toEqual([school.id]);
		await expect(listMembers(db, schoolAdmin, department.id)).rejects.toBeInstanceOf(Forbidden);
		await expect(
			createInvitationCode(db, schoolAdmin, {
				organizationId: department.id,
				role: 'learner',
				maxUses: 5,
				validDays: 30
			})
		).rejects.toBeInstanceOf(Forbidden);
		await expect(
			createOrganization(db, schoolAdmin, { name: 'New', country: 'VN' })
		).rejects.toBeInstanceOf(Forbidden);
	});

	it('lets a platform admin create organizations, with clear errors', async () => {
		expect(await createOrganization(db, platformAdmin, { name: ' ', country: 'VN' })).toEqual({
			ok: false,
			error: 'name_required'
		});
		expect(await createOrganization(db, platformAdmin, { name: 'X', country: 'TH' })).toEqual({
			ok: false,
			error: 'country_invalid'
		});
		const created = await createOrganization(db, platformAdmin, {
			name: 'Trường Cao đẳng Sơn La',
			country: 'VN'
		});
		expect(created.ok).toBe(true);
		expect(
			await createOrganization(db, platformAdmin, { name: 'Trường Cao đẳng Sơn La', country: 'VN' })
		).toEqual({ ok: false, error: 'name_taken' });
		expect((await listOrganizations(db, platformAdmin)).length).toBeGreaterThanOrEqual(3);
	});

	it('grants and revokes roles by username', async () => {
		const person = await makeUser(db);
		expect(
			await grantRole(db, schoolAdmin, {
				organizationId: school.id,
				username: 'no-such-user',
				role: 'instructor'
			})
		).toEqual({ ok: false, error: 'user_not_found' });
		expect(
			await grantRole(db, schoolAdmin, {
				organizationId: school.id,
				username: person.username,
				role: 'wizard'
			})
		).toEqual({ ok: false, error: 'role_invalid' });
		expect(
			await grantRole(db, schoolAdmin, {
				organizationId: school.id,
				username: person.username,
				role: 'instructor'
			})
		).toEqual({ ok: true });
		expect((await rolesOf(db, person.id)).map((m) => m.role)).toEqual(['instructor']);
		const members = await listMembers(db, schoolAdmin, school.id);
		expect(members.find((m) => m.userId === person.id)?.roles).toEqual(['instructor']);
		await revokeRole(db, schoolAdmin, {
			organizationId: school.id,
			userId: person.id,
			role: 'instructor'
		});
		expect(await rolesOf(db, person.id)).toEqual([]);
	});

	it('creates, lists and withdraws invitation codes that registration then honours', async () => {
		expect(
			await createInvitationCode(db, schoolAdmin, {
				organizationId: school.id,
				role: 'learner',
				maxUses: 0,
				validDays: 30
			})
		).toEqual({ ok: false, error: 'max_uses_invalid' });
		const created = await createInvitationCode(db, schoolAdmin, {
			organizationId: school.id,
			role: 'learner',
			maxUses: 2,
			validDays: 30,
			note: 'Intake 6'
		});
		if (!created.ok) throw new Error('code not created');
		expect(created.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
		const listed = await listInvitationCodes(db, schoolAdmin, school.id);
		expect(listed[0]).toMatchObject({ code: created.code, maxUses: 2, uses: 0, note: 'Intake 6' });

		const used = await registerAccount(db, {
			username: 'intake6.first',
			displayName: 'First',
			password: 'long enough',
			invitationCode: created.code
		});
		expect(used).toMatchObject({ ok: true, organizationId: school.id });
		await revokeInvitationCode(db, schoolAdmin, { organizationId: school.id, code: created.code });
		const refused = await registerAccount(db, {
			username: 'intake6.second',
			displayName: 'Second',
			password: 'long enough',
			invitationCode: created.code
		});
		expect(refused).toEqual({ ok: false, errors: { invitationCode: 'code_invalid' } });
	});

	it('disables an account and signs it out everywhere', async () => {
		const person = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		const token = generateSessionToken();
		await createSession(db, token, person.id);
		await setAccountDisabled(db, schoolAdmin, {
			organizationId: school.id,
			userId: person.id,
			disabled: true
		});
		expect((await validateSessionToken(db, token)).user).toBeNull();
		// Not a member of the department: the department is not the school admin's to manage.
		await expect(
			setAccountDisabled(db, schoolAdmin, {
				organizationId: department.id,
				userId: person.id,
				disabled: false
			})
		).rejects.toBeInstanceOf(Forbidden);
	});
});
