/**
 * The exercise-kind registry, framework-free part: what the lesson player shows around each kind (its
 * instruction, the model answer after a mistake, whether it has a Check button, a note with the feedback).
 * A kind's grader is `GRADERS` in `./grade` (the server grades with it too) and its component is
 * `EXERCISE_COMPONENTS` in `$lib/components/lesson/exercise-components.ts`; all three maps are typed per
 * kind, so a kind missing from any of them does not compile.
 */
import { m } from '$lib/paraglide/messages';
import { glossText } from './gloss';
import type { Grade } from './grade';
import type {
	Exercise,
	ExerciseKind,
	ExerciseOf,
	InterfaceLanguage,
	TargetLanguage
} from './types';

/** The interface language and the course's own, for glosses (see `glossText`). */
export type GlossLanguages = { locale: InterfaceLanguage; courseLanguage: 'vi' | 'lo' };

export type ExerciseKindRules<K extends ExerciseKind> = {
	/** The instruction above the exercise, in the interface language. */
	instruction: (targetLanguage: TargetLanguage) => string;
	/** The answer shown after a mistake; kinds that mark the right answer in place have none. */
	modelAnswer?: (
		exercise: ExerciseOf<K>,
		grade: Grade,
		languages: GlossLanguages
	) => string | undefined;
	/** The kind checks itself when the learner acts (speak's self-check): it has no Check button. */
	selfChecked?: true;
	/** A line added to the feedback, given the grade and whether a recording goes with the answer. */
	feedbackNote?: (grade: Grade, withRecording: boolean) => string | undefined;
};

/** The right option's text, or the gloss of its picture's label when it is a picture only. */
const rightOption = (
	exercise: ExerciseOf<'choice' | 'listen_choose'>,
	_grade: Grade,
	{ locale, courseLanguage }: GlossLanguages
) => {
	const option = exercise.options[exercise.answer];
	return option?.text ?? glossText(option?.pictureLabel, locale, courseLanguage);
};

/** Typed kinds: the accepted answer the response came closest to. */
const closestAnswer = (_exercise: Exercise, grade: Grade) => grade.closestAnswer;

export const EXERCISE_KIND_RULES: { readonly [K in ExerciseKind]: ExerciseKindRules<K> } = {
	choice: { instruction: () => m.ex_instr_choice(), modelAnswer: rightOption },
	listen_choose: { instruction: () => m.ex_instr_listen_choose(), modelAnswer: rightOption },
	listen_type: { instruction: () => m.ex_instr_listen_type(), modelAnswer: closestAnswer },
	translate: {
		instruction: (targetLanguage) =>
			targetLanguage === 'vi' ? m.ex_instr_translate_vi() : m.ex_instr_translate_lo(),
		modelAnswer: closestAnswer
	},
	build_sentence: {
		instruction: () => m.ex_instr_build_sentence(),
		modelAnswer: (exercise) => exercise.answers[0]
	},
	// The pairs lock as they are matched and the reading options are marked in place.
	match_pairs: { instruction: () => m.ex_instr_match_pairs() },
	fill_gap: { instruction: () => m.ex_instr_fill_gap(), modelAnswer: closestAnswer },
	reading: { instruction: () => m.ex_instr_reading() },
	speak: {
		instruction: () => m.ex_instr_speak(),
		selfChecked: true,
		feedbackNote: (grade, withRecording) =>
			withRecording && grade.correct ? m.ex_speak_sent() : undefined
	}
};

/**
 * The rules of an exercise's kind, typed for any exercise: TypeScript cannot pair `EXERCISE_KIND_RULES[kind]`
 * with an exercise of that same kind (a correlated union), and the registry's type already guarantees it.
 */
export function kindRules(exercise: Exercise): ExerciseKindRules<ExerciseKind> {
	return EXERCISE_KIND_RULES[exercise.kind] as ExerciseKindRules<ExerciseKind>;
}
