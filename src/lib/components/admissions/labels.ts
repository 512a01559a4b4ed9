import { m } from '$lib/paraglide/messages';
import { BELOW_LEVEL_1 } from '$lib/screening/rubric';
import type { ScoredSkill } from '$lib/screening/requirement';
import type { AuditAction, CourseAuditAction, ItemAuditAction } from '$lib/audit/actions';

/** Interface words of the admissions pages that follow a value from the server (a status, a skill…). */

/** The skills officers can require and see today: the rated sections (writing, speaking) come later. */
export const CHOICE_SKILLS = ['listening', 'reading', 'vocabulary_grammar'] as const;

/** Bậc 1–6 of the Vietnamese framework are aligned with CEFR A1–C2. */
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export function levelLabel(level: number | null | undefined): string {
	if (level === null || level === undefined) return m.adm_not_set();
	// A rated skill with no rateable response (`BELOW_LEVEL_1`): no level, not "level 0".
	if (level === BELOW_LEVEL_1) return m.level_below_1();
	return m.adm_level_cefr({ level, cefr: CEFR[level - 1] ?? '?' });
}

export function skillLabel(skill: ScoredSkill | 'overall'): string {
	switch (skill) {
		case 'overall':
			return m.adm_overall();
		case 'listening':
			return m.skill_listening();
		case 'reading':
			return m.skill_reading();
		case 'vocabulary_grammar':
			return m.skill_vocabulary_grammar();
		case 'writing':
			return m.skill_writing();
		case 'speaking':
			return m.skill_speaking();
	}
}

export const STATUSES = [
	'invited',
	'registered',
	'testing',
	'awaiting_rating',
	'passed',
	'failed',
	'expired',
	'withdrawn'
] as const;
export type Status = (typeof STATUSES)[number];

const STATUS_LABELS: Record<Status, () => string> = {
	invited: m.adm_status_invited,
	registered: m.adm_status_registered,
	testing: m.adm_status_testing,
	awaiting_rating: m.adm_status_awaiting_rating,
	passed: m.adm_status_passed,
	failed: m.adm_status_failed,
	expired: m.adm_status_expired,
	withdrawn: m.adm_status_withdrawn
};

export function statusLabel(status: string): string {
	return STATUS_LABELS[status as Status]?.() ?? status;
}

const ACTION_LABELS = {
	admit: m.adm_decision_admit,
	refuse: m.adm_decision_refuse,
	waitlist: m.adm_decision_waitlist,
	admit_override: m.adm_action_admit_override,
	grant_retake: m.adm_action_grant_retake,
	graduate_completion: m.adm_action_graduate_completion,
	graduate_follow_up: m.adm_action_graduate_follow_up,
	candidate_edited: m.adm_action_candidate_edited,
	invitation_withdrawn: m.adm_action_invitation_withdrawn,
	candidate_withdrawn: m.adm_action_candidate_withdrawn,
	program_edited: m.adm_action_program_edited,
	program_withdrawn: m.adm_action_program_withdrawn,
	candidates_invited: m.audit_action_candidates_invited,
	rating_saved: m.audit_action_rating_saved,
	rating_reopened: m.audit_action_rating_reopened,
	role_granted: m.audit_action_role_granted,
	role_revoked: m.audit_action_role_revoked,
	account_disabled: m.audit_action_account_disabled,
	account_enabled: m.audit_action_account_enabled,
	code_created: m.audit_action_code_created,
	code_revoked: m.audit_action_code_revoked,
	bank_updated: m.audit_action_bank_updated,
	bank_calibrated: m.audit_action_bank_calibrated,
	exit_test_opened: m.audit_action_exit_test_opened,
	exit_test_closed: m.audit_action_exit_test_closed,
	items_imported: m.audit_action_items_imported
} satisfies Record<Exclude<AuditAction, CourseAuditAction | ItemAuditAction>, () => string>;

/** Decisions (admit, refuse, waitlist) and audited actions share these labels. */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action as keyof typeof ACTION_LABELS]?.() ?? action;
}

export function bankLabel(bankId: string): string {
	return bankId === 'lo-placement' ? m.adm_bank_lo() : m.adm_bank_vi();
}

