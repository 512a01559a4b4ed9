import * as v from 'valibot';
import {
	checkbox,
	isCalendarDay,
	optionalText,
	someOf,
	type FieldErrors,
	type Parsed
} from '$lib/validation';
import type { ProgramInput } from '$lib/server/admissions/programs';
import type { program } from '$lib/server/db/schema';
import type { SkillLevels } from '$lib/server/db/schema';
import { SCORED_SKILLS } from '$lib/screening/requirement';
import { ictDay } from '$lib/i18n/dates';

/** What the officer typed, as typed: sent back unchanged when the form has errors. */
export type ProgramFormValues = {
	organizationId: string;
	name: string;
	intake: string;
	bankId: string;
	minOverallLevel: string;
	skillMinimums: Record<(typeof SCORED_SKILLS)[number], string>;
	ratedSections: string[];
	twoRaters: boolean;
	windowOpensAt: string;
	windowClosesAt: string;
	timeLimitMinutes: string;
	maxAttempts: string;
	retakeCooldownDays: string;
	resultValidityMonths: string;
};

export function defaultValues(organizationId: string, now = new Date()): ProgramFormValues {
	return {
		organizationId,
		name: '',
		intake: '',
		bankId: 'vi-placement',
		minOverallLevel: '3',
		skillMinimums: {
			listening: '',
			reading: '',
			vocabulary_grammar: '',
			writing: '',
			speaking: ''
		},
		ratedSections: [],
		twoRaters: false,
		windowOpensAt: ictDay(now),
		windowClosesAt: ictDay(new Date(now.getTime() + 60 * 86_400_000)),
		timeLimitMinutes: '60',
		maxAttempts: '2',
		retakeCooldownDays: '14',
		resultValidityMonths: '24'
	};
}

/** A program's stored values as the form shows them (the edit page starts from these). */
export function valuesOf(row: typeof program.$inferSelect): ProgramFormValues {
	const level = (n: number | undefined) => (n === undefined ? '' : String(n));
	return {
		organizationId: row.organizationId,
		name: row.name,
		intake: row.intake,
		bankId: row.bankId,
		minOverallLevel: String(row.minOverallLevel),
		skillMinimums: {
			listening: level(row.skillMinimums.listening),
			reading: level(row.skillMinimums.reading),
			vocabulary_grammar: level(row.skillMinimums.vocabulary_grammar),
			writing: level(row.skillMinimums.writing),
			speaking: level(row.skillMinimums.speaking)
		},
		ratedSections: [...row.ratedSections],
		twoRaters: row.twoRaters,
		windowOpensAt: ictDay(row.windowOpensAt),
		windowClosesAt: ictDay(row.windowClosesAt),
		timeLimitMinutes: String(row.timeLimitMinutes),
		maxAttempts: String(row.maxAttempts),
		retakeCooldownDays: String(row.retakeCooldownDays),
		resultValidityMonths: String(row.resultValidityMonths)
	};
}

/**
 * The program form's fields (valibot, `$lib/validation`): text of sane lengths and the two rated
 * sections. The numbers, levels and window are checked by the service (`validateProgram`), whose
 * codes the page translates, so the form and any other caller obey one set of rules.
 */
export const ProgramForm = v.object({
	organizationId: optionalText(100),
	name: optionalText(200),
	intake: optionalText(200),
	bankId: optionalText(100),
	minOverallLevel: optionalText(10),
	min_listening: optionalText(10),
	min_reading: optionalText(10),
	min_vocabulary_grammar: optionalText(10),
	min_writing: optionalText(10),
	min_speaking: optionalText(10),
	ratedSections: someOf(['writing', 'speaking'] as const),
	twoRaters: checkbox(),
	windowOpensAt: optionalText(40),
	windowClosesAt: optionalText(40),
	timeLimitMinutes: optionalText(20),
	maxAttempts: optionalText(20),
	retakeCooldownDays: optionalText(20),
	resultValidityMonths: optionalText(20)
});

/** The form's values in the shape the page shows them, from the fields as posted. */
function toValues(fields: Record<string, string | string[] | boolean>): ProgramFormValues {
	const text = (name: string) => {
		const value = fields[name];
		return typeof value === 'string' ? value.trim() : '';
	};
	const list = fields.ratedSections;
	return {
		organizationId: text('organizationId'),
		name: text('name'),
		intake: text('intake'),
		bankId: text('bankId'),
		minOverallLevel: text('minOverallLevel'),
		skillMinimums: {
			listening: text('min_listening'),
			reading: text('min_reading'),
			vocabulary_grammar: text('min_vocabulary_grammar'),
			writing: text('min_writing'),
			speaking: text('min_speaking')
		},
		ratedSections: Array.isArray(list) ? list : [],
		twoRaters:
			fields.twoRaters === true ||
			(typeof fields.twoRaters === 'string' && fields.twoRaters !== ''),
		windowOpensAt: text('windowOpensAt'),
		windowClosesAt: text('windowClosesAt'),
		timeLimitMinutes: text('timeLimitMinutes'),
		maxAttempts: text('maxAttempts'),
		retakeCooldownDays: text('retakeCooldownDays'),
		resultValidityMonths: text('resultValidityMonths')
	};
}

/**
 * The program form read through its schema (`parse(ProgramForm, formFields(form, ['ratedSections']))`):
 * the values as typed (for the form to show again) and the schema's translated messages by field,
 * empty when the form's text fits.
 */
export function programFormValues(parsed: Parsed<v.InferOutput<typeof ProgramForm>>): {
	values: ProgramFormValues;
	errors: FieldErrors;
} {
	if (parsed.ok) return { values: toValues(parsed.data), errors: {} };
	const errors: FieldErrors = {};
	// The skill minimums are shown together, under one message.
	for (const [field, message] of Object.entries(parsed.errors))
		errors[field.startsWith('min_') ? 'skillMinimums' : field.split('.')[0]] ??= message;
	return { values: toValues(parsed.values), errors };
}
/** A test window runs from the start of its first day to the end of its last day, Indochina Time. */
export function toProgramInput(values: ProgramFormValues): ProgramInput {
	// Only real days of the years people type: PostgreSQL refused year 0000 or 0001 in UTC+7 (a 500).
	const day = (value: string, time: string) =>
		isCalendarDay(value) ? new Date(`${value}T${time}+07:00`) : new Date(NaN);
	const whole = (value: string) => (value === '' ? NaN : Number(value));
	const skillMinimums: SkillLevels = {};
	for (const [skill, level] of Object.entries(values.skillMinimums)) {
		if (level !== '') skillMinimums[skill as keyof SkillLevels] = whole(level);
	}
	return {
		organizationId: values.organizationId,
		name: values.name,
		intake: values.intake,
		bankId: values.bankId,
		minOverallLevel: whole(values.minOverallLevel),
		skillMinimums,
		ratedSections: values.ratedSections as ProgramInput['ratedSections'],
		twoRaters: values.twoRaters,
		windowOpensAt: day(values.windowOpensAt, '00:00:00'),
		windowClosesAt: day(values.windowClosesAt, '23:59:59'),
		timeLimitMinutes: whole(values.timeLimitMinutes),
		maxAttempts: whole(values.maxAttempts),
		retakeCooldownDays: whole(values.retakeCooldownDays),
		resultValidityMonths: whole(values.resultValidityMonths)
	};
}
