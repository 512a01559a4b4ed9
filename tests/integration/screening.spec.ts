import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	attempt,
	attemptAnswer,
	auditLog,
	enrollment,
	membership,
	program,
	testItem
} from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { seedCourses } from '$lib/server/learning/seed';
import { registerAccount, rolesOf } from '$lib/server/accounts/service';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { createProgram, type ProgramInput } from '$lib/server/admissions/programs';
import { candidatesWithResults } from '$lib/server/admissions/candidates';
import { decide, grantRetake } from '$lib/server/admissions/decisions';
import { publicVerification } from '$lib/server/admissions/verification';
import {
	candidacyWithOpenAttempt,
	candidateOfUser,
	openAttempt,
	type CandidateContext
} from '$lib/server/screening/context';
import { eligibilityOf, startOrResumeAttempt, submitAnswer } from '$lib/server/screening/delivery';
import { publicItemId } from '$lib/server/screening/item-ids';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import {
	answerAdaptivePart,
	makeProgram,
	programInput,
	registerCandidate,
	type AnswerPolicy
} from '../factories/screening';

const DAY = 86_400_000;

withTestDatabase('screening', (database) => {
	let db: DB;
	let officer: Actor;
	let otherOfficer: Actor;
	let school: { id: string };
	let baseProgram: ProgramInput;

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		await seedCourses(db);
		school = await makeOrganization(db);
		const elsewhere = await makeOrganization(db);
		const o = await makeUser(db, { roles: [{ organizationId: school.id, role: 'admissions' }] });
		officer = { id: o.id, isPlatformAdmin: false, memberships: await rolesOf(db, o.id) };
		const p = await makeUser(db, { roles: [{ organizationId: elsewhere.id, role: 'admissions' }] });
		otherOfficer = { id: p.id, isPlatformAdmin: false, memberships: await rolesOf(db, p.id) };
		baseProgram = programInput(school.id, {
			minOverallLevel: 3,
			skillMinimums: { listening: 3 },
			retakeCooldownDays: 14
		});
	});

	/** A program with one invited candidate who has registered with the personal code. */
	async function registeredCandidate(overrides: Partial<ProgramInput> = {}) {
		const programId = await makeProgram(db, officer, school.id, { ...baseProgram, ...overrides });
		return { ...(await registerCandidate(db, officer, programId)), programId };
	}

	/** Answers every item the engine gives: correctly or wrongly, as `policy` says. */
	const takeTest = (ctx: CandidateContext, policy: AnswerPolicy) =>
		answerAdaptivePart(db, ctx, policy);

	it('validates programs and keeps officers to their own organization', async () => {
		const bad = await createProgram(db, officer, {
			...baseProgram,
			name: ' ',
			minOverallLevel: 9,
			windowClosesAt: baseProgram.windowOpensAt
		});
		expect(bad).toEqual({
			ok: false,
			errors: {
				name: 'name_required',
				minOverallLevel: 'level_invalid',
				windowClosesAt: 'window_invalid'
			}
		});
		// A writing minimum needs the writing section to be tested (rated).
		const unrated = await createProgram(db, officer, {
			...baseProgram,
			skillMinimums: { writing: 2 },
			ratedSections: ['speaking']
		});
		expect(unrated).toEqual({
			ok: false,
			errors: { skillMinimums: 'minimum_needs_rated_section' }
		});
		const rated = await createProgram(db, officer, {
			...baseProgram,
			skillMinimums: { writing: 2 },
			ratedSections: ['writing']
		});
		expect(rated.ok).toBe(true);
		await expect(createProgram(db, otherOfficer, baseProgram)).rejects.toBeInstanceOf(Forbidden);
		const { programId } = await registeredCandidate();
		await expect(candidatesWithResults(db, otherOfficer, programId)).rejects.toBeInstanceOf(
			Forbidden
		);
	});

	it('registers a candidate with the personal code as a learner of the school, once', async () => {
		const { ctx, userId } = await registeredCandidate();
		expect(ctx.candidate.userId).toBe(userId);
		const roles = await rolesOf(db, userId);
		expect(roles).toEqual([
			expect.objectContaining({ organizationId: school.id, role: 'learner' })
		]);
		const again = await registerAccount(db, {
			username: 'second.user',
			displayName: 'X',
			password: 'long enough',
			invitationCode: ctx.candidate.invitationCode
		});
		expect(again).toEqual({ ok: false, errors: { invitationCode: 'code_invalid' } });
	});

	it('passes a strong candidate, fails a weak one, and scores with the bank version recorded', async () => {
		const strong = await registeredCandidate();
		const passed = await takeTest(strong.ctx, 'right');
		expect(passed).toMatchObject({ status: 'completed', passed: true });
		expect(passed.overallLevel).toBeGreaterThanOrEqual(3);
		expect(passed.skillLevels!.listening).toBeGreaterThanOrEqual(3);
		expect(passed.bankVersion).toMatch(/^2026\.11-seed\+/);
		// A screening with a cut stops on the GLR decision (bench:cat), not on the SE.
		expect(passed.engineConfig).toMatchObject({
			targetSe: 0,
			maxItems: 60,
			classification: { cut: -1, confidence: 0.95, method: 'glr', indifference: 0.2 }
		});
		expect(passed.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

		const weak = await registeredCandidate();
		const failed = await takeTest(weak.ctx, 'wrong');
		expect(failed).toMatchObject({ status: 'completed', passed: false });
		expect(failed.overallLevel).toBeLessThan(3);

		const verified = await publicVerification(db, passed.verificationCode!.toLowerCase());
		expect(Object.keys(verified!).sort()).toEqual([
			'code',
			'fullName',
			'intake',
			'issuedBy',
			'overallLevel',
			'program',
			'skillLevels',
			'testDate',
			'valid',
			'validUntil'
		]);
	});

	it('fails a per-skill minimum even when the overall level passes', async () => {
		const { ctx } = await registeredCandidate({
			minOverallLevel: 2,
			skillMinimums: { listening: 3 }
		});
		// Strong in reading and grammar, lost in listening.
		const done = await takeTest(ctx, (skill) => skill !== 'listening');
		expect(done.overallLevel).toBeGreaterThanOrEqual(1);
		expect(done.skillLevels!.listening).toBeLessThan(3);
		expect(done.passed).toBe(false);
	});

	it('accepts only the current item, and counts a double submission once', async () => {
		const { ctx } = await registeredCandidate();
		const started = await startOrResumeAttempt(db, ctx);
		if (!started.ok) throw new Error('not started');
		const row = started.attempt;
		const [other] = await db
			.select({ id: testItem.id })
			.from(testItem)
			.where(eq(testItem.bankId, 'vi-placement'))
			.limit(5);
		const notCurrent =
			other.id === row.pendingItemId
				? (await db.select({ id: testItem.id }).from(testItem).limit(2))[1]
				: other;
		expect(
			await submitAnswer(db, row, ctx, { itemId: publicItemId(row, notCurrent.id), option: 0 })
		).toEqual({
			ok: false,
			reason: 'not_current'
		});

		// Two tabs send the same answer with the same state: one counts, the other is a conflict.
		const both = await Promise.all([
			submitAnswer(db, row, ctx, { itemId: publicItemId(row, row.pendingItemId!), option: 0 }),
			submitAnswer(db, row, ctx, { itemId: publicItemId(row, row.pendingItemId!), option: 1 })
		]);
		expect(both.filter((o) => o.ok)).toHaveLength(1);
		expect(
			await db.select().from(attemptAnswer).where(eq(attemptAnswer.attemptId, row.id))
		).toHaveLength(1);

		// Starting again resumes the same attempt: one active attempt per candidate.
		const again = await startOrResumeAttempt(db, ctx);
		expect(again.ok && again.attempt.id).toBe(row.id);
	});

	it('reads the candidacy with its open attempt in one query, as the two reads give them', async () => {
		const { ctx, userId } = await registeredCandidate();
		expect(await candidacyWithOpenAttempt(db, userId, ctx.candidate.id)).toEqual({
			ctx,
			open: undefined
		});
		const started = await startOrResumeAttempt(db, ctx);
		if (!started.ok) throw new Error('not started');
		const both = await candidacyWithOpenAttempt(db, userId, ctx.candidate.id);
		expect(both?.ctx).toEqual(await candidateOfUser(db, userId, ctx.candidate.id));
		expect(both?.open).toEqual(await openAttempt(db, ctx.candidate.id));
		expect(both?.open?.id).toBe(started.attempt.id);
		// Someone else's candidacy is nothing, as with candidateOfUser.
		expect(await candidacyWithOpenAttempt(db, officer.id, ctx.candidate.id)).toBeNull();
		// A closed attempt is not open.
		await db.update(attempt).set({ status: 'expired' }).where(eq(attempt.id, started.attempt.id));
		expect((await candidacyWithOpenAttempt(db, userId, ctx.candidate.id))?.open).toBeUndefined();
	});

	it('enforces the time limit on the server', async () => {
		const { ctx } = await registeredCandidate();
		const started = await startOrResumeAttempt(db, ctx);
		if (!started.ok) throw new Error('not started');
		const late = new Date(started.attempt.deadlineAt.getTime() + 1000);
		const outcome = await submitAnswer(
			db,
			started.attempt,
			ctx,
			{ itemId: publicItemId(started.attempt, started.attempt.pendingItemId!), option: 0 },
			late
		);
		expect(outcome).toEqual({ ok: false, reason: 'time_up' });
		const [row] = await db.select().from(attempt).where(eq(attempt.id, started.attempt.id));
		expect(row.status).toBe('expired');
		expect(row.overallLevel).toBeNull();
	});

	it('applies attempts and cool-down, and an audited retake permission', async () => {
		const { ctx } = await registeredCandidate({ maxAttempts: 1, retakeCooldownDays: 0 });
		await takeTest(ctx, 'wrong');
		expect(await eligibilityOf(db, ctx, new Date())).toEqual({
			ok: false,
			reason: 'attempts_used'
		});
		expect(
			await grantRetake(db, officer, { candidateId: ctx.candidate.id, reason: 'short' })
		).toEqual({ ok: false, error: 'reason_required' });
		expect(
			await grantRetake(db, officer, {
				candidateId: ctx.candidate.id,
				reason: 'Ill on the test day, certificate seen'
			})
		).toEqual({ ok: true });
		const refreshed = (await candidateOfUser(db, ctx.candidate.userId!, ctx.candidate.id))!;
		expect(await eligibilityOf(db, refreshed, new Date())).toEqual({ ok: true, resume: false });

		const { ctx: cooling } = await registeredCandidate({ retakeCooldownDays: 14 });
		await takeTest(cooling, 'wrong');
		expect(await eligibilityOf(db, cooling, new Date())).toMatchObject({
			ok: false,
			reason: 'cooldown'
		});
	});

	it('admits only with a valid pass or a written override, all in the audit log', async () => {
		const strong = await registeredCandidate();
		await takeTest(strong.ctx, 'right');
		const weak = await registeredCandidate();
		await takeTest(weak.ctx, 'wrong');

		expect(
			await decide(db, officer, {
				candidateId: strong.ctx.candidate.id,
				decision: 'admit',
				reason: ''
			})
		).toEqual({ ok: true });
		expect(
			await decide(db, officer, {
				candidateId: weak.ctx.candidate.id,
				decision: 'admit',
				reason: ''
			})
		).toEqual({ ok: false, error: 'reason_required' });
		expect(
			await decide(db, officer, {
				candidateId: weak.ctx.candidate.id,
				decision: 'admit',
				reason: 'Province request; tutoring planned'
			})
		).toEqual({ ok: true });
		await expect(
			decide(db, otherOfficer, {
				candidateId: weak.ctx.candidate.id,
				decision: 'refuse',
				reason: ''
			})
		).rejects.toBeInstanceOf(Forbidden);

		const log = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.subjectId, weak.ctx.candidate.id));
		expect(log.map((l) => [l.action, l.reason, l.actorId])).toEqual([
			['admit_override', 'Province request; tutoring planned', officer.id]
		]);
		// Admitted: enrolled in the course that teaches the tested language (Vietnamese), not the other.
		const courses = await db
			.select({ courseId: enrollment.courseId })
			.from(enrollment)
			.where(eq(enrollment.userId, strong.userId));
		expect(courses.map((c) => c.courseId)).toEqual(['vi-for-lo']);
		const table = await candidatesWithResults(db, officer, strong.programId);
		expect(table[0]).toMatchObject({
			status: 'passed',
			decision: { decision: 'admit', override: false }
		});

		// A result past its validity no longer admits without a reason.
		const [latest] = await db
			.select()
			.from(attempt)
			.where(eq(attempt.candidateId, strong.ctx.candidate.id));
		await db
			.update(attempt)
			.set({ validUntil: new Date(Date.now() - DAY) })
			.where(eq(attempt.id, latest.id));
		expect(
			await decide(db, officer, {
				candidateId: strong.ctx.candidate.id,
				decision: 'admit',
				reason: ''
			})
		).toEqual({ ok: false, error: 'reason_required' });
		expect((await candidatesWithResults(db, officer, strong.programId))[0].status).toBe('expired');
		const enrolled = await db.select().from(membership).where(eq(membership.userId, strong.userId));
		expect(enrolled.some((m) => m.organizationId === school.id && m.role === 'learner')).toBe(true);
		expect(
			(await db.select().from(program).where(eq(program.id, strong.programId)))[0].organizationId
		).toBe(school.id);
	});
});
