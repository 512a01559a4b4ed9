/**
 * IRT and computerized adaptive testing engine for the Vietnamese placement test.
 *
 * Plain TypeScript, no framework imports: the same code scores in the browser, on the server, in the
 * calibration command and in the benchmark. Logistic model without scaling constant (D = 1) throughout.
 */
export {
	assertItemParams,
	information,
	logistic,
	logLikelihoodOf,
	logProbabilityCorrect,
	logProbabilityIncorrect,
	probability,
	testInformation,
	type ItemParams
} from './model';
export {
	gaussHermiteRule,
	normalCdf,
	normalDensity,
	normalQuantile,
	rectangularRule,
	type QuadratureRule
} from './normal';
export {
	DEFAULT_EAP_POINTS,
	DEFAULT_MLE_BOUNDS,
	estimateAbility,
	expectedAPosteriori,
	posteriorMoments,
	quadratureRule,
	type AbilityEstimate,
	type EstimateOptions,
	type ScoredResponse
} from './estimate';
export {
	calibrate,
	DEFAULT_CALIBRATION_POINTS,
	DEFAULT_MAX_ITER,
	DEFAULT_TOLERANCE,
	DIFFICULTY_BOUND,
	DISCRIMINATION_BOUNDS,
	type CalibrationOptions,
	type CalibrationResult,
	type ItemFlag,
	type ItemStandardError,
	type SlopePrior
} from './calibrate';
export { itemFit, type ItemFit } from './itemfit';
export type { ResponseMatrix } from './patterns';
export {
	keyIsSingleLongest,
	keyLongestByLevel,
	MAX_KEY_LONGEST_SHARE,
	optionLength,
	SKILLS,
	validateBank,
	type BankItem,
	type ChoiceOptions,
	type KeyLengthFigure,
	type Skill
} from './bank';
export {
	classificationOutcome,
	credibleInterval,
	currentEstimate,
	nextItem,
	recordAnswer,
	scoredResponses,
	startCat,
	stopReason,
	type AdministeredItem,
	type CatConfig,
	type CatState,
	type ClassificationRule,
	type ExposureControl,
	type SelectionRule,
	type StopReason
} from './cat';
export {
	DEFAULT_LEVEL_CUTS,
	levelFor,
	PROVISIONAL_DISCRIMINATION,
	provisionalParams,
	skillScores,
	type SkillResponse,
	type SkillScore,
	type SkillScoreOptions
} from './scoring';
export {
	exposureRates,
	simulateCat,
	syntheticBank,
	sympsonHetterRates,
	type SympsonHetterOptions,
	type SyntheticBankOptions
} from './simulate';
export {
	curtailedChangeProbability,
	DEFAULT_INDIFFERENCE,
	glrStatistic,
	SCREENING_MAX_ITEMS,
	SCREENING_STOP_RULE,
	sprtStatistic,
	STOP_RULES,
	stopDecision,
	waldBounds,
	type Decision,
	type StopRule,
	type StopRuleConfig
} from './classify';
export {
	klInformation,
	posteriorGrid,
	SELECTION_METHODS,
	selectionValue,
	type SelectionMethod
} from './select';
export { mulberry32, randomNormal, randomUniform, type Rng } from './random';
