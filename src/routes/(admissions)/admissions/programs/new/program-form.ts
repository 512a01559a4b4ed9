import { isCalendarDay } from '$lib/validation';
import type { ProgramInput } from '$lib/server/admissions/programs';
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
		windowOpensAt: ictDay(now),
		windowClosesAt: ictDay(new Date(now.getTime() + 60 * 86_400_000)),
		timeLimitMinutes: '60',
		maxAttempts: '2',
		retakeCooldownDays: '14',
		resultValidityMonths: '24'
	};
}

export function readProgramForm(form: FormData): ProgramFormValues {
	const text = (name: string) => String(form.get(name) ?? '').trim();
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
		ratedSections: form.getAll('ratedSections').map(String),
		windowOpensAt: text('windowOpensAt'),
		windowClosesAt: text('windowClosesAt'),
		timeLimitMinutes: text('timeLimitMinutes'),
		maxAttempts: text('maxAttempts'),
		retakeCooldownDays: text('retakeCooldownDays'),
		resultValidityMonths: text('resultValidityMonths')
	};
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
		windowOpensAt: day(values.windowOpensAt, '00:00:00'),
		windowClosesAt: day(values.windowClosesAt, '23:59:59'),
		timeLimitMinutes: whole(values.timeLimitMinutes),
		maxAttempts: whole(values.maxAttempts),
		retakeCooldownDays: whole(values.retakeCooldownDays),
		resultValidityMonths: whole(values.resultValidityMonths)
	};
}
