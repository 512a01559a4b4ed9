import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	admissionDecision,
	attempt,
	auditLog,
	candidate,
	course,
	enrollment,
	itemBank,
	membership,
	program,
	DECISIONS,
	type SkillLevels
} from '$lib/server/db/schema';
import { Forbidden, generateInvitationCode } from '$lib/server/admin/service';
import type { Actor } from '$lib/server/admin/policy';
import { admissionCheck, SCORED_SKILLS } from '$lib/screening/requirement';
import type { CandidateRow } from '$lib/screening/candidates-csv';
import { admissionsOrganizationIds, canManageAdmissions, canReadAuditLog } from './policy';

export type ProgramInput = {
	organizationId: string;
	name: string;
	intake: string;
	bankId: string;
	minOverallLevel: number;
	skillMinimums: SkillLevels;
	/** Writing and speaking sections rated by instructors after the adaptive part. */
	ratedSections: RatedSection[];
	windowOpensAt: Date;
	windowClosesAt: Date;
	timeLimitMinutes: number;
	maxAttempts: number;
	retakeCooldownDays: number;
	resultValidityMonths: number;
};

export type RatedSection = 'writing' | 'speaking';
const RATED_SECTIONS: readonly RatedSection[] = ['writing', 'speaking'];

export type ProgramError =
	| 'name_required'
	| 'intake_required'
	| 'level_invalid'
	| 'window_invalid'
	| 'number_invalid'
	| 'rated_section_invalid'
	| 'minimum_needs_rated_section';

export function validateProgram(
	input: ProgramInput
): Partial<Record<keyof ProgramInput, ProgramError>> {
	const errors: Partial<Record<keyof ProgramInput, ProgramError>> = {};
	const level = (n: number) => Number.isInteger(n) && n >= 1 && n <= 6;
	const whole = (n: number, min: number, max: number) =>
		Number.isInteger(n) && n >= min && n <= max;
	if (!input.name.trim()) errors.name = 'name_required';
	if (!input.intake.trim()) errors.intake = 'intake_required';
	if (!level(input.minOverallLevel)) errors.minOverallLevel = 'level_invalid';
	for (const [skill, min] of Object.entries(input.skillMinimums)) {
		if (!(SCORED_SKILLS as readonly string[]).includes(skill) || !level(min!))
			errors.skillMinimums = 'level_invalid';
	}
	if (input.ratedSections.some((section) => !RATED_SECTIONS.includes(section)))
		errors.ratedSections = 'rated_section_invalid';
	// A writing or speaking minimum can only be met when that section is tested (rated).
	for (const section of RATED_SECTIONS) {
		if (input.skillMinimums[section] !== undefined && !input.ratedSections.includes(section))
			errors.skillMinimums ??= 'minimum_needs_rated_section';
	}
	if (
		Number.isNaN(input.windowOpensAt.getTime()) ||
		Number.isNaN(input.windowClosesAt.getTime()) ||
		input.windowClosesAt <= input.windowOpensAt
	) {
		errors.windowClosesAt = 'window_invalid';
	}
	if (!whole(input.timeLimitMinutes, 10, 300)) errors.timeLimitMinutes = 'number_invalid';
	if (!whole(input.maxAttempts, 1, 10)) errors.maxAttempts = 'number_invalid';
	if (!whole(input.retakeCooldownDays, 0, 365)) errors.retakeCooldownDays = 'number_invalid';
	if (!whole(input.resultValidityMonths, 1, 60)) errors.resultValidityMonths = 'number_invalid';
	return errors;
}

export async function createProgram(
	db: DB,
	actor: Actor,
	input: ProgramInput
): Promise<{ ok: true; id: string } | { ok: false; errors: ReturnType<typeof validateProgram> }> {
	if (!canManageAdmissions(actor, input.organizationId)) throw new Forbidden();
	const errors = validateProgram(input);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const id = crypto.randomUUID();
	await db.insert(program).values({
		id,
		...input,
		name: input.name.trim().normalize('NFC'),
		intake: input.intake.trim().normalize('NFC'),
		createdBy: actor.id
	});
	return { ok: true, id };
}

export async function listPrograms(db: DB, actor: Actor) {
	const orgs = admissionsOrganizationIds(actor);
	if (orgs.length === 0) return [];
	return db
		.select({
			id: program.id,
			name: program.name,
			intake: program.intake,
			minOverallLevel: program.minOverallLevel,
			windowClosesAt: program.windowClosesAt
		})
		.from(program)
		.where(inArray(program.organizationId, orgs))
		.orderBy(desc(program.createdAt));
}

