/**
 * Authored test items: their typed shape (what an editor, an importer or a copy produces), the checks
 * a draft must pass, and the workflow rules (who may move an item from which status to which).
 * Pure: the item service (`$lib/server/placement/items.ts`) applies these rules inside its
 * transactions; the Moodle XML / QTI converters build an `ItemDraft` and call `createDraftItem` there.
 */
import { keyIsSingleLongest, SKILLS, type Skill } from './bank';

export const ITEM_KINDS = ['choice', 'writing', 'speaking'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
/**
 * What a stored item can be: short-answer items come only from imported files (Moodle, QTI). The test
 * does not deliver them, so `checkItemDraft` refuses the kind and the author turns one into a choice
 * item (or leaves it a draft).
 */
export type StoredItemKind = ItemKind | 'short_answer';

export const ITEM_STATUS_ORDER = [
	'draft',
	'review',
	'pilot',
	'calibrated',
	'active',
	'retired'
] as const;
export type ItemStatus = (typeof ITEM_STATUS_ORDER)[number];

/** The instruction shown above a choice item, by skill (the candidate's screen labels it). */
export const CHOICE_INSTRUCTIONS = [
	'choose_meaning',
	'choose_word',
	'fill_gap',
	'choose_response',
	'choose_correct_sentence',
	'listen_choose',
	'read_choose'
] as const;
export type ChoiceInstruction = (typeof CHOICE_INSTRUCTIONS)[number];

/** The instruction a new choice item of each skill starts with (the seed banks' usual one). */
export const DEFAULT_CHOICE_INSTRUCTION = {
	listening: 'listen_choose',
	reading: 'read_choose',
	vocabulary_grammar: 'fill_gap'
} as const satisfies Record<string, ChoiceInstruction>;

export const LEVELS = [1, 2, 3, 4, 5, 6] as const;
export const MIN_OPTIONS = 3;
export const MAX_OPTIONS = 4;
export const ITEM_TEXT_MAX = 2_000;
export const OPTION_MAX = 300;
/** A rated task's scores per criterion run 0…RUBRIC_MAX_SCORE (the seed banks' rubrics do too). */
export const RUBRIC_MAX_SCORE = 3;

/** A rubric written in the editor: criteria names, and what each score 0…3 means (all criteria alike). */
export type RubricDraft = { criteria: string[]; bands: string[] };

/**
 * One item as its author writes it. `audio` is a stored recording (`media:<id>`) of a listening item;
 * `passageKey` groups items of one organization that share a passage.
 */
export type ItemDraft = {
	language: 'vi' | 'lo';
	skill: Skill;
	level: number;
	kind: StoredItemKind;
	instruction: string;
	prompt: string;
	promptGloss: string;
	passage: string;
	passageKey: string;
	audio: string;
	options: string[];
	/** Index of the key in `options` (choice items). */
	answer: number | null;
	explanation: string;
	rubric: RubricDraft | null;
};

export type ItemField =
	| 'language'
	| 'skill'
	| 'level'
	| 'kind'
	| 'instruction'
	| 'prompt'
	| 'promptGloss'
	| 'passage'
	| 'audio'
	| 'options'
	| 'answer'
	| 'explanation'
	| 'rubric';

/** Why a field is refused; the editor translates each code beside its field. */
export type ItemProblem =
	| 'required'
	| 'too_long'
	| 'invalid'
	| 'options_count'
	| 'options_repeat'
	| 'answer_missing'
	| 'audio_missing'
	| 'passage_missing'
	| 'rubric_missing'
	| 'kind_skill';

export type ItemErrors = Partial<Record<ItemField, ItemProblem>>;

/** What the reviewer should look at but that does not stop saving. */
export type ItemWarning = 'key_longest';

/** The instruction a rated task carries (the candidate's rated part reads it). */
export function instructionOfKind(kind: StoredItemKind): string | null {
	return kind === 'writing' ? 'write_task' : kind === 'speaking' ? 'speak_task' : null;
}

/**
 * Everything wrong with a draft, per field (empty = it may be saved). A draft may be incomplete in no
 * way that matters to a reviewer: every check here is also what makes an item deliverable.
 */
export function checkItemDraft(draft: ItemDraft): ItemErrors {
	const errors: ItemErrors = {};
	const tooLong = (s: string, max = ITEM_TEXT_MAX) => [...s].length > max;
	if (draft.language !== 'vi' && draft.language !== 'lo') errors.language = 'invalid';
	if (!(SKILLS as readonly string[]).includes(draft.skill)) errors.skill = 'invalid';
	if (!(LEVELS as readonly number[]).includes(draft.level)) errors.level = 'invalid';
	if (!(ITEM_KINDS as readonly string[]).includes(draft.kind)) errors.kind = 'invalid';
	else if (draft.kind !== 'choice' && draft.skill !== draft.kind) errors.kind = 'kind_skill';
	else if (draft.kind === 'choice' && (draft.skill === 'writing' || draft.skill === 'speaking')) {
		errors.kind = 'kind_skill';
	}
	if (!draft.prompt.trim()) errors.prompt = 'required';
	else if (tooLong(draft.prompt)) errors.prompt = 'too_long';
	if (tooLong(draft.promptGloss)) errors.promptGloss = 'too_long';
	if (tooLong(draft.passage, 6_000)) errors.passage = 'too_long';
	if (tooLong(draft.explanation)) errors.explanation = 'too_long';
	if (draft.kind === 'choice') {
		if (!(CHOICE_INSTRUCTIONS as readonly string[]).includes(draft.instruction)) {
			errors.instruction = 'invalid';
		}
		const options = draft.options.map((o) => o.trim());
		if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS || options.some((o) => !o)) {
			errors.options = 'options_count';
		} else if (options.some((o) => [...o].length > OPTION_MAX)) errors.options = 'too_long';
		else if (new Set(options).size !== options.length) errors.options = 'options_repeat';
		if (
			draft.answer === null ||
			!Number.isInteger(draft.answer) ||
			draft.answer < 0 ||
			draft.answer >= options.length ||
			!options[draft.answer]
		) {
			errors.answer = 'answer_missing';
		}
		if (draft.skill === 'listening' && !draft.audio) errors.audio = 'audio_missing';
		if (draft.skill === 'reading' && !draft.passage.trim()) errors.passage = 'passage_missing';
	} else if (
		!draft.rubric ||
		draft.rubric.criteria.length === 0 ||
		draft.rubric.bands.length !== RUBRIC_MAX_SCORE + 1 ||
		draft.rubric.criteria.some((c) => !c.trim()) ||
		draft.rubric.bands.some((b) => !b.trim())
	) {
		errors.rubric = 'rubric_missing';
	}
	return errors;
}

