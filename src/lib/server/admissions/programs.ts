import type { DB } from '$lib/server/db/client';
import type { SkillLevels } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { SCORED_SKILLS } from '$lib/screening/requirement';
import { admissionsOrganizationIds, canManageAdmissions } from './policy';
import {
	banks,
	insertProgram,
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
