import { SCORED_SKILLS } from '$lib/screening/requirement';
import { ictDay } from '$lib/i18n/dates';
import type { AuditRow } from './audit-log';
import type { CandidateWithResult } from './candidates';
import type { graduatesOfProgram } from './graduates';

/** Rows of the admissions CSV exports (header first). Column names and codes stay English. */

type Cell = string | number | null | undefined;

/** Days where the schools are (Indochina Time), as the pages show them. */
const day = (d: Date | null | undefined) => (d ? ictDay(d) : '');

/** The whole intake with results, for the school's own spreadsheets. */
export function programCsvRows(candidates: CandidateWithResult[]): Cell[][] {
	return [
		[
			'name',
			'position',
			'sending organization',
			'date of birth',
			'phone',
			'invitation code',
			'status',
			'attempts',
			'overall level',
			...SCORED_SKILLS,
			'theta',
			'standard error',
			'passed',
			'test date',
			'valid until',
			'verification code',
			'decision',
			'decision reason',
			'decided at'
		],
		...candidates.map((c) => [
			c.fullName,
			c.position,
			c.sendingOrganization,
			c.dateOfBirth,
			c.phone,
			c.invitationCode,
			c.status,
			c.attempts,
			c.latest?.overallLevel,
			...SCORED_SKILLS.map((s) => c.latest?.skillLevels[s]),
			c.latest?.theta?.toFixed(2),
			c.latest?.standardError?.toFixed(2),
			c.latest ? (c.latest.passed ? 'yes' : 'no') : '',
			day(c.latest?.finishedAt),
			day(c.latest?.validUntil),
			c.latest?.verificationCode,
			c.decision?.decision,
			c.decision?.reason,
			day(c.decision?.decidedAt)
		])
	];
}

export function auditCsvRows(entries: AuditRow[]): Cell[][] {
	return [
		['when (UTC)', 'who', 'action', 'candidate', 'program', 'intake', 'reason'],
		...entries.map((e) => [
			e.at.toISOString(),
			e.actorName,
			e.action,
			e.candidate,
			e.program,
			e.intake,
			e.reason
		])
	];
}

/**
 * One line per follow-up (a graduate without one gets a single line), so the partner province can
 * evaluate how the intake's graduates are used.
 */
export function graduatesCsvRows(
	graduates: Awaited<ReturnType<typeof graduatesOfProgram>>
): Cell[][] {
	const rows = graduates.flatMap((g) => {
		const person: Cell[] = [
			g.fullName,
			g.position,
			g.sendingOrganization,
			g.record?.outcome,
			g.record?.completedOn,
			g.record?.notes
		];
		if (g.followUps.length === 0) return [[...person, '', '', '', '']];
		return g.followUps.map((f) => [
			...person,
			f.observedOn,
			f.positionHeld,
			f.vietnameseUse,
			f.notes
		]);
	});
	return [
		[
			'name',
			'position at admission',
			'sending organization',
			'completion',
			'completed on',
			'completion notes',
			'follow-up date',
			'position held',
			'use of Vietnamese at work',
			'follow-up notes'
		],
		...rows
	];
}
