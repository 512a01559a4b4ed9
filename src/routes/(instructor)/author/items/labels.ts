import { m } from '$lib/paraglide/messages';
import type {
	ItemAction,
	ItemProblem,
	ItemStatus,
	TransitionRefusal
} from '$lib/placement/item-workflow';

const STATUS: Record<ItemStatus, () => string> = {
	draft: m.items_status_draft,
	review: m.items_status_review,
	pilot: m.items_status_pilot,
	calibrated: m.items_status_calibrated,
	active: m.items_status_active,
	retired: m.items_status_retired
};
export const itemStatusLabel = (status: string) => STATUS[status as ItemStatus]?.() ?? status;

const ACTION: Record<ItemAction, () => string> = {
	submit: m.items_action_submit,
	approve: m.items_action_approve,
	reject: m.items_action_reject,
	accept_calibration: m.items_action_accept_calibration,
	activate: m.items_action_activate,
	send_back: m.items_action_send_back,
	retire: m.items_action_retire
};
export const itemActionLabel = (action: ItemAction) => ACTION[action]();

const PROBLEM: Record<ItemProblem, () => string> = {
	required: m.items_error_required,
	too_long: m.items_error_too_long,
	invalid: m.items_error_invalid,
	options_count: m.items_error_options_count,
	options_repeat: m.items_error_options_repeat,
	answer_missing: m.items_error_answer_missing,
	audio_missing: m.items_error_audio_missing,
	passage_missing: m.items_error_passage_missing,
	rubric_missing: m.items_error_rubric_missing,
	kind_skill: m.items_error_kind_skill
};
export const itemProblemText = (problem: string | undefined) =>
	problem ? (PROBLEM[problem as ItemProblem]?.() ?? m.items_error_invalid()) : null;

const REFUSAL: Record<Exclude<TransitionRefusal, 'not_holder'>, () => string> = {
	own_item: m.items_refused_own_item,
	wrong_status: m.items_refused_wrong_status,
	incomplete: m.items_refused_incomplete
};
export const refusalText = (reason: string) =>
	REFUSAL[reason as keyof typeof REFUSAL]?.() ?? m.items_refused_wrong_status();

export const shareModeLabel = (mode: string) =>
	mode === 'copy' ? m.items_mode_copy() : m.items_mode_use();

export const bankLanguageLabel = (language: string) =>
	language === 'lo' ? m.adm_bank_lo() : m.adm_bank_vi();

/** Two decimals, or a dash for nothing. */
export const figure = (x: number | null | undefined, digits = 2) =>
	x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
