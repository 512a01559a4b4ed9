/**
 * Script-independent text clean-up shared by the Vietnamese and Lao engines.
 *
 * Plain TypeScript with no imports: used by both the browser bundle and the server.
 */

/**
 * Format characters (General Category Cf): ZERO WIDTH SPACE U+200B, ZWNJ U+200C, ZWJ U+200D, WORD JOINER U+2060,
 * BOM U+FEFF, SOFT HYPHEN U+00AD, bidi controls… They are invisible, so two answers that look identical can differ
 * only by them. The Windows Lao layout even types U+200B on Shift+Space as a word-break hint.
 * (Unicode Standard §23.2 "Layout Controls"; UAX #44 General_Category.)
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** Removes invisible format characters (see FORMAT_CHARACTERS); they carry no meaning for comparison. */
export function stripFormatCharacters(text: string): string {
	return text.replace(FORMAT_CHARACTERS, '');
}

/** Collapses every run of white space (including NBSP and the other Unicode spaces) to one ASCII space and trims. */
export function collapseWhitespace(text: string): string {
	return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Replaces punctuation and symbols (General Categories P* and S*) with a space, so that "khỏe," or "ຂອບໃຈ." compare
 * equal to the bare word and "chào!Bạn" still splits into two words.
 *
 * A run that sits between two digits is kept ("10.000", "1,5", "10:30"): there it is part of a number, and dropping
 * it would silently turn 1,5 into 15.
 *
 * @param keep characters that are General Category P/S but must survive, e.g. LAO ELLIPSIS ຯ (U+0EAF, gc=Po), which
 *   is an abbreviation letter in Lao text rather than punctuation.
 */
export function replacePunctuation(text: string, keep = ''): string {
	return text.replace(/[\p{P}\p{S}]+/gu, (run, offset: number) => {
		if (isBetweenDigits(text, offset, run.length)) return run;
		if (keep === '') return ' ';
		// Keep the listed characters in place, turn everything else in the run into separators.
		return [...run].map((char) => (keep.includes(char) ? char : ' ')).join('');
	});
}

const DIGIT = /^\p{Nd}$/u;

function isBetweenDigits(text: string, offset: number, length: number): boolean {
	// Lao digits ໐–໙ and ASCII digits are all in the Basic Multilingual Plane, so one UTF-16 unit per side is enough.
	return DIGIT.test(text.charAt(offset - 1)) && DIGIT.test(text.charAt(offset + length));
}
