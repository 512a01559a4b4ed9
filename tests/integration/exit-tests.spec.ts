import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { attempt, auditLog, cohort, enrollment, membership, program } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { seedCourses } from '$lib/server/learning/seed';
import { rolesOf } from '$lib/server/accounts/service';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { createProgram, listPrograms, programForOfficer } from '$lib/server/admissions/programs';
import { decide } from '$lib/server/admissions/decisions';
import { addFollowUp, recordCompletion } from '$lib/server/admissions/graduates';
import { programsOfOrganizations } from '$lib/server/admissions/admitted';
import {
	candidaciesOfUser,
	candidateOfUser,
	type CandidateContext
} from '$lib/server/screening/context';
import { eligibilityOf, startOrResumeAttempt } from '$lib/server/screening/delivery';
import { publicItemId } from '$lib/server/screening/item-ids';
import { ratedTasksOf } from '$lib/server/screening/rated-tasks';
import { submitWriting } from '$lib/server/screening/rated-part';
import { rate, ratingQueue } from '$lib/server/rating/service';
import { assignCourse, createClass, enrolByUsernames } from '$lib/server/classes/service';
import {
	classEvaluation,
	closeExitTest,
	exitTestsOfLearner,
	openExitTest,
	startExitTest,
	type ExitTestInput
} from '$lib/server/classes/exit-tests';
import { joinClassByCode } from '$lib/server/classes/join';
import { classGain } from '$lib/classes/gain';
import { ictDay } from '$lib/i18n/dates';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import { answerAdaptivePart, registerCandidate } from '../factories/screening';

const DAY = 86_400_000;

