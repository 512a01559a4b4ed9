/**
 * How a learner types the language they learn, kept with the account (Me → settings) and applied by
 * the text inputs of lessons and reviews (`$lib/components/language/input-preferences.ts`):
 * Vietnamese with Telex, VNI or the phone's own keyboard (`off`: nothing converted); Lao with the
 * on-screen Lao keyboard shown or hidden when an input opens.
 */
import type { InputMethod } from '$lib/language/vi';

export const VIETNAMESE_INPUT_METHODS = ['telex', 'vni', 'off'] as const;
export type VietnameseInputMethod = InputMethod | 'off';

export type InputPreferences = { vietnamese: VietnameseInputMethod; laoKeyboard: boolean };

/** Telex is what Vietnamese teachers of Lao cadres use; the Lao keyboard helps a phone without one. */
export const DEFAULT_INPUT_PREFERENCES: InputPreferences = {
	vietnamese: 'telex',
	laoKeyboard: true
};

/** A stored value read back: anything unknown is the default, never an error. */
export function vietnameseInputMethod(value: string | null | undefined): VietnameseInputMethod {
	return (VIETNAMESE_INPUT_METHODS as readonly string[]).includes(value ?? '')
		? (value as VietnameseInputMethod)
		: DEFAULT_INPUT_PREFERENCES.vietnamese;
}

/**
 * Which of the two settings a learner is shown: the languages of their courses; before any
 * course, both (a Lao or Vietnamese interface does not say which language they will study).
 */
export function inputLanguagesOf(courseLanguages: readonly ('vi' | 'lo')[]): ('vi' | 'lo')[] {
	const set = new Set(courseLanguages);
	return set.size === 0 ? ['vi', 'lo'] : (['vi', 'lo'] as const).filter((l) => set.has(l));
}
