/**
 * Grading of every exercise kind, pure: the lesson player calls it in the browser for immediate feedback, and the
 * server may call it again on the posted response (it never trusts the client's verdict).
 *
 * Verdicts: 'correct', 'almost' or 'wrong' ('skipped' only for a speaking exercise put off). RULE: only 'correct' counts as correct. An 'almost' (a Vietnamese answer
 * whose only mistakes are tone marks or other diacritics: ă â ê ô ơ ư đ) is shown kindly, naming the syllables, but
 * `correct` is false, so the exercise comes back at the end of the lesson like a wrong one; this is what a teacher
 * does with "Viet Nam" for "Việt Nam": the word is recognised, the spelling is not yet right.
 */
import { gradeVietnamese, type Tone, type VietnameseGrade } from '$lib/language/vi';
import { gradeLao } from '$lib/language/lo';
import { splitTone } from '$lib/language/vi-syllable';
import type { Exercise, ExerciseKind, ExerciseOf, LessonSkill, TargetLanguage } from './types';

/**
 * `skipped`: a speaking exercise the learner put off (no microphone, not a good moment). It is neither
 * right nor wrong: it does not come back and does not count in the score.
 */
export type Verdict = 'correct' | 'almost' | 'wrong' | 'skipped';

/** What the lesson player hands to the lesson page when the learner presses Continue. */
export type ExerciseResult = {
	exerciseId: string;
	kind: ExerciseKind;
	skill: LessonSkill;
	correct: boolean;
	verdict: Verdict;
	/** JSON-serializable answer; its shape per kind is {@link ExerciseResponse}. */
	response: unknown;
	/** Speaking exercises: the learner's recording, stored with the attempt for an instructor's rating. */
	recording?: Blob;
};

/** The speaking self-check: "I said it well", or "skip for now" (no microphone, or not a good moment). */
export type SelfCheck = 'well' | 'skipped';

/**
 * The learner's answer, per kind:
 * - choice, listen_choose: `{ choice }`, the option index;
 * - listen_type, translate, fill_gap: `{ text }`, typed or the chosen option's text;
 * - build_sentence: `{ tiles }`, indices into `exercise.tiles` in the order placed;
 * - match_pairs: `{ pairs, mistakes }`, `pairs[i]` is the index (in `exercise.pairs`) of the meaning matched with
 *   term i, -1 when unmatched; `mistakes` counts wrong attempts on the way (kept for the record);
 * - reading: `{ choices }`, one option index per question;
 * - speak: `{ selfCheck, recorded }`.
 */
export type ExerciseResponse =
	| { choice: number }
	| { text: string }
	| { tiles: number[] }
	| { pairs: number[]; mistakes: number }
	| { choices: number[] }
	| { selfCheck: SelfCheck; recorded: boolean };

/** A syllable an 'almost' answer got nearly right. */
export type SyllableNote = {
	/** The expected syllable as written in the model answer, e.g. 'Việt'. */
	expected: string;
	/** What the learner wrote, e.g. 'Viet'. */
	given: string;
	/** Present when the tones differ. */
	expectedTone?: Tone;
	givenTone?: Tone;
	/** Letters that differ by a non-tone diacritic, e.g. [{ expected: 'ê', given: 'e' }] or đ/d. */
	letters: { expected: string; given: string }[];
};

export type Grade = {
	verdict: Verdict;
	/** Only 'correct' counts (see the file comment). */
	correct: boolean;
	/** Typed kinds: the accepted answer the response was closest to (shown as the model answer). */
	closestAnswer?: string;
	/** 'almost' only: the syllables to check. */
	notes: SyllableNote[];
};

/** The grade of a typed answer: never 'skipped'. */
export type TypedGrade = Grade & { verdict: Exclude<Verdict, 'skipped'> };

const WRONG: TypedGrade = { verdict: 'wrong', correct: false, notes: [] };
const CORRECT: TypedGrade = { verdict: 'correct', correct: true, notes: [] };
const SKIPPED: Grade = { verdict: 'skipped', correct: false, notes: [] };

/** Vietnamese names of the six tones, with a vowel showing the mark: the terms learners are taught. */
export const TONE_NAMES: Readonly<Record<Tone, string>> = {
	ngang: 'ngang (a)',
	huyen: 'huyền (à)',
	sac: 'sắc (á)',
	hoi: 'hỏi (ả)',
	nga: 'ngã (ã)',
	nang: 'nặng (ạ)'
};

/** Grades a response (any shape; malformed responses are 'wrong') to an exercise of kind K in a `targetLanguage` course. */
export type Grader<K extends ExerciseKind> = (
	exercise: ExerciseOf<K>,
	response: unknown,
	targetLanguage: TargetLanguage
) => Grade;

function gradeChoice(exercise: ExerciseOf<'choice' | 'listen_choose'>, response: unknown): Grade {
	return verdictOf(numberField(response, 'choice') === exercise.answer);
}

function gradeTypedAnswer(
	exercise: ExerciseOf<'listen_type' | 'translate'>,
	response: unknown,
	targetLanguage: TargetLanguage
): Grade {
	return gradeTyped(exercise.answers, stringField(response, 'text'), targetLanguage);
}

/**
 * Each kind's grader, one per kind (the type makes a missing kind a compile error). The rest of what the lesson
 * player knows about a kind is in `./exercise-kinds` and the kind's component map.
 */
