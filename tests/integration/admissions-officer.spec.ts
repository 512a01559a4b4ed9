import { beforeAll, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog } from '$lib/server/db/schema';
import { checkBankFile, readBankFiles, seedItemBanks } from '$lib/server/placement/banks';
import { registerAccount, rolesOf } from '$lib/server/accounts/service';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { createProgram, type ProgramInput } from '$lib/server/admissions/programs';
import {
	candidateForOfficer,
	candidateHistory,
	inviteCandidates
} from '$lib/server/admissions/candidates';
import { decide, grantRetake } from '$lib/server/admissions/decisions';
import { editCandidate, withdrawInvitation } from '$lib/server/admissions/corrections';
import {
	auditEntries,
	auditFilterChoices,
	auditLogForOfficer
} from '$lib/server/admissions/audit-log';
import { readAuditFilter } from '../../src/routes/(admissions)/admissions/audit/audit-filter';
import { publicVerification } from '$lib/server/admissions/verification';
import { organizationsById } from '$lib/server/admissions/repository';
import {
	addFollowUp,
	graduateOf,
	graduatesOfProgram,
	recordCompletion
} from '$lib/server/admissions/graduates';
import { isCalendarDay } from '$lib/validation';
import { auditCsvRows, graduatesCsvRows } from '$lib/server/admissions/exports';
import {
	candidateOfUser,
	decisionOfCandidate,
	type CandidateContext
} from '$lib/server/screening/context';
import { startOrResumeAttempt } from '$lib/server/screening/delivery';
import { csvResponse } from '$lib/server/csv';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import { answerAdaptivePart, programInput } from '../factories/screening';

const DAY = 86_400_000;
const E2E_BANKS = 'tests/e2e/fixtures/banks';

