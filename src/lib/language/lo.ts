/**
 * Lao answer engine: canonical form, grading, word segmentation and keyboard composition.
 *
 * Lao needs its own rules because Unicode normalization does almost nothing for it (Unicode Standard, chapter 16
 * "Southeast Asia", section Lao; UAX #15): most vowel signs have canonical combining class 0, so NFC keeps a tone
 * mark typed before a vowel sign as a different string; NFKC splits ຳ into ໍ + າ and ໜ/ໝ into ຫນ/ຫມ but never
 * joins them back; ຫຼ/ຫລ and the Lao digits have no mapping at all (see /work/shared/data/language/README.md).
 *
 * Plain TypeScript with no imports outside this folder: used by both the browser bundle and the server.
 */
import { collapseWhitespace, replacePunctuation, stripFormatCharacters } from './text';

export {
	LAO_KEYBOARD,
	LAO_KEYS_BY_CODE,
	type LaoKey,
	type LaoKeyboardLayout
} from './lao-keyboard';

const SARA_AM = '\u0EB3'; // ຳ
const NIGGAHITA = '\u0ECD'; // ໍ
const SARA_AA = '\u0EB2'; // າ
const HO_SUNG = '\u0EAB'; // ຫ
const LO_LOOT = '\u0EA5'; // ລ
const SEMIVOWEL_LO = '\u0EBC'; // ◌ຼ
const ELLIPSIS = '\u0EAF'; // ຯ, General Category Po but an abbreviation letter in Lao text

/** Lao combining marks: vowel signs U+0EB1, U+0EB4–U+0EBC; tone marks U+0EC8–U+0ECB; ໌ ໍ ໎ U+0ECC–U+0ECE. */
const LAO_MARK = /[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]/;
const LAO_MARK_RUN = /[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]+/g;
const MARKS_AFTER_AM = /\u0ECD\u0EB2([\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]+)/g;

/**
 * Canonical order of the marks on one consonant, matching how standard Lao text is stored (and how the Windows Lao
 * layout types the two-mark keys): ◌ຼ, then the vowel sign above/below, then the tone mark, then ໌ and ໎.
 *
 * ໍ (U+0ECD) has two roles. As the vowel "o" (ບໍ່, ຂໍ) it is stored like a vowel sign, before the tone: that is what
 * Shift+= types (ໍ + ່) and the only order the ICU Lao word dictionary recognises. As the first half of ຳ
 * (U+0EB3 = ໍ + າ under NFKC) it goes after the tone (ນ້ຳ = ນ ້ ຳ), and is recomposed into ຳ afterwards.
 */
const MARK_RANK = { semivowel: 0, vowel: 1, tone: 2, other: 3, amFirstHalf: 4 } as const;

function markRank(mark: string, beforeSaraAa: boolean): number {
	if (mark === SEMIVOWEL_LO) return MARK_RANK.semivowel;
	if (mark === NIGGAHITA) return beforeSaraAa ? MARK_RANK.amFirstHalf : MARK_RANK.vowel;
	if (mark >= '\u0EC8' && mark <= '\u0ECB') return MARK_RANK.tone;
	if (mark === '\u0ECC' || mark === '\u0ECE') return MARK_RANK.other;
	return MARK_RANK.vowel;
}

/**
 * Puts every run of Lao combining marks into the canonical order above and writes ຳ as one code point. Text typed
 * in a different order (tone before vowel sign, ໍ + ່ vs ່ + ໍ, ໍ + າ for ຳ, tone after ຳ) comes out the same.
 * Only marks are moved, so the result is what the text looked like on screen.
 */
export function orderLaoMarks(text: string): string {
	const decomposed = text
		.replaceAll(SARA_AM, NIGGAHITA + SARA_AA)
		// ຳ is a spacing vowel that takes no mark of its own: a tone typed after it (ນ ຳ ້) belongs to the consonant.
		.replace(MARKS_AFTER_AM, (_match, marks: string) => marks + NIGGAHITA + SARA_AA);
	const ordered = decomposed.replace(LAO_MARK_RUN, (run, offset: number) => {
		const beforeSaraAa = decomposed.charAt(offset + run.length) === SARA_AA;
		return [...run]
			.map((mark, index) => ({ mark, index, rank: markRank(mark, beforeSaraAa) }))
			.sort((a, b) => a.rank - b.rank || a.index - b.index)
			.map(({ mark }) => mark)
			.join('');
	});
	return ordered.replaceAll(NIGGAHITA + SARA_AA, SARA_AM);
}

