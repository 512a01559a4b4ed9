import type { Component } from 'svelte';
import type { Exercise, ExerciseKind } from '$lib/course/types';
import type { KindProps } from './types';
import ChoiceExercise from './ChoiceExercise.svelte';
import ListenChooseExercise from './ListenChooseExercise.svelte';
import ListenTypeExercise from './ListenTypeExercise.svelte';
import TranslateExercise from './TranslateExercise.svelte';
import BuildSentenceExercise from './BuildSentenceExercise.svelte';
import MatchPairsExercise from './MatchPairsExercise.svelte';
import FillGapExercise from './FillGapExercise.svelte';
import ReadingExercise from './ReadingExercise.svelte';
import SpeakExercise from './SpeakExercise.svelte';

/**
 * The exercise-kind registry, component part: the component that plays each kind. Typed per kind, so a kind
 * without a component (or a component for the wrong kind) does not compile; the kind's grader and the rest of
 * its rules are in `$lib/course/grade` and `$lib/course/exercise-kinds`.
 */
export const EXERCISE_COMPONENTS: { readonly [K in ExerciseKind]: Component<KindProps<K>> } = {
	choice: ChoiceExercise,
	listen_choose: ListenChooseExercise,
	listen_type: ListenTypeExercise,
	translate: TranslateExercise,
	build_sentence: BuildSentenceExercise,
	match_pairs: MatchPairsExercise,
	fill_gap: FillGapExercise,
	reading: ReadingExercise,
	speak: SpeakExercise
};

/**
 * The component of an exercise's kind, typed for any exercise: TypeScript cannot pair
 * `EXERCISE_COMPONENTS[kind]` with an exercise of that same kind (a correlated union), and the map's type
 * already guarantees it.
 */
export function componentOf(exercise: Exercise): Component<KindProps<ExerciseKind>> {
	return EXERCISE_COMPONENTS[exercise.kind] as Component<KindProps<ExerciseKind>>;
}
