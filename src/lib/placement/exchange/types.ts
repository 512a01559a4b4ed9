/**
 * What the exchange converters return: the items they could read, and for everything else a reason an
 * instructor can act on, with the line of the file it is on. Reasons are codes with parameters; the
 * interface translates them (messages `exchange_problem_*`).
 */
import type { BankFileItem } from '../bank-file';

/** Moodle XML, and QTI 2.1 / 3.0 content packages. */
export const EXCHANGE_FORMATS = ['moodle', 'qti21', 'qti30'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

export const PROBLEM_CODES = [
	'malformed', // the file is not well-formed XML (detail: the parser's message)
	'not_exchange_file', // no <quiz> (Moodle) / no assessmentItem (QTI)
	'unsupported_type', // a question type the bank has no kind for (detail: the type)
	'options_count', // a choice question needs 3 or 4 options (detail: how many)
	'one_key', // a choice question needs exactly one correct option
	'partial_credit', // an answer worth part of the mark (the bank scores right or wrong)
	'no_accepted', // a short answer without an answer worth full marks
	'empty_prompt', // no question text
	'bad_level', // level tag not 1–6 (detail: the value)
	'bad_skill', // skill tag not a known skill (detail: the value)
	'bad_file', // an embedded file that is not audio or a picture, or not base64 (detail: the name)
	'duplicate_id', // two questions with one name/identifier (detail: the id)
	'too_many', // more questions than one import takes (detail: the limit)
	'too_large', // the file is larger than an import takes
	'locked', // the item exists in the bank beyond draft (detail: its status): not overwritten
	'bad_zip', // a package that is not a readable zip archive
	'no_manifest', // a package without imsmanifest.xml
	'missing_file', // a file the manifest or an item refers to is not in the package (detail: its path)
	'no_key', // a QTI item without a correct response (detail-less)
	'bad_parameters' // IRT parameters that are not usable numbers (detail: field=value)
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type ExchangeProblem = {
	code: ProblemCode;
	/** 1-based line of the question (or of the error) in the file, when known. */
	line?: number;
	/** The file inside a package the line is in (QTI), when not the uploaded file itself. */
	file?: string;
	/** The question's name/identifier, when known. */
	item?: string;
	detail?: string;
};

export const WARNING_CODES = ['level_assumed', 'skill_assumed'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];
export type ExchangeWarning = { code: WarningCode; item: string; line?: number; detail?: string };

export type ImportOutcome = {
	items: BankFileItem[];
	/** Questions or whole files refused, with why. */
	refused: ExchangeProblem[];
	/** Read, but with something assumed (e.g. no level tag). */
	warnings: ExchangeWarning[];
};

/** At most this many questions per file: a whole bank, not a denial of service. */
export const MAX_EXCHANGE_ITEMS = 2000;
