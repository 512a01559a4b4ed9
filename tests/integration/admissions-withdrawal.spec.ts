import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { attempt, auditLog, program } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { registerAccount, rolesOf } from '$lib/server/accounts/service';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import {
	createProgram,
	editProgram,
	withdrawProgram,
	type ProgramInput
} from '$lib/server/admissions/programs';
import { candidateForOfficer, inviteCandidates } from '$lib/server/admissions/candidates';
import { decide, grantRetake } from '$lib/server/admissions/decisions';
import { withdrawCandidate } from '$lib/server/admissions/corrections';
import { candidaciesOfUser, candidateOfUser } from '$lib/server/screening/context';
import { eligibilityOf, startOrResumeAttempt } from '$lib/server/screening/delivery';
import { withTestDatabase } from '../factories/databases';
import { programInput } from '../factories/screening';
import { makeOrganization, makeUser } from '../factories/accounts';

const E2E_BANKS = 'tests/e2e/fixtures/banks';

/** Issue 9: programs edited and withdrawn, registered candidates withdrawn — the rules and the audit. */
withTestDatabase('admissions: editing and withdrawing', (database) => {
	let db: DB;
	let officer: Actor;
	let otherOfficer: Actor;
	let school: { id: string };
	let baseProgram: ProgramInput;

	async function actor(organizationId: string) {
		const u = await makeUser(db, { roles: [{ organizationId, role: 'admissions' }] });
		return { id: u.id, isPlatformAdmin: false, memberships: await rolesOf(db, u.id) };
	}

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db, E2E_BANKS);
		school = await makeOrganization(db);
		officer = await actor(school.id);
		otherOfficer = await actor((await makeOrganization(db)).id);
		baseProgram = programInput(school.id, {
			intake: 'Lớp Lào khoá 7',
			bankId: 'e2e-vi',
			minOverallLevel: 3,
			retakeCooldownDays: 14
		});
	});

	async function newProgram() {
		const created = await createProgram(db, officer, baseProgram);
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		return created.id;
	}

	async function invite(programId: string, fullName: string) {
		const [invited] = await inviteCandidates(db, officer, programId, [
			{ fullName, position: '', sendingOrganization: '', dateOfBirth: '', phone: '' }
		]);
		return invited;
	}

	async function registered(programId: string, fullName: string) {
		const invited = await invite(programId, fullName);
		const account = await registerAccount(db, {
			username: `cand${Math.random().toString(36).slice(2, 9)}`,
			displayName: fullName,
			password: 'long enough',
			invitationCode: invited.invitationCode
		});
		if (!account.ok) throw new Error(JSON.stringify(account.errors));
		return { candidateId: invited.id, userId: account.userId };
	}

	const contextOf = async (userId: string, candidateId: string) =>
		(await candidateOfUser(db, userId, candidateId))!;

	const entries = (subjectId: string) =>
		db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId));

	const input = (changes: Partial<ProgramInput> = {}) => {
		const { organizationId: _org, ...rest } = { ...baseProgram, ...changes };
		return rest;
	};

	it('edits every field before anyone started, audited with the changed fields before and after', async () => {
		const programId = await newProgram();
		await expect(editProgram(db, otherOfficer, programId, input())).rejects.toBeInstanceOf(
			Forbidden
		);
		// Nothing changed: nothing recorded.
		expect(await editProgram(db, officer, programId, input())).toEqual({ ok: true, changed: [] });
		expect(await entries(programId)).toHaveLength(0);
		// Invalid values are refused whole.
		expect(
			await editProgram(db, officer, programId, input({ name: ' ', maxAttempts: 0 }))
		).toMatchObject({
			ok: false,
			errors: { name: 'name_required', maxAttempts: 'number_invalid' }
		});

		const result = await editProgram(
			db,
			officer,
			programId,
			input({ name: 'Cao cấp lý luận', minOverallLevel: 4, ratedSections: ['writing'] })
		);
		expect(result).toEqual({
			ok: true,
			changed: ['name', 'minOverallLevel', 'ratedSections']
		});
		const [stored] = await db.select().from(program).where(eq(program.id, programId));
		expect(stored).toMatchObject({
			name: 'Cao cấp lý luận',
			minOverallLevel: 4,
			ratedSections: ['writing'],
			organizationId: school.id
		});
		const [entry] = await entries(programId);
		expect(entry).toMatchObject({
			action: 'program_edited',
			actorId: officer.id,
			organizationId: school.id,
			before: { name: 'Trung cấp lý luận chính trị', minOverallLevel: 3, ratedSections: [] },
			after: { name: 'Cao cấp lý luận', minOverallLevel: 4, ratedSections: ['writing'] }
		});
		expect(Object.keys(entry.after!).sort()).toEqual(['minOverallLevel', 'name', 'ratedSections']);
	});

	it('locks the bank, minimums and rated sections once someone started; the rest applies to later attempts', async () => {
		const programId = await newProgram();
		const { candidateId, userId } = await registered(programId, 'Bounmy');
		const started = await startOrResumeAttempt(db, await contextOf(userId, candidateId));
		expect(started.ok).toBe(true);

		for (const changes of [
			{ minOverallLevel: 4 },
			{ skillMinimums: { reading: 3 } },
			{ ratedSections: ['speaking' as const] },
			{ bankId: 'vi-placement' }
		]) {
			const refused = await editProgram(db, officer, programId, input(changes));
			expect(refused.ok, JSON.stringify(changes)).toBe(false);
			if (!refused.ok) expect(Object.values(refused.errors)).toContain('locked_after_start');
		}
		const [unchanged] = await db.select().from(program).where(eq(program.id, programId));
		expect(unchanged.minOverallLevel).toBe(3);
		expect((await entries(programId)).map((e) => e.action)).not.toContain('program_edited');

		const later = await editProgram(
			db,
			officer,
			programId,
			input({ timeLimitMinutes: 90, maxAttempts: 3, intake: 'Lớp Lào khoá 8' })
		);
		expect(later).toEqual({ ok: true, changed: ['intake', 'timeLimitMinutes', 'maxAttempts'] });
		// The attempt in progress keeps the deadline it started with.
		const [open] = await db.select().from(attempt).where(eq(attempt.candidateId, candidateId));
		expect(open.deadlineAt.getTime() - open.startedAt.getTime()).toBe(60 * 60_000);
	});

	it('withdraws a registered candidate: reason needed, open attempt closed without a result, told, audited', async () => {
		const programId = await newProgram();
		const { candidateId, userId } = await registered(programId, 'Chanthavong');
		const ctx = await contextOf(userId, candidateId);
		expect((await startOrResumeAttempt(db, ctx)).ok).toBe(true);

		await expect(
			withdrawCandidate(db, otherOfficer, candidateId, 'Không đến')
		).rejects.toBeInstanceOf(Forbidden);
		expect(await withdrawCandidate(db, officer, candidateId, '   ')).toEqual({
			ok: false,
			error: 'reason_required'
		});
		expect(await withdrawCandidate(db, officer, candidateId, 'Tỉnh cử người khác')).toEqual({
			ok: true,
			closedAttempts: 1
		});
		expect(await withdrawCandidate(db, officer, candidateId, 'Lần nữa')).toEqual({
			ok: false,
			error: 'already_withdrawn'
		});

		const [closed] = await db.select().from(attempt).where(eq(attempt.candidateId, candidateId));
		expect(closed).toMatchObject({
			status: 'expired',
			pendingItemId: null,
			verificationCode: null,
			passed: null
		});
		expect(closed.finishedAt).not.toBeNull();

		// The candidate's side: nothing to start or resume, and why.
		const after = await contextOf(userId, candidateId);
		expect(await eligibilityOf(db, after, new Date())).toEqual({ ok: false, reason: 'withdrawn' });
		expect((await startOrResumeAttempt(db, after)).ok).toBe(false);
		expect(await candidaciesOfUser(db, userId)).toEqual([
			expect.objectContaining({ candidateId, withdrawn: true })
		]);
		// The officers' side: status, no more decisions or retakes, and the audit entry.
		const { candidate } = await candidateForOfficer(db, officer, programId, candidateId);
		expect(candidate).toMatchObject({
			status: 'withdrawn',
			withdrawalReason: 'Tỉnh cử người khác'
		});
		expect(await decide(db, officer, { candidateId, decision: 'refuse', reason: '' })).toEqual({
			ok: false,
			error: 'withdrawn'
		});
		expect(
			await grantRetake(db, officer, { candidateId, reason: 'Mất điện giữa giờ làm bài' })
		).toEqual({ ok: false, error: 'withdrawn' });
		const [entry] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, candidateId), eq(auditLog.action, 'candidate_withdrawn')));
		expect(entry).toMatchObject({
			actorId: officer.id,
			organizationId: school.id,
			reason: 'Tỉnh cử người khác',
			before: { withdrawnAt: null },
			after: { closedAttempts: 1 },
			details: { candidate: 'Chanthavong', closedAttempts: 1 }
		});
	});

	it('never withdraws an admitted candidate silently: the admission is revoked first, with a reason', async () => {
		const programId = await newProgram();
		const { candidateId } = await registered(programId, 'Khamla');
		const admitted = await decide(db, officer, {
			candidateId,
			decision: 'admit',
			reason: 'Đặc cách theo đề nghị của tỉnh',
			override: true
		});
		expect(admitted).toEqual({ ok: true });
		expect(await withdrawCandidate(db, officer, candidateId, 'Không đến nhập học')).toEqual({
			ok: false,
			error: 'admitted'
		});
		// Revoking needs its reason…
		expect(await decide(db, officer, { candidateId, decision: 'refuse', reason: ' ' })).toEqual({
			ok: false,
			error: 'revoke_reason_required'
		});
		expect(
			await decide(db, officer, { candidateId, decision: 'refuse', reason: 'Không đến nhập học' })
		).toEqual({ ok: true });
		// …then the withdrawal goes through.
		expect(await withdrawCandidate(db, officer, candidateId, 'Không đến nhập học')).toEqual({
			ok: true,
			closedAttempts: 0
		});
		const actions = (await entries(candidateId)).map((e) => e.action).sort();
		expect(actions).toEqual(['admit_override', 'candidate_withdrawn', 'refuse']);
	});

	it('withdraws a program: reason needed, refused while anyone is admitted, closes everything, deletes nothing', async () => {
		const programId = await newProgram();
		const testing = await registered(programId, 'Phonsavan');
		const admittedOne = await registered(programId, 'Vilayphone');
		const unused = await invite(programId, 'Souksavanh');
		expect(
			(await startOrResumeAttempt(db, await contextOf(testing.userId, testing.candidateId))).ok
		).toBe(true);
		await decide(db, officer, {
			candidateId: admittedOne.candidateId,
			decision: 'admit',
			reason: 'Đặc cách theo đề nghị của tỉnh',
			override: true
		});

		await expect(withdrawProgram(db, otherOfficer, programId, 'Huỷ')).rejects.toBeInstanceOf(
			Forbidden
		);
		expect(await withdrawProgram(db, officer, programId, '')).toEqual({
			ok: false,
			error: 'reason_required'
		});
		expect(await withdrawProgram(db, officer, programId, 'Tỉnh huỷ khoá học')).toEqual({
			ok: false,
			error: 'has_admitted'
		});
		await decide(db, officer, {
			candidateId: admittedOne.candidateId,
			decision: 'waitlist',
			reason: 'Khoá học bị huỷ'
		});
		expect(await withdrawProgram(db, officer, programId, 'Tỉnh huỷ khoá học')).toEqual({
			ok: true,
			closedAttempts: 1
		});
		expect(await withdrawProgram(db, officer, programId, 'Lần nữa')).toEqual({
			ok: false,
			error: 'program_withdrawn'
		});

		const [stored] = await db.select().from(program).where(eq(program.id, programId));
		expect(stored).toMatchObject({ withdrawalReason: 'Tỉnh huỷ khoá học', name: baseProgram.name });
		const [closed] = await db
			.select()
			.from(attempt)
			.where(eq(attempt.candidateId, testing.candidateId));
		expect(closed.status).toBe('expired');
		const ctx = await contextOf(testing.userId, testing.candidateId);
		expect(await eligibilityOf(db, ctx, new Date())).toEqual({
			ok: false,
			reason: 'program_withdrawn'
		});
		// An unused code no longer registers anyone; the candidates are all still listed.
		const late = await registerAccount(db, {
			username: `late${Math.random().toString(36).slice(2, 9)}`,
			displayName: 'Souksavanh',
			password: 'long enough',
			invitationCode: unused.invitationCode
		});
		expect(late.ok).toBe(false);
		expect((await candidateForOfficer(db, officer, programId, unused.id)).candidate.fullName).toBe(
			'Souksavanh'
		);
		// Editing a withdrawn program is refused.
		expect(await editProgram(db, officer, programId, input({ name: 'Mới' }))).toEqual({
			ok: false,
			errors: { form: 'program_withdrawn' }
		});
		const [entry] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, programId), eq(auditLog.action, 'program_withdrawn')));
		expect(entry).toMatchObject({
			actorId: officer.id,
			reason: 'Tỉnh huỷ khoá học',
			before: { withdrawnAt: null },
			after: { closedAttempts: 1 }
		});
	});
});