/** The program, if this officer's organization runs it; otherwise Forbidden (no existence leak). */
export async function programForOfficer(db: DB, actor: Actor, programId: string) {
	const [row] = await db.select().from(program).where(eq(program.id, programId));
	if (!row || !canManageAdmissions(actor, row.organizationId)) throw new Forbidden();
	return row;
}

export async function inviteCandidates(
	db: DB,
	actor: Actor,
	programId: string,
	rows: CandidateRow[]
) {
	await programForOfficer(db, actor, programId);
	const created = rows.map((row) => ({
		id: crypto.randomUUID(),
		programId,
		fullName: row.fullName.trim().normalize('NFC'),
		position: row.position.trim() || null,
		sendingOrganization: row.sendingOrganization.trim() || null,
		dateOfBirth: row.dateOfBirth.trim() || null,
		phone: row.phone.trim() || null,
		invitationCode: generateInvitationCode()
	}));
	if (created.length > 0) await db.insert(candidate).values(created);
	return created;
}

export type CandidateStatus =
	'invited' | 'registered' | 'testing' | 'awaiting_rating' | 'passed' | 'failed' | 'expired';

/** Every candidate of a program with their latest result and decision. */
export async function candidatesWithResults(
	db: DB,
	actor: Actor,
	programId: string,
	now = new Date()
) {
	await programForOfficer(db, actor, programId);
	const people = await db
		.select()
		.from(candidate)
		.where(eq(candidate.programId, programId))
		.orderBy(candidate.fullName);
	const ids = people.map((p) => p.id);
	const attempts = ids.length
		? await db
				.select()
				.from(attempt)
				.where(inArray(attempt.candidateId, ids))
				.orderBy(attempt.startedAt)
		: [];
	const decisions = ids.length
		? await db
				.select()
				.from(admissionDecision)
				.where(inArray(admissionDecision.candidateId, ids))
				.orderBy(admissionDecision.decidedAt)
		: [];
	return people.map((person) => {
		const own = attempts.filter((a) => a.candidateId === person.id);
		const scored = own.filter((a) => a.overallLevel !== null);
		const latest = scored.at(-1) ?? null;
		const active = own.some((a) => a.status === 'in_progress');
		const decision = decisions.filter((d) => d.candidateId === person.id).at(-1) ?? null;
		let status: CandidateStatus = person.userId ? 'registered' : 'invited';
		if (active) status = 'testing';
		else if (own.some((a) => a.status === 'awaiting_rating')) status = 'awaiting_rating';
		else if (latest) {
			if (latest.validUntil && latest.validUntil <= now) status = 'expired';
			else status = latest.passed ? 'passed' : 'failed';
		}
		return {
			id: person.id,
			fullName: person.fullName,
			position: person.position,
			sendingOrganization: person.sendingOrganization,
			dateOfBirth: person.dateOfBirth,
			phone: person.phone,
			invitationCode: person.invitationCode,
			status,
			attempts: own.length,
			latest: latest && {
				attemptId: latest.id,
				theta: latest.theta,
				standardError: latest.standardError,
				overallLevel: latest.overallLevel,
				skillLevels: latest.skillLevels ?? {},
				passed: latest.passed,
				finishedAt: latest.finishedAt,
				validUntil: latest.validUntil,
				verificationCode: latest.verificationCode
			},
			decision: decision && {
				decision: decision.decision,
				override: decision.override,
				reason: decision.reason,
				decidedAt: decision.decidedAt
			}
		};
	});
}

export type DecisionResult =
	{ ok: true } | { ok: false; error: 'reason_required' | 'decision_invalid' };

/**
 * Records an admission decision. Admitting needs a valid passing result, or a written reason
 * (an override). Every decision goes into the audit log; an admitted candidate becomes a learner
 * of the program's organization, enrolled in the courses of the tested language.
 */
