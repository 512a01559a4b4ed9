import { beforeAll, describe, expect, it } from 'vitest';
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
import { auditEntriesOf } from '$lib/server/audit/log';
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

	it('lists only the members who hold the chosen role here, each with all their roles', async () => {
		const org = await makeOrganization(db);
		const both = await makeUser(db, {
			roles: [
				{ organizationId: org.id, role: 'learner' },
				{ organizationId: org.id, role: 'instructor' }
			]
		});
		const learner = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		// An officer here who teaches elsewhere: not an instructor of this organization.
		const officer = await makeUser(db, {
			roles: [
				{ organizationId: org.id, role: 'admissions' },
				{ organizationId: school.id, role: 'instructor' }
			]
		});
		const ids = async (role?: 'learner' | 'instructor' | 'admissions' | 'admin') =>
			(await listMembers(db, platformAdmin, org.id, role)).map((m) => m.userId).sort();
		expect(await ids()).toEqual([both.id, learner.id, officer.id].sort());
		expect(await ids('learner')).toEqual([both.id, learner.id].sort());
		expect(await ids('instructor')).toEqual([both.id]);
		expect(await ids('admissions')).toEqual([officer.id]);
		expect(await ids('admin')).toEqual([]);
		const [listed] = await listMembers(db, platformAdmin, org.id, 'instructor');
		expect(listed.roles.sort()).toEqual(['instructor', 'learner']);
		await expect(listMembers(db, schoolAdmin, org.id, 'learner')).rejects.toBeInstanceOf(Forbidden);
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
		).toEqual({ ok: false, error: 'user_not_here' });
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
		// Asked first, removed once confirmed.
		const asked = await revokeRole(db, schoolAdmin, {
			organizationId: school.id,
			userId: person.id,
			role: 'instructor',
			confirmed: false
		});
		expect(asked).toMatchObject({ ok: false, confirm: { userId: person.id, warnings: [] } });
		expect((await rolesOf(db, person.id)).map((m) => m.role)).toEqual(['instructor']);
		await revokeRole(db, schoolAdmin, {
			organizationId: school.id,
			userId: person.id,
			role: 'instructor',
			confirmed: true
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
		// The role a code gives is in the organization's audit log, done by the person registering.
		const [joined] = (await auditEntriesOf(db, [school.id])).filter(
			(e) => used.ok && e.subjectId === used.userId
		);
		expect(joined).toMatchObject({
			action: 'role_granted',
			after: { roles: ['learner'] },
			details: { through: 'code' }
		});
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
		expect(
			await setAccountDisabled(db, schoolAdmin, {
				organizationId: school.id,
				userId: person.id,
				disabled: true
			})
		).toMatchObject({ ok: false, confirm: { warnings: [] } });
		expect((await validateSessionToken(db, token)).user).not.toBeNull();
		await setAccountDisabled(db, schoolAdmin, {
			organizationId: school.id,
			userId: person.id,
			disabled: true,
			confirmed: true
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

	describe('accounts belong to their organizations', () => {
		const actorOf = async (id: string, isPlatformAdmin = false): Promise<Actor> => ({
			id,
			isPlatformAdmin,
			memberships: await rolesOf(db, id)
		});

		it("never lets an organization's admin lock out an account of another organization", async () => {
			// The probe of issue 9: B's admin gives a role in B to A's person, then disables them everywhere.
			const victim = await makeUser(db, {
				roles: [{ organizationId: department.id, role: 'instructor' }]
			});
			const token = generateSessionToken();
			await createSession(db, token, victim.id);
			expect(
				await grantRole(db, schoolAdmin, {
					organizationId: school.id,
					username: victim.username,
					role: 'learner'
				})
			).toEqual({ ok: false, error: 'user_not_here' });
			// The same answer as a username nobody has: the form tells nothing about other organizations.
			expect(
				await grantRole(db, schoolAdmin, {
					organizationId: school.id,
					username: 'nobody-has-this',
					role: 'learner'
				})
			).toEqual({ ok: false, error: 'user_not_here' });
			expect((await rolesOf(db, victim.id)).map((r) => r.organizationId)).toEqual([department.id]);

			// Holding a role in both (given by a platform admin), they are still not the school's to disable.
			expect(
				await grantRole(db, platformAdmin, {
					organizationId: school.id,
					username: victim.username,
					role: 'learner'
				})
			).toEqual({ ok: true });
			const members = await listMembers(db, schoolAdmin, school.id);
			const listed = members.find((p) => p.userId === victim.id);
			expect(listed).toMatchObject({ elsewhere: true, canDisable: false });
			expect(listed).not.toHaveProperty('phone');
			for (const confirmed of [false, true]) {
				await expect(
					setAccountDisabled(db, schoolAdmin, {
						organizationId: school.id,
						userId: victim.id,
						disabled: true,
						confirmed
					})
				).rejects.toBeInstanceOf(Forbidden);
			}
			expect((await validateSessionToken(db, token)).user).not.toBeNull();
			// …but they may give a member of theirs another role here, and take the school's roles away.
			expect(
				await grantRole(db, schoolAdmin, {
					organizationId: school.id,
					username: victim.username,
					role: 'instructor'
				})
			).toEqual({ ok: true });
			for (const role of ['learner', 'instructor'])
				await revokeRole(db, schoolAdmin, {
					organizationId: school.id,
					userId: victim.id,
					role,
					confirmed: true
				});
			expect((await rolesOf(db, victim.id)).map((r) => r.organizationId)).toEqual([department.id]);
		});

		it('protects platform administrators from organization admins', async () => {
			const other = await makeUser(db, {
				isPlatformAdmin: true,
				roles: [{ organizationId: school.id, role: 'instructor' }]
			});
			expect(
				await grantRole(db, schoolAdmin, {
					organizationId: school.id,
					username: other.username,
					role: 'admissions'
				})
			).toEqual({ ok: true }); // already a member here: another role is the school's to give
			const fresh = await makeUser(db, { isPlatformAdmin: true });
			expect(
				await grantRole(db, schoolAdmin, {
					organizationId: school.id,
					username: fresh.username,
					role: 'learner'
				})
			).toEqual({ ok: false, error: 'user_not_here' });
			await expect(
				setAccountDisabled(db, schoolAdmin, {
					organizationId: school.id,
					userId: other.id,
					disabled: true,
					confirmed: true
				})
			).rejects.toBeInstanceOf(Forbidden);
			// A platform administrator may, once confirmed, with the other organizations named.
			const asked = await setAccountDisabled(db, platformAdmin, {
				organizationId: department.id,
				userId: (
					await makeUser(db, {
						roles: [
							{ organizationId: department.id, role: 'learner' },
							{ organizationId: school.id, role: 'learner' }
						]
					})
				).id,
				disabled: true
			});
			expect(asked).toMatchObject({ ok: false, confirm: { warnings: ['other_organizations'] } });
		});

		it('asks before anyone removes their own admin role or the last admin, and says where to go', async () => {
			const org = await makeOrganization(db);
			const only = await makeUser(db, { roles: [{ organizationId: org.id, role: 'admin' }] });
			const onlyAdmin = await actorOf(only.id);
			const asked = await revokeRole(db, onlyAdmin, {
				organizationId: org.id,
				userId: only.id,
				role: 'admin',
				confirmed: false
			});
			expect(asked).toMatchObject({
				ok: false,
				confirm: { warnings: ['own_admin_role', 'last_admin'] }
			});
			expect((await rolesOf(db, only.id)).map((r) => r.role)).toEqual(['admin']);
			// A platform admin removing the last admin is warned too.
			expect(
				await revokeRole(db, platformAdmin, {
					organizationId: org.id,
					userId: only.id,
					role: 'admin',
					confirmed: false
				})
			).toMatchObject({ ok: false, confirm: { warnings: ['last_admin'] } });
			expect(
				await revokeRole(db, onlyAdmin, {
					organizationId: org.id,
					userId: only.id,
					role: 'admin',
					confirmed: true
				})
			).toEqual({ ok: true, leftAdministration: true });
			expect(await rolesOf(db, only.id)).toEqual([]);
			// No longer theirs: the page's next load is refused, which the action answered with a redirect.
			await expect(listMembers(db, await actorOf(only.id), org.id)).rejects.toBeInstanceOf(
				Forbidden
			);
		});

		it('audits role changes, disabling and invitation codes with before and after', async () => {
			const org = await makeOrganization(db);
			const a = await makeUser(db, { roles: [{ organizationId: org.id, role: 'admin' }] });
			const admin = await actorOf(a.id);
			const person = await makeUser(db);
			await grantRole(db, admin, {
				organizationId: org.id,
				username: person.username,
				role: 'learner'
			});
			await grantRole(db, admin, {
				organizationId: org.id,
				username: person.username,
				role: 'learner'
			});
			await revokeRole(db, admin, {
				organizationId: org.id,
				userId: person.id,
				role: 'learner',
				confirmed: false
			});
			await grantRole(db, admin, {
				organizationId: org.id,
				username: person.username,
				role: 'instructor'
			});
			await setAccountDisabled(db, admin, {
				organizationId: org.id,
				userId: person.id,
				disabled: true,
				confirmed: true
			});
			await setAccountDisabled(db, admin, {
				organizationId: org.id,
				userId: person.id,
				disabled: false
			});
			const code = await createInvitationCode(db, admin, {
				organizationId: org.id,
				role: 'learner',
				maxUses: 3,
				validDays: null
			});
			if (!code.ok) throw new Error('no code');
			await revokeInvitationCode(db, admin, { organizationId: org.id, code: code.code });
			await revokeInvitationCode(db, admin, { organizationId: org.id, code: code.code });

			const entries = (await auditEntriesOf(db, [org.id])).reverse();
			// Nothing is audited twice (a role held already, a question not yet confirmed, a code withdrawn already).
			expect(entries.map((e) => e.action)).toEqual([
				'role_granted',
				'role_granted',
				'account_disabled',
				'account_enabled',
				'code_created',
				'code_revoked'
			]);
			expect(entries.every((e) => e.actorId === a.id)).toBe(true);
			expect(entries[1]).toMatchObject({
				subjectType: 'account',
				subjectId: person.id,
				before: { roles: ['learner'] },
				after: { roles: ['instructor', 'learner'] }
			});
			expect(entries[2]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
			expect(entries[5]).toMatchObject({
				subjectType: 'invitation_code',
				before: { revoked: false },
				after: { revoked: true }
			});
		});
	});
});
