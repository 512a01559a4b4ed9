/**
 * Exchange of items with partners' systems: pure converters between the bank-file item shape
 * (`../bank-file`) and Moodle XML, with line-level reasons for what cannot be read.
 */
export { ASSUMED_LEVEL, ASSUMED_RUBRIC, fromMoodleXml, toMoodleXml } from './moodle';
export {
	EXCHANGE_FORMATS,
	MAX_EXCHANGE_ITEMS,
	PROBLEM_CODES,
	WARNING_CODES,
	type ExchangeFormat,
	type ExchangeProblem,
	type ExchangeWarning,
	type ImportOutcome,
	type ProblemCode,
	type WarningCode
} from './types';
