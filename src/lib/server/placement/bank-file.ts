/**
 * The committed seed item banks (content/placement/*.json): their format and the checks every file
 * must pass before it is loaded. Keys live here and in the database only; the client never gets them.
 */
import type { Skill } from '$lib/placement';

export const INSTRUCTIONS = [
	'choose_meaning', // choose what the word or sentence means
	'choose_word', // choose the word or phrase that fits the description/picture-free context
	'fill_gap', // choose what fills the gap (___) in the sentence
	'choose_response', // choose the best reply to what is said/written
	'choose_correct_sentence', // choose the sentence that is correct
	'listen_choose', // listen, then answer the question
	'read_choose', // read the text, then answer the question
	'write_task', // write as the task asks (rated with the rubric)
	'speak_task' // speak as the task asks (recorded, rated with the rubric)
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
	kind: 'choice' | 'writing' | 'speaking';
	instruction: Instruction;
	/** What the candidate reads: the question or the sentence, in the tested language. */
	prompt: string;
	/** A translation of the prompt into the candidate's language, for low levels (Lao for vi items, Vietnamese for lo items). */
	promptGloss?: string;
	/** Reading items: the text to read, in the tested language. */
	passage?: string;
	/** Listening items: the exact words of the recording (never shown to the candidate). */
	audioScript?: string;
	/** Choice items: 3 or 4 options, all plausible, exactly one correct. */
	options?: string[];
	/** Choice items: index of the correct option in `options`. */
	answer?: number;
	/** Writing and speaking items. */
	rubric?: { criteria: RubricCriterion[]; maxScorePerCriterion: number };
	/** For reviewers: why the key is right and the distractors wrong. */
	note?: string;
};

export type BankFile = {
	bank: { id: string; language: 'vi' | 'lo'; version: string };
	items: BankFileItem[];
};
