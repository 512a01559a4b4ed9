import { getContext, setContext } from 'svelte';
import type { InputPreferences } from '$lib/learning/input-methods';

/**
 * The learner's account setting for typing (Me → settings), given by the learner area's layout to
 * every Vietnamese and Lao input under it. Elsewhere (an instructor's editor) there is none, and an
 * input keeps the choice remembered on the device.
 */
const KEY = Symbol('input-preferences');

export function provideInputPreferences(current: () => InputPreferences): void {
	setContext(KEY, current);
}

export function accountInputPreferences(): InputPreferences | undefined {
	return getContext<(() => InputPreferences) | undefined>(KEY)?.();
}
