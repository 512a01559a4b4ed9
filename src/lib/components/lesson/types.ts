import type { ExerciseKind, ExerciseOf, TargetLanguage, VocabularyEntry } from '$lib/course/types';

/** What every exercise component needs besides its exercise (the ExercisePlayer's props, passed down). */
export type ExerciseContext = {
	targetLanguage: TargetLanguage;
	/** The course's interface language, for glossText. */
	courseLanguage: 'vi' | 'lo';
	audioSrc: (text: string) => string | undefined;
	vocabulary: VocabularyEntry[];
};

/**
 * Props of a kind component: it sets `response` (undefined while the answer is incomplete, which keeps Check
 * disabled); `checked` is true once graded (inputs lock, right answers show). A kind that checks itself (see
 * `selfChecked` in `$lib/course/exercise-kinds`) calls `oncheck` once it has set `response`; a kind that
 * records sets `recording`, sent with the result.
 */
export type KindProps<K extends ExerciseKind> = {
	exercise: ExerciseOf<K>;
	context: ExerciseContext;
	response?: unknown;
	recording?: Blob;
	checked: boolean;
	oncheck: () => void;
};

/** `lang` of a course text: Lao script is 'lo'; anything else in these courses is Vietnamese. */
export function textLang(text: string | undefined): 'vi' | 'lo' {
	return text && /[\u0E80-\u0EFF]/.test(text) ? 'lo' : 'vi';
}
