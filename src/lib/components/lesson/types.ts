import type { Exercise, ExerciseKind, TargetLanguage, VocabularyEntry } from '$lib/course/types';

/** What every exercise component needs besides its exercise (the ExercisePlayer's props, passed down). */
export type ExerciseContext = {
	targetLanguage: TargetLanguage;
	/** The course's interface language, for glossText. */
	courseLanguage: 'vi' | 'lo';
	audioSrc: (text: string) => string | undefined;
	vocabulary: VocabularyEntry[];
};

export type ExerciseOf<K extends ExerciseKind> = Extract<Exercise, { kind: K }>;

/**
 * Props of a kind component: it sets `response` (undefined while the answer is incomplete, which keeps Check
 * disabled); `checked` is true once graded (inputs lock, right answers show).
 */
export type KindProps<K extends ExerciseKind> = {
	exercise: ExerciseOf<K>;
	context: ExerciseContext;
	response?: unknown;
	checked: boolean;
};

/** `lang` of a course text: Lao script is 'lo'; anything else in these courses is Vietnamese. */
export function textLang(text: string | undefined): 'vi' | 'lo' {
	return text && /[\u0E80-\u0EFF]/.test(text) ? 'lo' : 'vi';
}