export async function decide(
	db: DB,
	actor: Actor,
	input: {
		candidateId: string;
		decision: string;
		reason: string;
		/**
		 * The officer's explicit "admit without a valid passing result". When false, such an admission
		 * is refused even with a reason; when left out, a reason alone is enough.
		 */
		override?: boolean;
	},
	now = new Date()
): Promise<DecisionResult> {
	const [person] = await db.select().from(candidate).where(eq(candidate.id, input.candidateId));
	if (!person) throw new Forbidden();
	const prog = await programForOfficer(db, actor, person.programId);
	if (!(DECISIONS as readonly string[]).includes(input.decision))
		return { ok: false, error: 'decision_invalid' };
	const decision = input.decision as (typeof DECISIONS)[number];
	const reason = input.reason.trim();

	let override = false;
	if (decision === 'admit') {
		const [latest] = await db
			.select({ passed: attempt.passed, validUntil: attempt.validUntil })
			.from(attempt)
			.where(and(eq(attempt.candidateId, person.id), eq(attempt.status, 'completed')))
			.orderBy(desc(attempt.finishedAt))
			.limit(1);
		const check = admissionCheck(
			latest ? { passed: Boolean(latest.passed), validUntil: latest.validUntil } : null,
			reason,
			now
		);
		if (!check.allowed || (check.override && input.override === false))
			return { ok: false, error: 'reason_required' };
		override = check.override;
	}
	await db.transaction(async (tx) => {
		await tx.insert(admissionDecision).values({
			id: crypto.randomUUID(),
			candidateId: person.id,
			decision,
			override,
			reason: reason || null,
			decidedBy: actor.id,
			decidedAt: now
		});
		await tx.insert(auditLog).values({
			id: crypto.randomUUID(),
			organizationId: prog.organizationId,
			actorId: actor.id,
			action: override ? 'admit_override' : decision,
			subjectType: 'candidate',
			subjectId: person.id,
			reason: reason || null,
			details: { program: prog.name, intake: prog.intake, candidate: person.fullName },
			at: now
		});
		if (decision === 'admit' && person.userId) {
			await tx
				.insert(membership)
				.values({ userId: person.userId, organizationId: prog.organizationId, role: 'learner' })
				.onConflictDoNothing();
			// …and a learner of the courses that teach the tested language, to keep improving before the intake.
			const courses = await tx
				.select({ id: course.id })
				.from(course)
				.innerJoin(itemBank, eq(itemBank.language, course.targetLanguage))
				.where(eq(itemBank.id, prog.bankId));
			if (courses.length > 0) {
				await tx
					.insert(enrollment)
					.values(courses.map((c) => ({ userId: person.userId!, courseId: c.id })))
					.onConflictDoNothing();
			}
		}
	});
	return { ok: true };
}

/** One more attempt beyond the program's maximum, with a reason, audited. */
export async function grantRetake(
	db: DB,
	actor: Actor,
	input: { candidateId: string; reason: string },
	now = new Date()
): Promise<DecisionResult> {
	const [person] = await db.select().from(candidate).where(eq(candidate.id, input.candidateId));
	if (!person) throw new Forbidden();
	const prog = await programForOfficer(db, actor, person.programId);
	if (input.reason.trim().length < 10) return { ok: false, error: 'reason_required' };
	await db.transaction(async (tx) => {
		await tx
			.update(candidate)
			.set({ extraAttempts: person.extraAttempts + 1 })
			.where(eq(candidate.id, person.id));
		await tx.insert(auditLog).values({
			id: crypto.randomUUID(),
			organizationId: prog.organizationId,
			actorId: actor.id,
			action: 'grant_retake',
			subjectType: 'candidate',
			subjectId: person.id,
			reason: input.reason.trim(),
			details: { program: prog.name, intake: prog.intake, candidate: person.fullName },
			at: now
		});
	});
	return { ok: true };
}

export async function auditEntries(db: DB, actor: Actor, organizationId: string) {
	if (!canReadAuditLog(actor, organizationId)) throw new Forbidden();
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.organizationId, organizationId))
		.orderBy(desc(auditLog.at));
}

/** Public verification: only name, levels, date and validity. */
export async function verifyResult(db: DB, code: string) {
	const [row] = await db
		.select({
			fullName: candidate.fullName,
			overallLevel: attempt.overallLevel,
			skillLevels: attempt.skillLevels,
			finishedAt: attempt.finishedAt,
			validUntil: attempt.validUntil
		})
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.where(eq(attempt.verificationCode, code.trim().toUpperCase()));
	return row ?? null;
}

/**
 * What the public verification page shows, and nothing more: the name, the levels, the test date and
 * whether the result is still valid. Null for an unknown code (or a sitting without a result).
 */
export async function publicVerification(db: DB, code: string, now = new Date()) {
	const found = await verifyResult(db, code);
	if (!found || found.overallLevel === null) return null;
	return {
		fullName: found.fullName,
		overallLevel: found.overallLevel,
		skillLevels: found.skillLevels ?? {},
		testDate: found.finishedAt,
		validUntil: found.validUntil,
		valid: Boolean(found.validUntil && found.validUntil > now)
	};
}
