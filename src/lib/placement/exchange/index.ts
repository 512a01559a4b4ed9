/**
 * Exchange of items with partners' systems: pure converters between the bank-file item shape
 * (`../bank-file`) and Moodle XML or QTI 2.1/3.0 content packages, with line-level reasons for what
 * cannot be read.
 */
export { ASSUMED_LEVEL, ASSUMED_RUBRIC, fromMoodleXml, toMoodleXml } from './moodle';
export { QTI_VERSIONS, fromQtiItemXml, fromQtiPackage, toQtiPackage, type QtiVersion } from './qti';
export { readExchangeFile } from './file';
export { exchangeFileName } from './xml';
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
