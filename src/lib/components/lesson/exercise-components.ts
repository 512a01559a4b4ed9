import type { Component } from 'svelte';
import type { Exercise, ExerciseKind } from '$lib/course/types';
import type { KindProps } from './types';

type Loader<K extends ExerciseKind> = () => Promise<{ default: Component<KindProps<K>> }>;

/**
 * The exercise-kind registry, component part: the component that plays each kind, loaded when a lesson needs
 * it (a lesson has a few kinds; the Lao keyboard, Telex input and recorder are the large ones), so the lesson
 * page's first download stays small. The service worker precaches every chunk, so a downloaded lesson still
 * plays offline. Typed per kind, so a kind without a component (or a component for the wrong kind) does not
 * compile; the kind's grader and the rest of its rules are in `$lib/course/grade` and
 * `$lib/course/exercise-kinds`.
 */
export const EXERCISE_COMPONENTS: { readonly [K in ExerciseKind]: Loader<K> } = {
	choice: () => import('./ChoiceExercise.svelte'),
	listen_choose: () => import('./ListenChooseExercise.svelte'),
	listen_type: () => import('./ListenTypeExercise.svelte'),
	translate: () => import('./TranslateExercise.svelte'),
	build_sentence: () => import('./BuildSentenceExercise.svelte'),
	match_pairs: () => import('./MatchPairsExercise.svelte'),
	fill_gap: () => import('./FillGapExercise.svelte'),
	reading: () => import('./ReadingExercise.svelte'),
	speak: () => import('./SpeakExercise.svelte')
};

type AnyKind = Component<KindProps<ExerciseKind>>;
const loaded = new Map<ExerciseKind, AnyKind>();
const loading = new Map<ExerciseKind, Promise<AnyKind>>();

/**
 * The component of an exercise's kind, loaded once per page. Typed for any exercise: TypeScript cannot pair
 * `EXERCISE_COMPONENTS[kind]` with an exercise of that same kind (a correlated union), and the map's type
 * already guarantees it. A failed load (offline before the chunk was cached) is tried again next time.
 */
export function loadComponent(kind: ExerciseKind): Promise<AnyKind> {
	let pending = loading.get(kind);
	if (!pending) {
		pending = (EXERCISE_COMPONENTS[kind] as Loader<ExerciseKind>)().then(
			(module) => {
				loaded.set(kind, module.default as AnyKind);
				return module.default as AnyKind;
			},
			(error: unknown) => {
				loading.delete(kind);
				throw error;
			}
		);
		loading.set(kind, pending);
	}
	return pending;
}

/** The component of the exercise's kind if it is loaded already (then it renders without a wait). */
export function loadedComponent(exercise: Exercise): AnyKind | undefined {
	return loaded.get(exercise.kind);
}

/** Loads the components of every kind in these exercises, e.g. while the learner reads a lesson's start card. */
export async function preloadComponents(exercises: readonly Exercise[]): Promise<void> {
	await Promise.all([...new Set(exercises.map((e) => e.kind))].map((kind) => loadComponent(kind)));
}