/**
 * Spelling variants that are the same word, written the way modern Lao text and the Lao keyboard write them:
 * - ຫນ → ໜ (U+0EDC) and ຫມ → ໝ (U+0EDD): the ligatures and the two-letter spellings are both in everyday use
 *   (phrases.json: ໜຶ່ງ/ຫນຶ່ງ, ໃໝ່/ໃຫມ່);
 * - ຫລ → ຫຼ (ຫ + U+0EBC): DECISION: treated as the same word. ◌ຼ is the modern spelling (Shift+] on the Lao layout)
 *   and ຫລ the older or keyboard-less one (phrases.json accepts ຂອບໃຈຫລາຍໆ for ຂອບໃຈຫຼາຍໆ). Since ຫ is never a
 *   final consonant and modern spelling writes every vowel, ຫ directly followed by ລ cannot be two syllables.
 */
function unifyHoSungClusters(text: string): string {
	return text
		.replaceAll(HO_SUNG + '\u0E99', '\u0EDC')
		.replaceAll(HO_SUNG + '\u0EA1', '\u0EDD')
		.replaceAll(HO_SUNG + LO_LOOT, HO_SUNG + SEMIVOWEL_LO);
}

/** Lao digits ໐–໙ (U+0ED0–U+0ED9) → 0–9: both are used for the same numbers. */
function toAsciiDigits(text: string): string {
	return text.replace(/[\u0ED0-\u0ED9]/g, (digit) => String(digit.charCodeAt(0) - 0x0ed0));
}

/**
 * Canonical form of Lao text for comparing answers and as a dictionary key. Two answers that a Lao reader sees as
 * the same text get the same form:
 * - NFC, then invisible format characters removed (ZWSP U+200B from Shift+Space, ZWJ/ZWNJ, soft hyphen);
 * - combining marks in one order and ຳ as one code point (see {@link orderLaoMarks}): ນ້ຳ typed as ນ ້ ໍ າ,
 *   ນ ໍ ້ າ, ນ ຳ ້ or ນ ້ ຳ; ເຂົ້າ with the tone typed before ົ; ບໍ່ with ່ before ໍ;
 * - ຫນ/ໜ, ຫມ/ໝ and ຫລ/ຫຼ unified (decision documented in {@link unifyHoSungClusters}: ຫລ and ຫຼ are equal);
 * - Lao digits ໐–໙ as ASCII 0–9; Latin letters in lowercase;
 * - punctuation and symbols turned into spaces (kept between digits), white space collapsed and trimmed.
 *   ໆ (U+0EC6, repetition mark, changes meaning) and ຯ (U+0EAF, abbreviation) are letters and are always kept.
 *
 * Single spaces are kept because Lao uses them between phrases; {@link gradeLao} ignores them.
 */
export function normalizeLao(text: string): string {
	const cleaned = stripFormatCharacters(text.normalize('NFC'));
	const spelled = unifyHoSungClusters(orderLaoMarks(toAsciiDigits(cleaned)));
	return collapseWhitespace(replacePunctuation(spelled.toLowerCase(), ELLIPSIS));
}

/** Lao has no tone/diacritic verdicts: a different tone mark or vowel sign is a different word. */
export type LaoVerdict = 'correct' | 'wrong';

/**
 * Grades a typed Lao answer: 'correct' when it equals the expected text after {@link normalizeLao} and with all
 * spaces removed. Spaces are ignored because Lao writes words together and puts spaces only between phrases, where
 * learners place them inconsistently (phrases.json accepts both ຂອບໃຈຫຼາຍໆ and ຂອບໃຈຫຼາຍ ໆ). Anything else is
 * 'wrong'; a wrong or missing tone mark or ໆ is a different word in Lao.
 */