withTestDatabase('class exit tests and joining by code', (database) => {
	let db: DB;
	let school: { id: string };
	let officer: Actor;
	let teacher: Actor;
	let stranger: Actor;
	let screeningProgramId: string;
	let placementProgramId: string;

	const actorOf = async (id: string): Promise<Actor> => ({
		id,
		isPlatformAdmin: false,
		memberships: await rolesOf(db, id)
	});

	const exitSettings = (overrides: Partial<ExitTestInput> = {}): ExitTestInput => ({
		bankId: 'vi-placement',
		ratedSections: [],
		timeLimitMinutes: 60,
		closesOn: ictDay(new Date(Date.now() + 7 * DAY)),
		...overrides
	});

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		await seedCourses(db, 'tests/fixtures/courses');
		school = await makeOrganization(db);
		const elsewhere = await makeOrganization(db);
		officer = await actorOf(
			(await makeUser(db, { roles: [{ organizationId: school.id, role: 'admissions' }] })).id
		);
		teacher = await actorOf(
			(await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] })).id
		);
		stranger = await actorOf(
			(await makeUser(db, { roles: [{ organizationId: elsewhere.id, role: 'instructor' }] })).id
		);
		const base = {
			organizationId: school.id,
			bankId: 'vi-placement',
			minOverallLevel: 2,
			skillMinimums: {},
			ratedSections: [],
			windowOpensAt: new Date(Date.now() - DAY),
			windowClosesAt: new Date(Date.now() + 30 * DAY),
			timeLimitMinutes: 60,
			maxAttempts: 2,
			retakeCooldownDays: 0,
			resultValidityMonths: 24
		};
		const screening = await createProgram(db, officer, {
			...base,
			name: 'Trung cấp lý luận',
			intake: 'Lào khoá 6'
		});
		const placement = await createProgram(db, officer, {
			...base,
			name: 'Xếp lớp',
			intake: '2026'
		});
		if (!screening.ok || !placement.ok) throw new Error('programs not created');
		screeningProgramId = screening.id;
		placementProgramId = placement.id;
	});

	/** A registered candidate of a program, by their personal code. */
	const candidateIn = (programId: string, name: string) =>
		registerCandidate(db, officer, programId, name);

	/** Takes the adaptive test, answering by `policy`; returns the attempt once it is no longer open. */
	const takeTest = (ctx: CandidateContext, policy: (skill: string) => boolean) =>
		answerAdaptivePart(db, ctx, policy);

	async function newClass(name: string) {
		const created = await createClass(db, teacher, { organizationId: school.id, name });
		if (!created.ok) throw new Error('class not created');
		return created.id;
	}

	it('measures entry → exit per skill, with the gain, and keeps exit tests out of admissions', async () => {
		// Admitted through the screening (entry = that result), placed only (entry = placement), none.
		const admitted = await candidateIn(screeningProgramId, 'Bounmy');
		const entryAttempt = await takeTest(admitted.ctx, (s) => s !== 'reading');
		expect(
			await decide(db, officer, {
				candidateId: admitted.ctx.candidate.id,
				decision: 'admit',
				reason: 'x'
			})
		).toEqual({ ok: true });
		const placed = await candidateIn(placementProgramId, 'Khamla');
		const placedAttempt = await takeTest(placed.ctx, () => false);
		const fresh = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });

		const classId = await newClass('Lớp Lào khoá 6 (đánh giá)');
		await enrolByUsernames(
			db,
			teacher,
			classId,
			[admitted.username, placed.username, fresh.username],
			'csv'
		);

		// Only the class's own organization's instructors open it; the form's rules.
		await expect(openExitTest(db, stranger, classId, exitSettings())).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(classEvaluation(db, stranger, classId)).rejects.toBeInstanceOf(Forbidden);
		expect(
			await openExitTest(
				db,
				teacher,
				classId,
				exitSettings({ bankId: 'no-bank', closesOn: '2020-01-01' })
			)
		).toEqual({ ok: false, errors: { bankId: 'bank_invalid', closesOn: 'close_past' } });
		expect(await openExitTest(db, teacher, classId, exitSettings())).toEqual({ ok: true });
		const [opened] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, classId), eq(auditLog.action, 'exit_test_opened')));
		expect(opened.actorId).toBe(teacher.id);

		// Not a screening: no admissions page, list or enrolment source shows it.
		const before = await classEvaluation(db, teacher, classId);
		expect(before.exitTest?.open).toBe(true);
		const exitProgram = (await db.select().from(program).where(eq(program.purpose, 'exit')))[0];
		expect((await listPrograms(db, officer)).map((p) => p.id)).not.toContain(exitProgram.id);
		await expect(programForOfficer(db, officer, exitProgram.id)).rejects.toBeInstanceOf(Forbidden);
		expect((await programsOfOrganizations(db, [school.id])).map((p) => p.id)).not.toContain(
			exitProgram.id
		);

		// Learners see it on their home; someone outside the class cannot start it.
		expect(await exitTestsOfLearner(db, admitted.userId)).toMatchObject([
			{ classId, open: true, candidateId: null }
		]);
		const outsider = await makeUser(db, {
			roles: [{ organizationId: school.id, role: 'learner' }]
		});
		await expect(startExitTest(db, outsider.id, classId)).rejects.toBeInstanceOf(Forbidden);

		const admittedExit = await startExitTest(db, admitted.userId, classId);
		expect(await startExitTest(db, admitted.userId, classId)).toBe(admittedExit);
		const placedExit = await startExitTest(db, placed.userId, classId);
		const admittedCtx = (await candidateOfUser(db, admitted.userId, admittedExit))!;
		const placedCtx = (await candidateOfUser(db, placed.userId, placedExit))!;
		const exitA = await takeTest(admittedCtx, () => true);
		const exitB = await takeTest(placedCtx, (s) => s === 'listening');
		for (const row of [exitA, exitB]) {
			expect(row.status).toBe('completed');
			// No certificate: no verification code, no validity, no pass or fail.
			expect(row).toMatchObject({ verificationCode: null, validUntil: null, passed: null });
			expect(row.overallLevel).not.toBeNull();
		}
		expect((await candidaciesOfUser(db, admitted.userId)).map((c) => c.candidateId)).toEqual([
			admitted.ctx.candidate.id
		]);
		// One sitting each.
		expect(await eligibilityOf(db, admittedCtx, new Date())).toEqual({
			ok: false,
			reason: 'attempts_used'
		});

		// The officers' record of the admitted graduate shows beside the levels.
		expect(
			await recordCompletion(db, officer, {
				candidateId: admitted.ctx.candidate.id,
				outcome: 'completed',
				completedOn: ictDay(new Date()),
				notes: 'private note'
			})
		).toEqual({ ok: true });
		expect(
			await addFollowUp(db, officer, {
				candidateId: admitted.ctx.candidate.id,
				observedOn: ictDay(new Date()),
				positionHeld: 'Phó trưởng ban',
				vietnameseUse: 'weekly',
				notes: ''
			})
		).toEqual({ ok: true });

		const evaluation = await classEvaluation(db, teacher, classId);
		const byUser = new Map(evaluation.learners.map((l) => [l.userId, l]));
		const a = byUser.get(admitted.userId)!;
		const b = byUser.get(placed.userId)!;
		const c = byUser.get(fresh.id)!;
		expect(a.entry).toMatchObject({
			source: 'screening',
			overallLevel: entryAttempt.overallLevel,
			skillLevels: entryAttempt.skillLevels
		});
		expect(a.entry?.programName).toBe('Trung cấp lý luận — Lào khoá 6');
		expect(b.entry).toMatchObject({
			source: 'placement',
			overallLevel: placedAttempt.overallLevel
		});
		expect(c.entry).toBeNull();
		expect(c.exit).toBeNull();
		expect(a.exit).toMatchObject({ status: 'completed', overallLevel: exitA.overallLevel });
		expect(b.exit).toMatchObject({ status: 'completed', skillLevels: exitB.skillLevels });
		expect(a.graduate?.record).toMatchObject({ outcome: 'completed' });
		expect(a.graduate?.followUps).toEqual([
			{ observedOn: ictDay(new Date()), positionHeld: 'Phó trưởng ban', vietnameseUse: 'weekly' }
		]);
		expect(JSON.stringify(a.graduate)).not.toContain('private note');

		// The gain: over the two learners with both levels, overall and per skill.
		const overall = evaluation.gain.find((g) => g.area === 'overall')!;
		expect(overall.n).toBe(2);
		const expectedOverall =
			(exitA.overallLevel! -
				entryAttempt.overallLevel! +
				exitB.overallLevel! -
				placedAttempt.overallLevel!) /
			2;
		expect(overall.meanGain).toBeCloseTo(Math.round(expectedOverall * 10) / 10, 5);
		expect(evaluation.gain).toEqual(
			classGain(
				[
					{ entry: entryAttempt, exit: exitA },
					{
						entry: {
							overallLevel: placedAttempt.overallLevel,
							skillLevels: placedAttempt.skillLevels!
						},
						exit: exitB
					}
				].map((l) => ({
					entry: { overallLevel: l.entry.overallLevel, skillLevels: l.entry.skillLevels ?? {} },
					exit: { overallLevel: l.exit.overallLevel, skillLevels: l.exit.skillLevels ?? {} }
				}))
			)
		);

		// Closing: nobody else starts; the home shows results to those who took it.
		await closeExitTest(db, teacher, classId);
		expect((await classEvaluation(db, teacher, classId)).exitTest?.open).toBe(false);
		expect(await exitTestsOfLearner(db, admitted.userId)).toMatchObject([
			{ classId, open: false, candidateId: admittedExit }
		]);
		const late = await startExitTest(db, fresh.id, classId);
		const lateCtx = (await candidateOfUser(db, fresh.id, late))!;
		expect(await startOrResumeAttempt(db, lateCtx)).toMatchObject({
			ok: false,
			eligibility: { reason: 'window_closed' }
		});
	});

	it("sends rated writing to the class school's queue; the exit level waits for the rating", async () => {
		const learner = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		const classId = await newClass('Lớp có phần viết');
		await enrolByUsernames(db, teacher, classId, [learner.username], 'one');
		expect(
			await openExitTest(db, teacher, classId, exitSettings({ ratedSections: ['writing'] }))
		).toEqual({
			ok: true
		});
		const candidateId = await startExitTest(db, learner.id, classId);
		const ctx = (await candidateOfUser(db, learner.id, candidateId))!;
		let row = await takeTest(ctx, () => true);
		expect(row.status).toBe('in_progress');
		const [task] = await ratedTasksOf(db, row.id);
		expect(task.skill).toBe('writing');
		expect(
			await submitWriting(db, row, ctx, {
				itemId: publicItemId(row, task.itemId),
				text: 'Tôi là cán bộ.'
			})
		).toEqual({ ok: true, closed: true });
		const waiting = await classEvaluation(db, teacher, classId);
		expect(waiting.learners[0].exit).toMatchObject({ status: 'awaiting_rating' });
		expect(waiting.learners[0].exit?.skillLevels.writing).toBeUndefined();

		const queued = (await ratingQueue(db, teacher)).find((q) => q.source === 'screening');
		expect(queued).toBeDefined();
		const rated = await rate(db, teacher, queued!.id, {
			criterionScores: { '0': 3, '1': 3, '2': 3 }
		});
		expect(rated.ok).toBe(true);
		[row] = await db.select().from(attempt).where(eq(attempt.id, row.id));
		expect(row).toMatchObject({ status: 'completed', verificationCode: null, passed: null });
		const done = await classEvaluation(db, teacher, classId);
		expect(done.learners[0].exit?.skillLevels.writing).toBe(rated.ok ? rated.level : -1);
	});

	it('lets a registered learner join a class by its code, under the code throttle', async () => {
		const elsewhere = await makeOrganization(db);
		const otherTeacher = await actorOf(
			(await makeUser(db, { roles: [{ organizationId: elsewhere.id, role: 'instructor' }] })).id
		);
		const created = await createClass(db, otherTeacher, {
			organizationId: elsewhere.id,
			name: 'Lớp của trường khác'
		});
		if (!created.ok) throw new Error('class not created');
		expect(await assignCourse(db, otherTeacher, created.id, 'vi-for-lo')).toEqual({ ok: true });
		const evaluation = await classEvaluation(db, otherTeacher, created.id);
		expect(evaluation.learners).toEqual([]);
		const learner = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		const address = `10.0.0.${Math.floor(Math.random() * 250)}`;
		const who = { userId: learner.id, clientAddress: address };

		expect(await joinClassByCode(db, who, 'ZZZZ-ZZZZ')).toEqual({ ok: false, reason: 'not_found' });
		expect(await joinClassByCode(db, who, 'not a code')).toEqual({
			ok: false,
			reason: 'not_found'
		});

		// The code is the invitation: another organization's class is joined with the right code,
		// typed in lower case without its dash.
		const [cls] = await db
			.select({ join_code: cohort.joinCode })
			.from(cohort)
			.where(eq(cohort.id, created.id));
		const typed = cls.join_code.replace('-', '').toLowerCase();
		expect(await joinClassByCode(db, who, typed)).toEqual({
			ok: true,
			className: 'Lớp của trường khác',
			already: false
		});
		expect(await joinClassByCode(db, who, cls.join_code)).toEqual({
			ok: true,
			className: 'Lớp của trường khác',
			already: true
		});
		const roles = await db.select().from(membership).where(eq(membership.userId, learner.id));
		expect(roles.map((r) => [r.organizationId, r.role])).toContainEqual([elsewhere.id, 'learner']);
		const enrolled = await db.select().from(enrollment).where(eq(enrollment.userId, learner.id));
		expect(enrolled.map((e) => e.courseId)).toContain('vi-for-lo');
		expect(
			(await classEvaluation(db, otherTeacher, created.id)).learners.map((l) => l.userId)
		).toEqual([learner.id]);

		// 20 wrong codes from one address lock it, the right code included, for 15 minutes.
		let last;
		for (let i = 0; i < 18; i++) last = await joinClassByCode(db, who, 'ZZZZ-ZZZ0');
		expect(last).toEqual({ ok: false, reason: 'throttled', retryAt: expect.any(Date) });
		expect(await joinClassByCode(db, who, cls.join_code)).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
	});
});
