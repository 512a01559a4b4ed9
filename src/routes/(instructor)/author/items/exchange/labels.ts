import { m } from '$lib/paraglide/messages';
import type {
	ExchangeFormat,
	ExchangeProblem,
	ExchangeWarning,
	ProblemCode,
	WarningCode
} from '$lib/placement/exchange';
import type { ReportEntry } from '$lib/server/placement/exchange';

type WithDetail = (inputs: { detail: string }) => string;

/** Every refusal code's sentence (the compiler finds a code without one). */
const PROBLEMS: Record<ProblemCode, WithDetail> = {
	malformed: m.exchange_problem_malformed,
	not_exchange_file: () => m.exchange_problem_not_exchange_file(),
	unsupported_type: m.exchange_problem_unsupported_type,
	options_count: m.exchange_problem_options_count,
	one_key: () => m.exchange_problem_one_key(),
	partial_credit: () => m.exchange_problem_partial_credit(),
	no_accepted: () => m.exchange_problem_no_accepted(),
	empty_prompt: () => m.exchange_problem_empty_prompt(),
	bad_level: m.exchange_problem_bad_level,
	bad_skill: m.exchange_problem_bad_skill,
	bad_file: m.exchange_problem_bad_file,
	duplicate_id: m.exchange_problem_duplicate_id,
	too_many: m.exchange_problem_too_many,
	too_large: () => m.exchange_problem_too_large(),
	locked: m.exchange_problem_locked,
	bad_zip: () => m.exchange_problem_bad_zip(),
	no_manifest: () => m.exchange_problem_no_manifest(),
	missing_file: m.exchange_problem_missing_file,
	no_key: () => m.exchange_problem_no_key(),
	bad_parameters: m.exchange_problem_bad_parameters
};

const WARNINGS: Record<WarningCode, () => string> = {
	level_assumed: m.exchange_warning_level_assumed,
	skill_assumed: m.exchange_warning_skill_assumed
};

const KINDS: Record<ReportEntry['kind'], () => string> = {
	choice: m.exchange_kind_choice,
	short_answer: m.exchange_kind_short_answer,
	writing: m.exchange_kind_writing,
	speaking: m.exchange_kind_speaking
};

export const problemText = (problem: ExchangeProblem) =>
	PROBLEMS[problem.code]({ detail: problem.detail ?? '' });
export const warningText = (warning: ExchangeWarning) => WARNINGS[warning.code]();
export const kindLabel = (kind: ReportEntry['kind']) => KINDS[kind]();

const FORMATS: Record<ExchangeFormat, () => string> = {
	moodle: m.exchange_format_moodle,
	qti21: m.exchange_format_qti21,
	qti30: m.exchange_format_qti30
};

/** The formats in the order the export select offers them, with their names. */
export const formatChoices = Object.entries(FORMATS) as [ExchangeFormat, () => string][];
export const formatLabel = (format: ExchangeFormat) => FORMATS[format]();