export function gradeLao(expected: string, answer: string): { verdict: LaoVerdict } {
	const same = withoutSpaces(normalizeLao(expected)) === withoutSpaces(normalizeLao(answer));
	return { verdict: same ? 'correct' : 'wrong' };
}

function withoutSpaces(text: string): string {
	return text.replaceAll(' ', '');
}

let wordSegmenter: Intl.Segmenter | null | undefined;

function laoWordSegmenter(): Intl.Segmenter | null {
	if (wordSegmenter === undefined) {
		wordSegmenter =
			typeof Intl.Segmenter === 'function'
				? new Intl.Segmenter('lo', { granularity: 'word' })
				: null;
	}
	return wordSegmenter;
}

/** A segment worth showing as a word: it contains a letter, mark, digit or ຯ (so ໆ on its own counts). */
const WORD_CONTENT = /[\p{L}\p{M}\p{N}\u0EAF]/u;

/**
 * Splits Lao text into words for tap-to-look-up: {@link normalizeLao}, then the ICU dictionary-based word breaker
 * through `Intl.Segmenter('lo', { granularity: 'word' })` (UAX #29 with ICU's Lao dictionary), keeping segments
 * that contain letters or digits. Returned segments are of the NORMALIZED text; joined they give it back without
 * its spaces (and without symbols).
 *
 * The dictionary splits some compounds and names (ສະບາຍດີ can come back whole or as ສະ/ບາຍ/ດີ depending on the
 * context), and ໆ is usually its own segment: use `findLongestMatches` from ./lookup.ts to join neighbours into the
 * longest dictionary entry. Where `Intl.Segmenter` is missing (Firefox before 125), the text is split at spaces only.
 */
export function segmentLao(text: string): string[] {
	const normalized = normalizeLao(text);
	const segmenter = laoWordSegmenter();
	if (!segmenter) return normalized === '' ? [] : normalized.split(' ');
	return Array.from(segmenter.segment(normalized), ({ segment }) => segment).filter((segment) =>
		WORD_CONTENT.test(segment)
	);
}

/** Result of {@link insertLaoKey}: the new text and where the caret goes. */
export interface ComposedLaoText {
	text: string;
	caret: number;
}

/**
 * Inserts what an on-screen (or physical) Lao key types at the caret, then puts the marks on the consonant before
 * the caret into canonical order, so a learner may tap the tone before the vowel sign (ກ ່ ິ → ກິ່) and ໍ then າ
 * still gives ຳ. Only the consonant-plus-marks clusters touching the caret are reordered; the rest of the text stays
 * exactly as it was.
 *
 * `caret` is a UTF-16 index, as `HTMLInputElement.selectionStart`; out-of-range values are clamped.
 */
export function insertLaoKey(text: string, caret: number, char: string): ComposedLaoText {
	const at = Math.min(Math.max(caret, 0), text.length);
	const inserted = text.slice(0, at) + char + text.slice(at);
	const end = at + char.length;
	const start = clusterStart(inserted, at);
	const stop = clusterEnd(inserted, end);
	const cluster = inserted.slice(start, stop);
	const ordered = orderLaoMarks(cluster);
	// Recomposing ໍ + າ into ຳ shortens the cluster; keep the caret after the same characters.
	const caretInCluster = orderLaoMarks(inserted.slice(start, end)).length;
	return {
		text: inserted.slice(0, start) + ordered + inserted.slice(stop),
		caret: start + Math.min(caretInCluster, ordered.length)
	};
}

/** Start of the base consonant (or vowel) whose marks end at `index` (a ໍ there may join an inserted າ into ຳ). */
function clusterStart(text: string, index: number): number {
	let start = index;
	while (start > 0 && LAO_MARK.test(text.charAt(start - 1))) start--;
	return Math.max(0, start - 1);
}

/** End of the marks that follow `index`, plus a following າ that may join a ໍ into ຳ. */
function clusterEnd(text: string, index: number): number {
	let end = index;
	while (end < text.length && LAO_MARK.test(text.charAt(end))) end++;
	return text.charAt(end) === SARA_AA ? end + 1 : end;
}