/** The option-length check: is the key the one longest option (a test-wise candidate picks it)? */
export function itemWarnings(draft: Pick<ItemDraft, 'kind' | 'options' | 'answer' | 'level'>) {
	const warnings: ItemWarning[] = [];
	if (
		draft.kind === 'choice' &&
		draft.answer !== null &&
		keyIsSingleLongest({ level: draft.level, options: draft.options, answer: draft.answer })
	) {
		warnings.push('key_longest');
	}
	return warnings;
}

/** Only a draft's content changes: an item that has been reviewed or given keeps what was reviewed. */
export function canEditContent(status: ItemStatus): boolean {
	return status === 'draft';
}

export const ITEM_ACTIONS = [
	'submit',
	'approve',
	'reject',
	'accept_calibration',
	'activate',
	'send_back',
	'retire'
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/**
 * The workflow: from which statuses an action starts, and where it leads.
 *
 *   draft ─submit→ review ─approve (another instructor)→ pilot ─accept_calibration→ calibrated
 *   review ─reject→ draft;  calibrated ─activate→ active ─retire→ retired
 *   pilot, calibrated ─send_back→ draft (a misfitting or miskeyed item is rewritten);
 *   calibrated ─accept_calibration→ calibrated (a later, larger calibration replaces the estimates)
 *   rated tasks (writing, speaking; no IRT parameters): pilot ─activate→ active
 */
export const TRANSITIONS: Record<ItemAction, { from: readonly ItemStatus[]; to: ItemStatus }> = {
	submit: { from: ['draft'], to: 'review' },
	approve: { from: ['review'], to: 'pilot' },
	reject: { from: ['review'], to: 'draft' },
	accept_calibration: { from: ['pilot', 'calibrated'], to: 'calibrated' },
	activate: { from: ['calibrated'], to: 'active' },
	send_back: { from: ['pilot', 'calibrated'], to: 'draft' },
	retire: { from: ['active', 'calibrated'], to: 'retired' }
};

export type TransitionRefusal = 'not_holder' | 'wrong_status' | 'own_item' | 'incomplete';

/** What the rules need of the item and of who acts. */
export type TransitionSubject = {
	status: ItemStatus;
	/**
	 * Rated tasks (writing, speaking) have no IRT parameters: they go from pilot to active. Short-answer
	 * items never pass `checkItemDraft` (`complete` is false), so they stay drafts.
	 */
	kind?: StoredItemKind;
	authorId: string | null;
	/** Whether the actor is an instructor of the organization that holds the item. */
	actorHolds: boolean;
	actorId: string;
	/** Whether the content passes `checkItemDraft` (only complete drafts go to review). */
	complete: boolean;
};

/**
 * Whether `action` may be done now, or why not. Only instructors of the holding organization move an
 * item; the author never approves or rejects their own item in review (four eyes).
 */
export function checkTransition(
	action: ItemAction,
	subject: TransitionSubject
): { ok: true; to: ItemStatus } | { ok: false; reason: TransitionRefusal } {
	if (!subject.actorHolds) return { ok: false, reason: 'not_holder' };
	const rule = TRANSITIONS[action];
	const rated = subject.kind === 'writing' || subject.kind === 'speaking';
	if (rated && action === 'accept_calibration') return { ok: false, reason: 'wrong_status' };
	const from: readonly ItemStatus[] =
		rated && action === 'activate' ? ['pilot', 'calibrated'] : rule.from;
	if (!from.includes(subject.status)) return { ok: false, reason: 'wrong_status' };
	if ((action === 'approve' || action === 'reject') && subject.authorId === subject.actorId) {
		return { ok: false, reason: 'own_item' };
	}
	if (action === 'submit' && !subject.complete) return { ok: false, reason: 'incomplete' };
	return { ok: true, to: rule.to };
}

/** The actions the item page offers (the service checks again when one is sent). */
export function availableActions(subject: TransitionSubject): ItemAction[] {
	return ITEM_ACTIONS.filter(
		(action) => action !== 'accept_calibration' && checkTransition(action, subject).ok
	);
}

/** Statuses a test gives: pilot items unscored, calibrated and active ones scored. */
export const DELIVERED_STATUSES = ['pilot', 'calibrated', 'active'] as const;