export const GRADERS: { readonly [K in ExerciseKind]: Grader<K> } = {
	choice: gradeChoice,
	listen_choose: gradeChoice,
	listen_type: gradeTypedAnswer,
	translate: gradeTypedAnswer,
	fill_gap: (exercise, response, targetLanguage) => {
		const grade = gradeTyped(exercise.answers, stringField(response, 'text'), targetLanguage);
		// A chosen option is a tile, not a spelling attempt: near misses among options are plain wrong.
		return exercise.options ? verdictOf(grade.correct) : grade;
	},
	build_sentence: (exercise, response, targetLanguage) =>
		gradeTiles(exercise.tiles, exercise.answers, response, targetLanguage),
	match_pairs: (exercise, response) => gradePairs(exercise.pairs.length, response),
	reading: (exercise, response) => {
		const choices = numberList(response, 'choices');
		if (!choices || choices.length !== exercise.questions.length) return WRONG;
		return verdictOf(exercise.questions.every((q, i) => q.answer === choices[i]));
	},
	speak: (_exercise, response) => {
		const selfCheck = stringField(response, 'selfCheck');
		return selfCheck === 'skipped' ? SKIPPED : verdictOf(selfCheck === 'well');
	}
};

/** Grades `response` (any shape; malformed responses are 'wrong') to `exercise` in a `targetLanguage` course. */
export function gradeExercise(
	exercise: Exercise,
	response: unknown,
	targetLanguage: TargetLanguage
): Grade {
	// TypeScript cannot pair GRADERS[kind] with an exercise of that same kind (a correlated union), so the
	// grader is widened here; GRADERS' type already guarantees the pairing.
	const grade = GRADERS[exercise.kind] as Grader<ExerciseKind>;
	return grade(exercise, response, targetLanguage);
}

function verdictOf(correct: boolean): Grade {
	return correct ? CORRECT : WRONG;
}

const RANK: Record<VietnameseGrade['verdict'], number> = {
	correct: 0,
	tone_error: 1,
	diacritic_error: 2,
	wrong: 3
};

/**
 * A typed answer against every accepted answer; the best verdict wins (earlier answers win ties, so the first,
 * model answer is shown when nothing is closer). Vietnamese tone/diacritic errors become 'almost' with notes.
 */
export function gradeTyped(
	answers: readonly string[],
	text: string | undefined,
	targetLanguage: TargetLanguage
): TypedGrade {
	if (text === undefined || text.trim() === '' || answers.length === 0) {
		return { ...WRONG, closestAnswer: answers[0] };
	}
	if (targetLanguage === 'lo') {
		const match = answers.find((answer) => gradeLao(answer, text).verdict === 'correct');
		return match !== undefined
			? { ...CORRECT, closestAnswer: match }
			: { ...WRONG, closestAnswer: answers[0] };
	}
	let best: { answer: string; grade: VietnameseGrade } | undefined;
	for (const answer of answers) {
		const grade = gradeVietnamese(answer, text);
		if (!best || RANK[grade.verdict] < RANK[best.grade.verdict]) best = { answer, grade };
	}
	if (!best || best.grade.verdict === 'wrong') return { ...WRONG, closestAnswer: answers[0] };
	if (best.grade.verdict === 'correct') return { ...CORRECT, closestAnswer: best.answer };
	return {
		verdict: 'almost',
		correct: false,
		closestAnswer: best.answer,
		notes: best.grade.errors.map(noteOf)
	};
}

function noteOf(error: VietnameseGrade['errors'][number]): SyllableNote {
	const note: SyllableNote = { expected: error.expected, given: error.given, letters: [] };
	if (error.expectedTone && error.givenTone) {
		note.expectedTone = error.expectedTone;
		note.givenTone = error.givenTone;
	}
	note.letters = differingLetters(error.expected, error.given);
	return note;
}

/**
 * Letters that differ once tones are removed: with the same base letters (which an 'almost' guarantees), each
 * toneless NFC letter is one code point, so the two spellings line up letter by letter (ê/e, ơ/ô, đ/d).
 */
export function differingLetters(
	expected: string,
	given: string
): { expected: string; given: string }[] {
	const a = [...splitTone(expected.toLowerCase()).toneless];
	const b = [...splitTone(given.toLowerCase()).toneless];
	if (a.length !== b.length) return [];
	const letters: { expected: string; given: string }[] = [];
	a.forEach((letter, i) => {
		if (letter !== b[i]) letters.push({ expected: letter, given: b[i] });
	});
	return letters;
}

/** Tiles are joined in the order placed, with spaces (Vietnamese) or without (Lao), and must equal an answer. */
function gradeTiles(
	tiles: readonly string[],
	answers: readonly string[],
	response: unknown,
	targetLanguage: TargetLanguage
): Grade {
	const order = numberList(response, 'tiles');
	if (!order || order.length === 0) return WRONG;
	if (new Set(order).size !== order.length || order.some((i) => tiles[i] === undefined))
		return WRONG;
	const joined = order.map((i) => tiles[i]).join(targetLanguage === 'vi' ? ' ' : '');
	const same =
		targetLanguage === 'lo'
			? answers.some((answer) => gradeLao(answer, joined).verdict === 'correct')
			: answers.some((answer) => gradeVietnamese(answer, joined).verdict === 'correct');
	return verdictOf(same);
}

/** Match pairs: correct when every term is matched with its own meaning. */
function gradePairs(count: number, response: unknown): Grade {
	const pairs = numberList(response, 'pairs');
	if (!pairs || pairs.length !== count) return WRONG;
	return verdictOf(pairs.every((meaning, term) => meaning === term));
}

function field(response: unknown, name: string): unknown {
	return typeof response === 'object' && response !== null
		? (response as Record<string, unknown>)[name]
		: undefined;
}

function numberField(response: unknown, name: string): number | undefined {
	const value = field(response, name);
	return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function stringField(response: unknown, name: string): string | undefined {
	const value = field(response, name);
	return typeof value === 'string' ? value : undefined;
}

function numberList(response: unknown, name: string): number[] | undefined {
	const value = field(response, name);
	return Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isInteger(n))
		? (value as number[])
		: undefined;
}