withTestDatabase('admissions officer screens', (database) => {
	let db: DB;
	let officer: Actor;
	let otherOfficer: Actor;
	let schoolAdmin: Actor;
	let otherAdmin: Actor;
	let platformAdmin: Actor;
	let school: { id: string };
	let elsewhere: { id: string };
	let baseProgram: ProgramInput;

	async function actor(roles: { organizationId: string; role: 'admissions' | 'admin' }[]) {
		const u = await makeUser(db, { roles });
		return { id: u.id, isPlatformAdmin: false, memberships: await rolesOf(db, u.id) };
	}

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		await seedItemBanks(db, E2E_BANKS);
		school = await makeOrganization(db);
		elsewhere = await makeOrganization(db);
		officer = await actor([{ organizationId: school.id, role: 'admissions' }]);
		otherOfficer = await actor([{ organizationId: elsewhere.id, role: 'admissions' }]);
		schoolAdmin = await actor([{ organizationId: school.id, role: 'admin' }]);
		otherAdmin = await actor([{ organizationId: elsewhere.id, role: 'admin' }]);
		const p = await makeUser(db, { isPlatformAdmin: true });
		platformAdmin = { id: p.id, isPlatformAdmin: true, memberships: [] };
		baseProgram = programInput(school.id, {
			bankId: 'e2e-vi',
			minOverallLevel: 3,
			retakeCooldownDays: 14
		});
	});

	async function registeredCandidate(fullName: string, programId?: string) {
		let id = programId;
		if (!id) {
			const created = await createProgram(db, officer, baseProgram);
			if (!created.ok) throw new Error(JSON.stringify(created.errors));
			id = created.id;
		}
		const [invited] = await inviteCandidates(db, officer, id, [
			{
				fullName,
				position: 'Chuyên viên',
				sendingOrganization: 'Hủa Phăn',
				dateOfBirth: '1985-04-02',
				phone: '+856 20 5555 1234'
			}
		]);
		const [invitation] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'candidates_invited')))
			.orderBy(desc(auditLog.at))
			.limit(1);
		expect(invitation).toMatchObject({ actorId: officer.id, after: { count: 1 } });
		const registered = await registerAccount(db, {
			username: `cand${Math.random().toString(36).slice(2, 9)}`,
			displayName: fullName,
			password: 'long enough',
			invitationCode: invited.invitationCode
		});
		if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
		const ctx = (await candidateOfUser(db, registered.userId, invited.id))!;
		return { ctx, programId: id, candidateId: invited.id };
	}

	const takeTest = (ctx: CandidateContext, right: boolean) =>
		answerAdaptivePart(db, ctx, right ? 'right' : 'wrong');

	it('loads the deterministic e2e bank, whose correct option always reads “Đáp án đúng”', () => {
		const file = readBankFiles(E2E_BANKS).get('e2e-vi')!;
		expect(checkBankFile(file, `${E2E_BANKS}/audio`)).toEqual([]);
		expect(new Set(file.items.map((i) => i.skill))).toEqual(
			new Set(['listening', 'reading', 'vocabulary_grammar'])
		);
		for (const item of file.items) {
			expect(item.options![item.answer!]).toBe('Đáp án đúng');
			expect(item.options!.filter((o) => o === 'Đáp án đúng')).toHaveLength(1);
		}
	});

	it('shows an officer the candidate, the result and the history, and the answers only as counts', async () => {
		const { ctx, programId, candidateId } = await registeredCandidate('ບຸນມີ ພົມມະວົງ');
		const finished = await takeTest(ctx, true);
		const { candidate } = await candidateForOfficer(db, officer, programId, candidateId);
		expect(candidate).toMatchObject({
			fullName: 'ບຸນມີ ພົມມະວົງ',
			sendingOrganization: 'Hủa Phăn',
			dateOfBirth: '1985-04-02',
			status: 'passed'
		});
		expect(candidate.latest?.verificationCode).toBe(finished.verificationCode);
		const history = await candidateHistory(db, candidateId);
		expect(history.attempts).toHaveLength(1);
		expect(history.attempts[0].bankVersion).toMatch(/^e2e-1\+/);
		const answered = history.answers.reduce((n, a) => n + a.answered, 0);
		expect(answered).toBe(finished.revision);
		for (const count of history.answers) {
			expect(Object.keys(count).sort()).toEqual(['answered', 'correct', 'skill']);
			expect(count.correct).toBe(count.answered);
		}
	});

	it('refuses an admission without a valid pass unless the override is ticked with a reason', async () => {
		const { ctx, candidateId } = await registeredCandidate('ສີສະຫວາດ');
		const failed = await takeTest(ctx, false);
		expect(failed.passed).toBe(false);
		const reason = 'Cán bộ chủ chốt, tỉnh bạn đề nghị đặc biệt';
		expect(
			await decide(db, officer, { candidateId, decision: 'admit', reason, override: false })
		).toEqual({ ok: false, error: 'reason_required' });
		expect(
			await decide(db, officer, { candidateId, decision: 'admit', reason: 'short', override: true })
		).toEqual({ ok: false, error: 'reason_required' });
		expect(
			await decide(db, officer, { candidateId, decision: 'admit', reason, override: true })
		).toEqual({ ok: true });
		const history = await candidateHistory(db, candidateId);
		expect(history.decisions).toEqual([
			expect.objectContaining({
				decision: 'admit',
				override: true,
				reason,
				decidedBy: 'Test Person'
			})
		]);
		// The candidate is told, and an admitted candidate has no retake to take.
		expect(await decisionOfCandidate(db, candidateId)).toEqual({
			decision: 'admit',
			decidedAt: expect.any(Date)
		});
		expect(await startOrResumeAttempt(db, ctx, new Date(Date.now() + 20 * DAY))).toMatchObject({
			ok: false,
			eligibility: { reason: 'admitted' }
		});
	});

	it('exports the audit log newest first with who, what, candidate, program and why', async () => {
		const { candidateId } = await registeredCandidate('=HYPERLINK("x")');
		const t0 = new Date();
		await grantRetake(db, officer, { candidateId, reason: 'Mất điện khi đang làm bài' }, t0);
		await decide(
			db,
			officer,
			{ candidateId, decision: 'waitlist', reason: 'Chờ chỉ tiêu, lớp đã đủ' },
			new Date(t0.getTime() + 1000)
		);
		const entries = await auditLogForOfficer(db, officer);
		for (let i = 1; i < entries.length; i++)
			expect(entries[i - 1].at.getTime()).toBeGreaterThanOrEqual(entries[i].at.getTime());
		const mine = entries.filter((e) => e.subject === '=HYPERLINK("x")');
		expect(mine.map((e) => [e.action, e.reason])).toEqual([
			['waitlist', 'Chờ chỉ tiêu, lớp đã đủ'],
			['grant_retake', 'Mất điện khi đang làm bài']
		]);

		const response = csvResponse('audit.csv', auditCsvRows(entries));
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await response.arrayBuffer());
		// A UTF-8 byte-order mark, so that Excel reads Vietnamese and Lao.
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).split('\r\n');
		// Translated headers and readable values (the interface's base language, Vietnamese, here).
		expect(lines[0]).toBe(
			'Thời gian (UTC),Người thực hiện,Thao tác,Đối tượng,Chương trình,"Khoá, lớp",Thay đổi,Lý do'
		);
		const waitlist = lines.find((l) => l.includes(',Danh sách chờ,'))!;
		// A name a spreadsheet would run as a formula is neutralised and quoted.
		expect(waitlist).toContain(`Test Person,Danh sách chờ,"'=HYPERLINK(""x"")",`);
		expect(waitlist).toContain('Trung cấp lý luận chính trị,Lớp Lào khoá 6,');
		expect(waitlist).toContain('"Chờ chỉ tiêu, lớp đã đủ"');
		expect(lines.indexOf(waitlist)).toBeLessThan(
			lines.findIndex((l) => l.includes('Cho làm thêm một lượt'))
		);
	});

	it('lets the school’s administrators and platform administrators read the audit log, no one else', async () => {
		const ownIds = (await auditLogForOfficer(db, officer)).map((e) => e.id).sort();
		expect(ownIds.length).toBeGreaterThan(0);
		expect((await auditLogForOfficer(db, schoolAdmin)).map((e) => e.id).sort()).toEqual(ownIds);
		const platform = (await auditLogForOfficer(db, platformAdmin)).map((e) => e.id);
		for (const id of ownIds) expect(platform).toContain(id);
		expect(await auditLogForOfficer(db, otherOfficer)).toEqual([]);
		expect(await auditLogForOfficer(db, otherAdmin)).toEqual([]);
		await expect(auditEntries(db, otherOfficer, school.id)).rejects.toBeInstanceOf(Forbidden);
	});

	it('narrows the audit log by kind of action, by person and by day (Indochina Time), as the page’s address asks', async () => {
		const { candidateId } = await registeredCandidate('Bounmy Lọc');
		const colleague = await actor([{ organizationId: school.id, role: 'admissions' }]);
		// 23:30 on 10 March in Vientiane; then 00:30 on 11 March there, still 10 March in UTC.
		await grantRetake(
			db,
			officer,
			{ candidateId, reason: 'Mất điện khi đang làm bài' },
			new Date('2026-03-10T23:30:00+07:00')
		);
		await decide(
			db,
			colleague,
			{ candidateId, decision: 'waitlist', reason: 'Chờ chỉ tiêu, lớp đã đủ' },
			new Date('2026-03-11T00:30:00+07:00')
		);
		const people = (await auditFilterChoices(db, officer)).people;
		expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([officer.id, colleague.id]));
		const read = async (query: string) => {
			const { filter, ignored } = readAuditFilter(new URLSearchParams(query), people);
			const rows = await auditLogForOfficer(db, officer, filter);
			return {
				rows,
				ignored,
				about: rows.filter((e) => e.subject === 'Bounmy Lọc').map((e) => e.action)
			};
		};
		const everything = await read('');
		expect(everything.about).toEqual(['waitlist', 'grant_retake']);

		const retakes = await read('action=grant_retake');
		expect(retakes.about).toEqual(['grant_retake']);
		expect(new Set(retakes.rows.map((e) => e.action))).toEqual(new Set(['grant_retake']));
		expect(retakes.rows.length).toBeLessThan(everything.rows.length);

		const byColleague = await read(`actor=${colleague.id}`);
		expect(byColleague.rows.map((e) => e.action)).toEqual(['waitlist']);

		expect((await read('from=2026-03-11&to=2026-03-11')).about).toEqual(['waitlist']);
		expect((await read('from=2026-03-10&to=2026-03-10')).about).toEqual(['grant_retake']);
		expect((await read('to=2026-03-09')).about).toEqual([]);
		expect((await read('from=2026-03-10&actor=' + officer.id)).about).toEqual(['grant_retake']);

		// Values no form sends are dropped (with a notice), the others still apply; never an error.
		const odd = await read('action=drop_tables&from=2026-02-31&to=2026-03-10&actor=nobody');
		expect(odd.ignored).toBe(true);
		expect(odd.about).toEqual(['grant_retake']);
		// Another organization's officer is not in this officer's list of people: ignored, not a leak.
		expect((await read(`actor=${otherOfficer.id}`)).ignored).toBe(true);
		expect((await read('action=waitlist')).ignored).toBe(false);
	});

	it('records completion and follow-ups for admitted candidates only, each in the audit log', async () => {
		const { ctx, programId, candidateId } = await registeredCandidate('Khamphone');
		// The records below are written as if in mid-2028, after the course and the follow-ups.
		const later = new Date('2028-06-01T09:00:00+07:00');
		await takeTest(ctx, true);
		const completion = {
			candidateId,
			outcome: 'completed',
			completedOn: '2027-06-30',
			notes: 'Tốt nghiệp loại khá'
		};
		expect(await recordCompletion(db, officer, completion)).toEqual({
			ok: false,
			errors: { form: 'not_admitted' }
		});
		expect(await decide(db, officer, { candidateId, decision: 'admit', reason: '' })).toEqual({
			ok: true
		});
		expect(
			await recordCompletion(
				db,
				officer,
				{
					...completion,
					outcome: 'maybe',
					completedOn: '2027-02-30'
				},
				later
			)
		).toEqual({ ok: false, errors: { outcome: 'outcome_invalid', completedOn: 'date_invalid' } });
		expect(await recordCompletion(db, officer, completion, later)).toEqual({ ok: true });
		// Recording again corrects the record: one per graduate.
		expect(
			await recordCompletion(db, officer, { ...completion, notes: 'Tốt nghiệp loại giỏi' }, later)
		).toEqual({ ok: true });

		const followUp = {
			candidateId,
			observedOn: '2028-01-15',
			positionHeld: 'Phó Trưởng ban Tổ chức huyện Xầm Nưa',
			vietnameseUse: 'weekly',
			notes: 'Phiên dịch trong các đoàn công tác'
		};
		expect(
			await addFollowUp(db, officer, {
				...followUp,
				observedOn: '',
				positionHeld: ' ',
				vietnameseUse: 'often'
			})
		).toEqual({
			ok: false,
			errors: {
				observedOn: 'date_invalid',
				positionHeld: 'position_required',
				vietnameseUse: 'use_invalid'
			}
		});
		// A follow-up or a completion is about what has happened: not a day after today (Indochina Time).
		expect(await addFollowUp(db, officer, followUp, new Date('2028-01-14T23:00:00+07:00'))).toEqual(
			{
				ok: false,
				errors: { observedOn: 'date_in_future' }
			}
		);
		expect(
			await recordCompletion(db, officer, completion, new Date('2027-06-29T12:00:00+07:00'))
		).toEqual({ ok: false, errors: { completedOn: 'date_in_future' } });
		// 15 January 00:30 in Vientiane is still 14 January in UTC: the day is Indochina's.
		expect(await addFollowUp(db, officer, followUp, new Date('2028-01-15T00:30:00+07:00'))).toEqual(
			{
				ok: true
			}
		);
		expect(
			await addFollowUp(
				db,
				officer,
				{ ...followUp, observedOn: '2027-09-01', vietnameseUse: 'daily', notes: '' },
				later
			)
		).toEqual({ ok: true });

		const graduate = await graduateOf(db, officer, candidateId);
		expect(graduate.admitted).toBe(true);
		expect(graduate.record).toMatchObject({
			outcome: 'completed',
			completedOn: '2027-06-30',
			notes: 'Tốt nghiệp loại giỏi'
		});
		expect(graduate.followUps.map((f) => [f.observedOn, f.vietnameseUse, f.notes])).toEqual([
			['2027-09-01', 'daily', null],
			['2028-01-15', 'weekly', 'Phiên dịch trong các đoàn công tác']
		]);

		const rows = graduatesCsvRows(await graduatesOfProgram(db, officer, programId));
		expect(rows).toHaveLength(3);
		expect(rows[2]).toEqual([
			'Khamphone',
			'Chuyên viên',
			'Hủa Phăn',
			'Đã hoàn thành khoá học',
			'2027-06-30',
			'Tốt nghiệp loại giỏi',
			'2028-01-15',
			'Phó Trưởng ban Tổ chức huyện Xầm Nưa',
			'Hằng tuần',
			'Phiên dịch trong các đoàn công tác'
		]);

		const audited = await db.select().from(auditLog).where(eq(auditLog.subjectId, candidateId));
		expect(audited.map((a) => a.action).sort()).toEqual([
			'admit',
			'graduate_completion',
			'graduate_completion',
			'graduate_follow_up',
			'graduate_follow_up'
		]);
		expect(
			audited.find((a) => a.action === 'graduate_follow_up' && a.reason)?.details
		).toMatchObject({
			candidate: 'Khamphone',
			positionHeld: 'Phó Trưởng ban Tổ chức huyện Xầm Nưa',
			vietnameseUse: 'weekly'
		});
	});

	it('checks calendar days', () => {
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2027-02-29')).toBe(false);
		expect(isCalendarDay('15/01/2028')).toBe(false);
	});

	it('shows on the verification page the name, levels, date, validity, program and issuer only', async () => {
		const { ctx } = await registeredCandidate('Vilayphone');
		const done = await takeTest(ctx, true);
		const [issuer] = await organizationsById(db, [school.id]);
		const expected = {
			code: done.verificationCode,
			fullName: 'Vilayphone',
			overallLevel: done.overallLevel,
			skillLevels: done.skillLevels,
			testDate: done.finishedAt,
			validUntil: done.validUntil,
			valid: true,
			issuedBy: issuer.name,
			program: baseProgram.name,
			intake: baseProgram.intake
		};
		// As printed, as typed without the dash, in lower case, with spaces.
		const code = done.verificationCode!;
		for (const typed of [code, code.replace('-', ''), ` ${code.toLowerCase()} `])
			expect(await publicVerification(db, typed)).toEqual(expected);
		// Nothing of the estimate, the candidate's details or other candidates.
		const text = JSON.stringify(await publicVerification(db, code));
		for (const secret of [
			String(done.theta),
			ctx.candidate.invitationCode,
			'Hủa Phăn',
			'+856',
			'1985'
		])
			expect(text).not.toContain(secret);
		const later = new Date(done.validUntil!.getTime() + DAY);
		expect((await publicVerification(db, code, later))?.valid).toBe(false);
		expect(await publicVerification(db, 'ZZZZ-0000')).toBeNull();
		expect(await publicVerification(db, ctx.candidate.invitationCode)).toBeNull();
		for (const typed of ['.', '..', '', '%2e%2e', code + '0']) {
			expect(await publicVerification(db, typed)).toBeNull();
		}
	});

	it('corrects a candidate’s details and withdraws an unused invitation, audited; never a registered one', async () => {
		const created = await createProgram(db, officer, baseProgram);
		if (!created.ok) throw new Error('program');
		const [unused] = await inviteCandidates(db, officer, created.id, [
			{ fullName: 'Somphon', position: '', sendingOrganization: '', dateOfBirth: '', phone: '' }
		]);
		const details = {
			fullName: ' Somphone  Keomany ',
			position: 'Phó phòng',
			sendingOrganization: 'Hủa Phăn',
			dateOfBirth: '1990-02-03',
			phone: ''
		};
		await expect(editCandidate(db, otherOfficer, unused.id, details)).rejects.toBeInstanceOf(
			Forbidden
		);
		expect(await editCandidate(db, officer, unused.id, { ...details, fullName: ' ' })).toEqual({
			ok: false,
			error: 'full_name_required'
		});
		expect(await editCandidate(db, officer, unused.id, details)).toEqual({ ok: true });
		const { candidate } = await candidateForOfficer(db, officer, created.id, unused.id);
		expect(candidate).toMatchObject({
			fullName: 'Somphone  Keomany',
			position: 'Phó phòng',
			dateOfBirth: '1990-02-03',
			phone: null
		});
		const [edited] = await db.select().from(auditLog).where(eq(auditLog.subjectId, unused.id));
		expect(edited).toMatchObject({
			action: 'candidate_edited',
			details: {
				before: { fullName: 'Somphon', position: null },
				after: { fullName: 'Somphone  Keomany', position: 'Phó phòng' }
			}
		});

		await expect(withdrawInvitation(db, otherOfficer, unused.id)).rejects.toBeInstanceOf(Forbidden);
		expect(await withdrawInvitation(db, officer, unused.id)).toEqual({ ok: true });
		// The code no longer registers anyone; the withdrawal is in the audit log.
		const late = await registerAccount(db, {
			username: `late${Math.random().toString(36).slice(2, 9)}`,
			displayName: 'Somphone',
			password: 'long enough',
			invitationCode: unused.invitationCode
		});
		expect(late.ok).toBe(false);
		const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, unused.id))).map(
			(a) => a.action
		);
		expect(actions.sort()).toEqual(['candidate_edited', 'invitation_withdrawn']);

		const { candidateId } = await registeredCandidate('Bounthanh', created.id);
		expect(await withdrawInvitation(db, officer, candidateId)).toEqual({
			ok: false,
			error: 'already_registered'
		});
		expect(
			(await candidateForOfficer(db, officer, created.id, candidateId)).candidate.fullName
		).toBe('Bounthanh');
	});

	it('refuses an officer of another organization every new read and write', async () => {
		const { programId, candidateId } = await registeredCandidate('Phonsavanh');
		const refused = [
			() => candidateForOfficer(db, otherOfficer, programId, candidateId),
			() => graduateOf(db, otherOfficer, candidateId),
			() => graduatesOfProgram(db, otherOfficer, programId),
			() =>
				recordCompletion(db, otherOfficer, {
					candidateId,
					outcome: 'completed',
					completedOn: '',
					notes: ''
				}),
			() =>
				addFollowUp(db, otherOfficer, {
					candidateId,
					observedOn: '2028-01-01',
					positionHeld: 'X',
					vietnameseUse: 'daily',
					notes: ''
				}),
			() =>
				decide(db, otherOfficer, {
					candidateId,
					decision: 'admit',
					reason: 'a long enough reason',
					override: true
				}),
			() => grantRetake(db, otherOfficer, { candidateId, reason: 'a long enough reason' })
		];
		for (const call of refused) await expect(call()).rejects.toBeInstanceOf(Forbidden);
		// A candidate id probed through another program of the same officer is refused too.
		const other = await createProgram(db, officer, { ...baseProgram, intake: 'Lớp Lào khoá 7' });
		if (!other.ok) throw new Error('program');
		await expect(candidateForOfficer(db, officer, other.id, candidateId)).rejects.toBeInstanceOf(
			Forbidden
		);
		expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, candidateId))).toEqual([]);
	});
});
