/**
 * The shape of a seed course file (`content/courses/<course-id>/course.json`) and of what a lesson
 * page receives. Pure types: used by the content checks, the seeder, the server and the lesson player.
 *
 * Words in the language being learned are plain strings (`target`); explanations for the learner are
 * `Gloss`es in the course's interface language (required) and English (optional, used when the learner
 * switched the interface to English).
 */

export type TargetLanguage = 'vi' | 'lo';
export type InterfaceLanguage = 'vi' | 'lo' | 'en';

/** A course's interface-language text, e.g. `{ lo: 'ສະບາຍດີ', en: 'Hello' }`. */
export type Gloss = Partial<Record<InterfaceLanguage, string>>;

export const LESSON_SKILLS = ['listening', 'speaking', 'reading', 'writing'] as const;
export type LessonSkill = (typeof LESSON_SKILLS)[number];

export type Course = {
	/** `vi-for-lo` (Vietnamese for Lao speakers) or `lo-for-vi` (Lao for Vietnamese speakers). */
	id: string;
	/** Bumped when the content changes, so a downloaded copy knows it is stale. */
	version: number;
	targetLanguage: TargetLanguage;
	/** The learners' own language: the course's glosses are written in it. */
	interfaceLanguage: 'vi' | 'lo';
	title: Gloss;
	description: Gloss;
	/** CEFR range, e.g. 'A1–A2'; levels 1–2 of the six-level framework. */
	levels: string;
	/**
	 * The size the course is written to reach (the content gate fails below it): every level in `levels`
	 * has units, and the course has at least `units` units and `vocabulary` entries.
	 */
	targets?: { levels: number[]; units: number; vocabulary: number };
	units: Unit[];
};

export type Unit = {
	id: string;
	title: Gloss;
	/** The placement level (1–6) a learner should have before this unit; A1 units are 1. */
	level: number;
	/** What a learner can do after the unit ("can-do" statements of the level framework), shown on the course map. */
	canDo?: Gloss[];
	lessons: Lesson[];
};

export type Lesson = {
	id: string;
	title: Gloss;
	/** What the learner can do after it, shown on the summary. */
	goal: Gloss;
	/**
	 * The lesson's notes for the learner — introduction, explanations, grammar points — in Markdown, in
	 * the interface language (rendered and sanitized by `$lib/markdown/render`); shown before the first
	 * exercise.
	 */
	notes?: Gloss;
	/** Words and phrases taught here: they enter the learner's review deck and the tap-to-look-up dictionary. */
	vocabulary: VocabularyEntry[];
	/** At least 8; played in this order. */
	exercises: Exercise[];
};

export type VocabularyEntry = {
	id: string;
	/** In the target language, NFC. */
	term: string;
	meaning: Gloss;
	/** Lao terms: a romanization to help Vietnamese beginners, e.g. 'sabaidi'. */
	romanization?: string;
	/** The same word taught again with another meaning (ເຂົ້າ "rice", later ເຂົ້າ "to enter"). */
	homograph?: boolean;
};

/** A choice option: text, a picture (an emoji shown large with a label for screen readers), or both. */
export type ChoiceOption = { text?: string; picture?: string; pictureLabel?: Gloss };

/**
 * Exercise kinds. Every answer the learner types is graded with `gradeVietnamese` / `gradeLao`
 * against `answers` (any of them counts; the first is the one shown as the model answer).
 * `audio` is target-language text spoken by the course's synthesized voice (Vietnamese only: there
 * is no Lao synthesizer here, so Lao courses use listening kinds only where a recording exists).
 */
/**
 * A picture shown with an exercise, above its question (an image prompt): a picture of the media store
 * (`/media/<media>`, usually the organization's picture library) and its text alternative, required,
 * in the interface language.
 */
export type ExerciseImage = { media: string; alt: Gloss };

export type Exercise = (
	| {
			/** Multiple choice: a question (target text or gloss) and options. */
			kind: 'choice';
			id: string;
			skill: LessonSkill;
			prompt?: string;
			promptGloss?: Gloss;
			options: ChoiceOption[];
			answer: number;
	  }
	| {
			/** Hear target text, choose what it means or says. */
			kind: 'listen_choose';
			id: string;
			skill: 'listening';
			audio: string;
			options: ChoiceOption[];
			answer: number;
	  }
	| {
			/** Dictation: hear target text, type it. */
			kind: 'listen_type';
			id: string;
			skill: 'listening';
			audio: string;
			answers: string[];
	  }
	| {
			/** Translate a gloss into the target language by typing (Telex / on-screen Lao keyboard). */
			kind: 'translate';
			id: string;
			skill: 'writing';
			promptGloss: Gloss;
			answers: string[];
	  }
	| {
			/** Build the target sentence from word tiles; `tiles` holds the sentence's words plus distractors. */
			kind: 'build_sentence';
			id: string;
			skill: 'writing' | 'reading';
			promptGloss: Gloss;
			tiles: string[];
			/** Accepted orders, each a list of tiles joined with spaces (Vietnamese) or nothing (Lao). */
			answers: string[];
	  }
	| {
			/** Match each target term with its meaning (4–5 pairs). */
			kind: 'match_pairs';
			id: string;
			skill: 'reading';
			pairs: { term: string; meaning: Gloss }[];
	  }
	| {
			/** Fill the gap: `before ___ after`; typed, or chosen when `options` is given. */
			kind: 'fill_gap';
			id: string;
			skill: 'reading' | 'writing';
			before: string;
			after: string;
			promptGloss?: Gloss;
			options?: string[];
			answers: string[];
	  }
	| {
			/** Read a short passage and answer questions about it. */
			kind: 'reading';
			id: string;
			skill: 'reading';
			passage: string;
			questions: { promptGloss: Gloss; options: ChoiceOption[]; answer: number }[];
	  }
	| {
			/** Say a phrase: record, compare with the model audio, self-check, submit for rating. */
			kind: 'speak';
			id: string;
			skill: 'speaking';
			text: string;
			meaning: Gloss;
			/** Target text to synthesize as the model; absent for Lao (no synthesizer). */
			audio?: string;
	  }
) & {
	/** Any kind may show a picture with its question. */
	image?: ExerciseImage;
};

export type ExerciseKind = Exercise['kind'];

/** The exercise type of one kind, e.g. `ExerciseOf<'speak'>`. */
export type ExerciseOf<K extends ExerciseKind> = Extract<Exercise, { kind: K }>;

/** Each kind once: a record, so a kind missing here does not compile. */
const KINDS: Record<ExerciseKind, true> = {
	choice: true,
	listen_choose: true,
	listen_type: true,
	translate: true,
	build_sentence: true,
	match_pairs: true,
	fill_gap: true,
	reading: true,
	speak: true
};

export const EXERCISE_KINDS = Object.keys(KINDS) as readonly ExerciseKind[];