/** A bank in the new-program form: the language, and the bank's id when it is not a standard one. */
export function bankOptionLabel(bank: { id: string; language: string }): string {
	const language = bank.language === 'lo' ? m.adm_bank_lo() : m.adm_bank_vi();
	return bank.id === 'vi-placement' || bank.id === 'lo-placement'
		? language
		: `${language} (${bank.id})`;
}

const ATTEMPT_LABELS: Record<string, () => string> = {
	in_progress: m.adm_attempt_in_progress,
	awaiting_rating: m.adm_attempt_awaiting_rating,
	completed: m.adm_attempt_completed,
	expired: m.adm_attempt_expired
};

export function attemptStatusLabel(status: string): string {
	return ATTEMPT_LABELS[status]?.() ?? status;
}

const RATING_PROGRESS_LABELS = {
	awaiting_rating: m.adm_rating_awaiting_rating,
	awaiting_second: m.adm_rating_awaiting_second,
	awaiting_third: m.adm_rating_awaiting_third,
	rated: m.adm_rating_rated
} as const;

/** "Writing: awaiting third rating": where one rated answer of an attempt stands. */
export function ratingProgressLabel(
	skill: 'writing' | 'speaking',
	state: keyof typeof RATING_PROGRESS_LABELS
): string {
	return RATING_PROGRESS_LABELS[state]({ skill: skillLabel(skill) });
}

export const VIETNAMESE_USES = ['daily', 'weekly', 'rarely', 'never'] as const;
const USE_LABELS: Record<string, () => string> = {
	daily: m.grad_use_daily,
	weekly: m.grad_use_weekly,
	rarely: m.grad_use_rarely,
	never: m.grad_use_never
};

export function vietnameseUseLabel(use: string): string {
	return USE_LABELS[use]?.() ?? use;
}

export function outcomeLabel(outcome: string): string {
	return outcome === 'completed' ? m.grad_outcome_completed() : m.grad_outcome_not_completed();
}

const ERRORS: Record<string, () => string> = {
	name_required: m.adm_error_name_required,
	intake_required: m.adm_error_intake_required,
	level_invalid: m.adm_error_level_invalid,
	rated_section_invalid: m.adm_error_rated_section_invalid,
	minimum_needs_rated_section: m.adm_error_minimum_needs_rated_section,
	window_invalid: m.adm_error_window_invalid,
	organization_invalid: m.adm_error_organization_invalid,
	bank_invalid: m.adm_error_bank_invalid,
	full_name_required: m.adm_error_full_name_required,
	csv_no_name_column: m.adm_error_csv_no_name_column,
	csv_empty: m.adm_error_csv_empty,
	csv_all_repeated: m.adm_error_csv_all_repeated,
	reason_required: m.adm_error_reason_required,
	retake_reason_required: m.adm_error_retake_reason,
	decision_invalid: m.adm_error_decision_invalid,
	code_required: m.adm_error_code_required,
	override_needed: m.adm_error_override_needed,
	date_invalid: m.grad_error_date_invalid,
	date_in_future: m.grad_error_date_future,
	position_required: m.grad_error_position_required,
	use_invalid: m.grad_error_use_invalid,
	outcome_invalid: m.grad_error_outcome_invalid,
	not_admitted: m.grad_only_admitted,
	locked_after_start: m.adm_error_locked_after_start,
	program_withdrawn: m.adm_error_program_withdrawn,
	has_admitted: m.adm_error_has_admitted,
	revoke_reason_required: m.adm_error_revoke_reason_required,
	withdrawn: m.adm_error_candidate_withdrawn,
	admitted: m.adm_error_withdraw_admitted,
	already_withdrawn: m.adm_error_already_withdrawn,
	withdraw_reason_required: m.adm_error_withdraw_reason_required,
	confirm_needed: m.adm_confirm_needed
};

/** Error codes from the admissions services and forms, translated when rendered. */
export function admissionsError(code: string | null | undefined): string | null {
	if (!code) return null;
	if (ERRORS[code]) return ERRORS[code]();
	// A message the form's schema ($lib/validation) already translated, else a code nobody sends.
	return /^[a-z_]+$/.test(code) ? m.error_unexpected() : code;
}

export function formatNumber(value: number | null | undefined): string {
	return value === null || value === undefined ? m.adm_not_set() : value.toFixed(2);
}
