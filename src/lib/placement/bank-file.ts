/**
 * The item shape of the bank files (content/placement/*.json) and of the exchange with other systems
 * (`./exchange`: Moodle XML, QTI). Pure types, so the converters stay framework-free; keys in these
 * objects must stay on the server (`$lib/server/placement`), the client never gets them.
 */
import type { Skill } from './bank';

export const INSTRUCTIONS = [
	'choose_meaning', // choose what the word or sentence means
	'choose_word', // choose the word or phrase that fits the description/picture-free context
	'fill_gap', // choose what fills the gap (___) in the sentence
	'choose_response', // choose the best reply to what is said/written
	'choose_correct_sentence', // choose the sentence that is correct
	'listen_choose', // listen, then answer the question
	'read_choose', // read the text, then answer the question
	'write_task', // write as the task asks (rated with the rubric)
	'speak_task', // speak as the task asks (recorded, rated with the rubric)
	'write_answer' // type the answer (short answer, scored against the accepted answers)
] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

export type Localized = { vi: string; lo: string; en: string };

export type RubricCriterion = {
	name: Localized;
	/** What each score means, from 0 up to `maxScore` of the criterion. */
	bands: Localized[];
};

export type BankFileItem = {
	/** Stable and unique across all banks, e.g. "vi-1-voc-001". */
	id: string;
	skill: Skill;
	/** The level (1–6) the author wrote the item for; provisional parameters come from it. */
	level: number;
	/**
	 * `short_answer` comes from other systems' banks (Moodle short answer, QTI text entry): kept as a
	 * draft with its accepted answers; the adaptive test does not deliver it.
	 */
	kind: 'choice' | 'writing' | 'speaking' | 'short_answer';
	instruction: Instruction;
	/** What the candidate reads: the question or the sentence, in the tested language. */
	prompt: string;
	/** A translation of the prompt into the candidate's language, for low levels (Lao for vi items, Vietnamese for lo items). */
	promptGloss?: string;
	/** Reading items: the text to read, in the tested language. */
	passage?: string;
	/** Listening items: the exact words of the recording (never shown to the candidate). */
	audioScript?: string;
	/**
	 * Listening items whose recording is a dialogue: `audioScript` has one turn per line, written
	 * "Speaker: words" (the label is not spoken; each speaker gets its own voice).
	 */
	dialogue?: boolean;
	/**
	 * Several items on one text or recording: the id of an entry of the file's `passages`. The loader
	 * copies that entry's `passage` (reading) or `audioScript` and `dialogue` (listening) into the item,
	 * so each item is still delivered on its own, showing or playing the same text; an item with a
	 * `passageId` has no text of its own. Listening items on one passage share one recording.
	 */
	passageId?: string;
	/**
	 * Listening items of a language without a synthesizer (Lao), written with their `audioScript` and
	 * waiting for a native speaker's recording: loaded as `draft`, never administered, until the
	 * recording is committed (then this mark must go).
	 */
	awaitingRecording?: boolean;
	/** Choice items: 3 or 4 options, all plausible, exactly one correct. */
	options?: string[];
	/** Choice items: index of the correct option in `options`. */
	answer?: number;
	/**
	 * Timed speaking tasks ("about 2–3 minutes"): the time the prompt states, in seconds. A recording
	 * clearly shorter is refused (`$lib/screening/speaking-time`). Required when a speaking prompt
	 * states a time; checked by the bank spec.
	 */
	speakingTime?: { fromSeconds: number; toSeconds: number };
	/** Short-answer items: the answers counted correct (compared after NFC, trimmed, case-folded). */
	accepted?: string[];
	/** Audio and pictures shown with the prompt (exchange files; the seed's recordings are on disk). */
	files?: ItemFile[];
	/** Writing and speaking items. */
	rubric?: { criteria: RubricCriterion[]; maxScorePerCriterion: number };
	/** For reviewers: why the key is right and the distractors wrong. */
	note?: string;
	/**
	 * Exchange files only (never the seed files): parameters from a calibration, for the holding
	 * organization's test developers. Absent while the parameters are provisional (from the level).
	 */
	parameters?: ItemParameters;
};

/** Calibrated 3PL parameters (logistic, D = 1; c = 0 for 2PL) with their standard errors. */
export type ItemParameters = {
	a: number;
	b: number;
	c: number;
	aStandardError?: number;
	bStandardError?: number;
	/** The answers the calibration rested on. */
	responses?: number;
};

/** A file that goes with an item, its bytes in base64 (RFC 4648, no line breaks). */
export type ItemFile = {
	/** A plain file name (letters, digits, `.-_`), unique within the item. */
	name: string;
	kind: 'audio' | 'image';
	mimeType: string;
	base64: string;
};

/** A text or recording shared by several items (see `BankFileItem.passageId`). */
export type SharedPassage = {
	/** Reading: the text, in the tested language. */
	passage?: string;
	/** Listening: the exact words of the one recording all its items play. */
	audioScript?: string;
	/** The recording is a dialogue (see `BankFileItem.dialogue`). */
	dialogue?: boolean;
	/** For reviewers. */
	note?: string;
};

export type BankFile = {
	bank: { id: string; language: 'vi' | 'lo'; version: string };
	/** Shared texts and recordings by id (e.g. "vi-4-psg-01"), unique across the bank's files. */
	passages?: Record<string, SharedPassage>;
	/**
	 * Ids of items taken out of the bank (replaced, not reworded): loaded as `retired` so they are never
	 * administered again, and never reused for another item (responses refer to them).
	 */
	retired?: string[];
	items: BankFileItem[];
};
