/**
 * Applies the Telex/VNI input method to an edit of a text field, for input handlers that only see the value
 * before and after (mobile keyboards compose words and fire `input` without a usable `beforeinput`).
 *
 * Plain TypeScript with no imports outside this folder.
 */
import { typeKey, type InputMethod, type TypedText } from './vi-ime';

/**
 * If `current` is `previous` with characters inserted just before `caret` (a key press, or a word committed by a
 * mobile keyboard's composition), re-types those characters through {@link typeKey} at the same place, so
 * "Vieej" + "t" gives "Việt" and a committed "Vieejt" does too, in the middle of the text as well as at the end.
 * Returns null when the edit is anything else (a deletion, a replaced selection, an autocorrection), which the
 * caller keeps as the browser made it: backspace and editing in the middle never go through the input method.
 */
export function applyImeToEdit(
	previous: string,
	current: string,
	caret: number,
	method: InputMethod
): TypedText | null {
	const inserted = current.length - previous.length;
	const start = caret - inserted;
	if (inserted <= 0 || start < 0 || caret > current.length) return null;
	if (current.slice(0, start) !== previous.slice(0, start)) return null;
	if (current.slice(caret) !== previous.slice(start)) return null;
	let result: TypedText = { text: previous, caret: start };
	for (const char of current.slice(start, caret)) {
		result = typeKey(result.text, result.caret, char, method);
	}
	return result;
}
