import { m } from '$lib/paraglide/messages';
import { SCORED_SKILLS } from '$lib/screening/requirement';
import { ictDay } from '$lib/i18n/dates';
import {
	actionLabel,
	levelLabel,
	outcomeLabel,
	skillLabel,
	statusLabel,
	vietnameseUseLabel
} from '$lib/components/admissions/labels';
import { describeChange } from '$lib/components/admissions/audit-change';
import type { AuditRow } from './audit-log';
import type { CandidateWithResult } from './candidates';
import type { graduatesOfProgram } from './graduates';

/**
 * Rows of the admissions CSV exports (header first), in the reader's language: translated column
 * names and readable values (a status, a level, a decision as the pages show them, never a code).
 * Dates stay ISO (YYYY-MM-DD), which every spreadsheet sorts and reads.
 */

type Cell = string | number | null | undefined;

/** Days where the schools are (Indochina Time), as the pages show them. */
const day = (d: Date | null | undefined) => (d ? ictDay(d) : '');

/** The whole intake with results, for the school's own spreadsheets. */
export function programCsvRows(candidates: CandidateWithResult[]): Cell[][] {
	return [
		[
			m.adm_field_full_name(),
			m.adm_field_position(),
			m.adm_field_sending_org(),
			m.adm_field_date_of_birth(),
			m.adm_field_phone(),
			m.adm_invitation_code(),
			m.adm_col_status(),
			m.adm_col_attempts(),
			m.adm_overall(),
			...SCORED_SKILLS.map(skillLabel),
			m.csv_theta(),
			m.csv_standard_error(),
			m.adm_col_result(),
			m.adm_test_date(),
			m.adm_valid_until(),
			m.adm_verification_code(),
			m.adm_col_decision(),
			m.csv_decision_reason(),
			m.csv_decided_on()
		],
		...candidates.map((c) => [
			c.fullName,
			c.position,
			c.sendingOrganization,
			c.dateOfBirth,
			c.phone,
			c.invitationCode,
			statusLabel(c.status),
			c.attempts,
			c.latest ? levelLabel(c.latest.overallLevel) : '',
			...SCORED_SKILLS.map((s) => {
				const level = c.latest?.skillLevels[s];
				return level === undefined || level === null ? '' : levelLabel(level);
			}),
			c.latest?.theta?.toFixed(2),
			c.latest?.standardError?.toFixed(2),
			c.latest ? (c.latest.passed ? m.adm_status_passed() : m.adm_status_failed()) : '',
			day(c.latest?.finishedAt),
			day(c.latest?.validUntil),
			c.latest?.verificationCode,
			c.decision ? actionLabel(c.decision.override ? 'admit_override' : c.decision.decision) : '',
			c.decision?.reason,
			day(c.decision?.decidedAt)
		])
	];
}

/** The audit log in the reader's language: the page's columns, with the date and time in UTC. */
export function auditCsvRows(entries: AuditRow[]): Cell[][] {
	return [
		[
			m.adm_col_when_utc(),
			m.adm_col_who(),
			m.adm_col_action(),
			m.adm_col_about(),
			m.adm_col_program(),
			m.adm_field_intake(),
			m.adm_col_change(),
			m.adm_reason()
		],
		...entries.map((e) => [
			e.at.toISOString().slice(0, 16).replace('T', ' '),
			e.actorName ?? (e.subjectType === 'item_bank' ? m.audit_actor_system() : ''),
			actionLabel(e.action),
			e.subject,
			e.program,
			e.intake,
			describeChange(e),
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
			g.record ? outcomeLabel(g.record.outcome) : '',
			g.record?.completedOn,
			g.record?.notes
		];
		if (g.followUps.length === 0) return [[...person, '', '', '', '']];
		return g.followUps.map((f) => [
			...person,
			f.observedOn,
			f.positionHeld,
			vietnameseUseLabel(f.vietnameseUse),
			f.notes
		]);
	});
	return [
		[
			m.adm_field_full_name(),
			m.adm_field_position(),
			m.adm_field_sending_org(),
			m.grad_completion(),
			m.csv_completed_on(),
			m.csv_completion_notes(),
			m.grad_observed_on(),
			m.grad_position_held(),
			m.grad_vietnamese_use(),
			m.csv_follow_up_notes()
		],
		...rows
	];
}
