import type { Exercise, ExerciseKind } from '$lib/course/types';

/**
 * What one exercise of each kind takes a learner, in seconds, for the "about N minutes" of a lesson's start
 * card. Our own rough figures (no study measured them yet): choosing is quick, typing with Telex or the
 * on-screen Lao keyboard and recording take longer, a reading text longest. One entry per kind, so a new
 * kind does not compile until it has one.
 */
export const SECONDS_BY_KIND: { readonly [K in ExerciseKind]: number } = {
	choice: 20,
	listen_choose: 30,
	match_pairs: 45,
	fill_gap: 40,
	build_sentence: 45,
	listen_type: 60,
	translate: 60,
	speak: 60,
	reading: 120
};

/** Minutes a lesson's exercises take (rounded up, at least one). */
export function lessonMinutes(exercises: readonly Pick<Exercise, 'kind'>[]): number {
	const seconds = exercises.reduce((total, exercise) => total + SECONDS_BY_KIND[exercise.kind], 0);
	return Math.max(1, Math.ceil(seconds / 60));
}
