import type { DB } from '$lib/server/db/client';
import type { SkillLevels } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { SCORED_SKILLS } from '$lib/screening/requirement';
import { admissionsOrganizationIds, canManageAdmissions } from './policy';
import { audit } from '$lib/server/audit/log';
import { closeWithdrawn } from '$lib/server/screening/lifecycle';
import {
	anyAttemptStarted,
	banks,
	candidatesOf,
	decisionsOfCandidates,
	insertProgram,
	markProgramWithdrawn,
	updateProgram,
	type ProgramChanges,
	organizationsById,
	programById,
	programsOf,
	type ProgramRow
} from './repository';
import { bankLanguage } from '$lib/server/placement/banks';

export type ProgramInput = {
	organizationId: string;
	name: string;
	intake: string;
	bankId: string;
	minOverallLevel: number;
	skillMinimums: SkillLevels;
	/** Writing and speaking sections rated by instructors after the adaptive part. */
	ratedSections: RatedSection[];
	/**
	 * Each rated answer needs two independent ratings by different raters (a third when they are more
	 * than one band apart). Off when left out.
	 */
	twoRaters?: boolean;
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
	| 'minimum_needs_rated_section'
	| 'locked_after_start'
	| 'program_withdrawn';

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
	await insertProgram(db, {
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
	return programsOf(db, orgs);
}

/** The program, if this officer's organization runs it; otherwise Forbidden (no existence leak). */
export async function programForOfficer(
	db: DB,
	actor: Actor,
	programId: string
): Promise<ProgramRow> {
	const row = await programById(db, programId);
	if (!row || !canManageAdmissions(actor, row.organizationId)) throw new Forbidden();
	return row;
}

/** Every bank a program can test with, for the new-program form. */
export async function availableBanks(db: DB) {
	return banks(db);
}

/** What a certificate of the program says about who issues it and in which language it tests. */
export async function certificateIssuer(db: DB, program: ProgramRow) {
	const [issuer] = await organizationsById(db, [program.organizationId]);
	return { language: await bankLanguage(db, program.bankId), issuedBy: issuer?.name ?? '' };
}

/**
 * What decides a result: once anyone has started the test, changing these would make results already
 * given (or being given) mean something else, so they are locked. The rest applies from the next
 * attempt on: the time limit to attempts started later, the validity to results sealed later, the
 * window, attempts and cool-down to the next start.
 */
export const LOCKED_AFTER_START = [
	'bankId',
	'minOverallLevel',
	'skillMinimums',
	'ratedSections',
	'twoRaters'
] as const satisfies readonly (keyof ProgramInput)[];

/** The fields an officer may edit, in the form's order. */
const EDITABLE = [
	'name',
	'intake',
	...LOCKED_AFTER_START,
	'windowOpensAt',
	'windowClosesAt',
	'timeLimitMinutes',
	'maxAttempts',
	'retakeCooldownDays',
	'resultValidityMonths'
] as const satisfies readonly (keyof ProgramInput)[];

type Editable = (typeof EDITABLE)[number];

/** A value as the audit log keeps it: dates as ISO text, lists and levels as they are. */
function comparable(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return JSON.stringify([...value].sort());
	if (value && typeof value === 'object')
		return JSON.stringify(Object.fromEntries(Object.entries(value).sort()));
	return JSON.stringify(value);
}

/** Whether the program's test has been started by anyone (its requirement is then locked). */
export async function programStarted(db: DB, programId: string): Promise<boolean> {
	return anyAttemptStarted(db, programId);
}

export type ProgramEditResult =
	| { ok: true; changed: Editable[] }
	| { ok: false; errors: Partial<Record<keyof ProgramInput | 'form', ProgramError>> };

/**
 * Edits a program (its organization stays). Refused when withdrawn; the requirement and bank are
 * refused once anyone has started (LOCKED_AFTER_START). Audited with the changed fields before and
 * after; nothing changed, nothing recorded.
 */
export async function editProgram(
	db: DB,
	actor: Actor,
	programId: string,
	input: Omit<ProgramInput, 'organizationId'>,
	now = new Date()
): Promise<ProgramEditResult> {
	const current = await programForOfficer(db, actor, programId);
	if (current.withdrawnAt) return { ok: false, errors: { form: 'program_withdrawn' } };
	const next = {
		...input,
		twoRaters: input.twoRaters ?? false,
		name: input.name.trim().normalize('NFC'),
		intake: input.intake.trim().normalize('NFC')
	};
	const errors: Partial<Record<keyof ProgramInput | 'form', ProgramError>> = validateProgram({
		...next,
		organizationId: current.organizationId
	});
	const changed = EDITABLE.filter(
		(field) => comparable(current[field]) !== comparable(next[field])
	);
	if (await programStarted(db, programId)) {
		for (const field of LOCKED_AFTER_START)
			if (changed.includes(field)) errors[field] = 'locked_after_start';
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	if (changed.length === 0) return { ok: true, changed };

	const before = Object.fromEntries(changed.map((field) => [field, current[field]]));
	const after = Object.fromEntries(changed.map((field) => [field, next[field]]));
	await db.transaction(async (tx) => {
		await updateProgram(tx, programId, after as ProgramChanges);
		await audit(tx, {
			organizationId: current.organizationId,
			actorId: actor.id,
			action: 'program_edited',
			subjectType: 'program',
			subjectId: programId,
			reason: null,
			details: { program: next.name, intake: next.intake },
			before,
			after,
			at: now
		});
	});
	return { ok: true, changed };
}

export type ProgramWithdrawalResult =
	| { ok: true; closedAttempts: number }
	| { ok: false; error: 'reason_required' | 'has_admitted' | 'program_withdrawn' };

/**
 * Withdraws a program that will not run: its window closes for everyone (attempts in progress are
 * closed without a result), candidates see that it was withdrawn, unused invitation codes stop
 * working. Nothing is deleted. Refused while anyone is admitted: their admission must be revoked
 * first, each with its reason. Audited with the reason.
 */
export async function withdrawProgram(
	db: DB,
	actor: Actor,
	programId: string,
	reasonTyped: string,
	now = new Date()
): Promise<ProgramWithdrawalResult> {
	const current = await programForOfficer(db, actor, programId);
	if (current.withdrawnAt) return { ok: false, error: 'program_withdrawn' };
	const reason = reasonTyped.trim().normalize('NFC');
	if (!reason) return { ok: false, error: 'reason_required' };
	const people = await candidatesOf(db, programId);
	const ids = people.map((p) => p.id);
	const latest = new Map<string, string>();
	for (const d of await decisionsOfCandidates(db, ids)) latest.set(d.candidateId, d.decision);
	if ([...latest.values()].includes('admit')) return { ok: false, error: 'has_admitted' };
	return db.transaction(async (tx) => {
		if (!(await markProgramWithdrawn(tx, programId, now, reason)))
			return { ok: false as const, error: 'program_withdrawn' as const };
		const closedAttempts = await closeWithdrawn(tx, ids, now);
		await audit(tx, {
			organizationId: current.organizationId,
			actorId: actor.id,
			action: 'program_withdrawn',
			subjectType: 'program',
			subjectId: programId,
			reason,
			details: { program: current.name, intake: current.intake, closedAttempts },
			before: { withdrawnAt: null },
			after: { withdrawnAt: now.toISOString(), closedAttempts },
			at: now
		});
		return { ok: true as const, closedAttempts };
	});
}
