/**
 * Vietnamese answer engine: canonical form, syllable-level grading and tone lookup. The Telex/VNI input method is
 * in ./vi-ime.ts and re-exported here, so UI code imports everything Vietnamese from `$lib/language/vi`.
 *
 * Plain TypeScript with no imports outside this folder: used by both the browser bundle and the server.
 */
import { collapseWhitespace, replacePunctuation, stripFormatCharacters } from './text';
import { canonicalToneSpelling, splitTone, stripAllMarks, type Tone } from './vi-syllable';

export type { Tone } from './vi-syllable';
export { applyKeystroke, telexToVietnamese, typeKey, type InputMethod } from './vi-ime';

/**
 * Canonical form of Vietnamese text, for comparing answers and as a dictionary key:
 * - Unicode NFC, so precomposed (ệ U+1EC7) and decomposed (e + U+0323 + U+0302) input compare equal
 *   (Unicode Standard §3.11, UAX #15); deprecated tone marks U+0340/U+0341 are folded by NFC too;
 * - lowercase; Icelandic eth Ð/ð (U+00D0/U+00F0), which legacy keyboards and fonts sometimes produce for Đ,
 *   becomes đ;
 * - one tone-mark spelling: "hoà"/"hòa", "khoẻ"/"khỏe", "thuỷ"/"thủy" and mis-placed marks like "qúy" all become the
 *   spelling with the tone on the vowel chosen by `toneVowelIndex` in ./vi-syllable.ts (here: hòa, khỏe, thủy, quý).
 *   Both printed spellings are correct Vietnamese; which one is called "old" varies by tool, so callers should never
 *   rely on which one comes out, only on equality;
 * - invisible format characters (ZWSP, ZWJ, soft hyphen…) removed, punctuation and symbols turned into spaces
 *   (except between digits, "10.000"), white space collapsed to single spaces and trimmed.
 *
 * Words that are not Vietnamese syllables (names, loanwords) are only lowercased and NFC-normalized.
 */
export function normalizeVietnamese(text: string): string {
	return toSyllables(text)
		.map((syllable) => comparisonKey(syllable))
		.join(' ');
}

/**
 * Splits Vietnamese text into its written syllables, in NFC with the writer's case and tone spelling kept, without
 * punctuation. Useful for tap-to-look-up: join neighbours with a space and look them up with
 * `findLongestMatches(segments, has, { joiner: ' ' })` from ./lookup.ts (Vietnamese words are written as
 * space-separated syllables, e.g. "Việt Nam", "cảm ơn").
 */
export function segmentVietnamese(text: string): string[] {
	return toSyllables(text);
}

/**
 * The tone of one syllable, read from its tone mark wherever it was written (any Unicode form, any case).
 * A syllable without a tone mark is 'ngang'; if a malformed syllable has several marks, the first one counts.
 */
export function toneOf(syllable: string): Tone {
	return splitTone(syllable).tones[0] ?? 'ngang';
}

/** Verdicts of {@link gradeVietnamese}, from best to worst. */
export type VietnameseVerdict = 'correct' | 'tone_error' | 'diacritic_error' | 'wrong';

/** One differing syllable found by {@link gradeVietnamese}. */
export interface VietnameseSyllableError {
	/**
	 * 0-based syllable index in the expected text. For an extra syllable in the answer, the index of the expected
	 * syllable it stands before (equal to the number of expected syllables when it is at the end).
	 */
	index: number;
	/** The expected syllable as written (NFC, no punctuation, case kept); '' for an extra syllable in the answer. */
	expected: string;
	/** The answer's syllable as written; '' when the answer left the expected syllable out. */
	given: string;
	/** Present, with `givenTone`, when both syllables have the same base letters and different tones. */
	expectedTone?: Tone;
	givenTone?: Tone;
}

/** Result of {@link gradeVietnamese}. */
export interface VietnameseGrade {
	verdict: VietnameseVerdict;
	errors: VietnameseSyllableError[];
}

/**
 * Grades a typed Vietnamese answer syllable by syllable, so feedback can say "right word, wrong tone" instead of
 * just "wrong". Both texts go through {@link normalizeVietnamese} first, so Unicode form, tone-mark placement
 * (hòa/hoà), case, punctuation and extra spaces never count as mistakes.
 *
 * Verdicts:
 * - 'correct': every syllable equal after normalization (`errors` is empty);
 * - 'tone_error': same syllables and same letters, only tones differ; each error carries `expectedTone`/`givenTone`;
 * - 'diacritic_error': same syllables and same base letters, at least one vowel-quality or đ difference
 *   (ă â ê ô ơ ư đ vs a e o u d); tone differences may come with it and are reported as above;
 * - 'wrong': different base letters, or missing/extra syllables.
 *
 * Errors of a 'wrong' answer come from a minimum-edit alignment of the two syllable lists (substitute, leave out,
 * add), so a missing word is reported at its place (`given: ''`), an added word as `expected: ''`, and the
 * syllables that were right are not reported. For a diacritic or tone error, only the differing syllables are listed.
 */
export function gradeVietnamese(expected: string, answer: string): VietnameseGrade {
	const expectedSyllables = toSyllables(expected).map(describeSyllable);
	const givenSyllables = toSyllables(answer).map(describeSyllable);
	const steps = alignSyllables(expectedSyllables, givenSyllables);
	return { verdict: verdictOf(steps), errors: steps.flatMap(errorOf) };
}

/** A syllable as written plus the three comparison keys, from strictest to loosest. */
interface SyllableView {
	written: string;
	/** Normalized: lowercase, canonical tone spelling. Equal keys mean the syllable is right. */
	key: string;
	/** `key` without its tone: equal means only the tone differs. */
	toneless: string;
	/** `key` without any diacritic, đ as d: equal means only diacritics differ. */
	bare: string;
	tone: Tone;
}

function describeSyllable(written: string): SyllableView {
	const key = comparisonKey(written);
	const { toneless, tones } = splitTone(key);
	return { written, key, toneless, bare: stripAllMarks(toneless), tone: tones[0] ?? 'ngang' };
}

function toSyllables(text: string): string[] {
	const cleaned = replacePunctuation(stripFormatCharacters(text.normalize('NFC')));
	const collapsed = collapseWhitespace(cleaned);
	return collapsed === '' ? [] : collapsed.split(' ');
}

function comparisonKey(syllable: string): string {
	const lower = syllable.normalize('NFC').toLowerCase().replace(/ð/g, 'đ');
	return canonicalToneSpelling(lower);
}

/** How an expected syllable relates to the answer after alignment. */
type AlignmentStep =
	| { kind: 'pair'; index: number; expected: SyllableView; given: SyllableView }
	| { kind: 'missing'; index: number; expected: SyllableView }
	| { kind: 'extra'; index: number; given: SyllableView };

/** Edit costs: a near miss (same base letters) is cheaper than a different word, so alignment prefers to pair them. */
const COST = { same: 0, nearMiss: 1, different: 2, gap: 2 } as const;

function pairCost(a: SyllableView, b: SyllableView): number {
	if (a.key === b.key) return COST.same;
	return a.bare === b.bare ? COST.nearMiss : COST.different;
}

/**
 * Minimum-cost alignment of two syllable lists (Wagner–Fischer edit distance over syllables, with the costs above).
 * Syllable lists are sentence-sized, so the quadratic table is small.
 */
function alignSyllables(expected: SyllableView[], given: SyllableView[]): AlignmentStep[] {
	const rows = expected.length + 1;
	const cols = given.length + 1;
	const cost: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
	for (let i = 0; i < rows; i++) cost[i][0] = i * COST.gap;
	for (let j = 0; j < cols; j++) cost[0][j] = j * COST.gap;
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			cost[i][j] = Math.min(
				cost[i - 1][j - 1] + pairCost(expected[i - 1], given[j - 1]),
				cost[i - 1][j] + COST.gap,
				cost[i][j - 1] + COST.gap
			);
		}
	}
	return traceBack(cost, expected, given);
}

function traceBack(
	cost: number[][],
	expected: SyllableView[],
	given: SyllableView[]
): AlignmentStep[] {
	const steps: AlignmentStep[] = [];
	let i = expected.length;
	let j = given.length;
	while (i > 0 || j > 0) {
		if (
			i > 0 &&
			j > 0 &&
			cost[i][j] === cost[i - 1][j - 1] + pairCost(expected[i - 1], given[j - 1])
		) {
			steps.push({ kind: 'pair', index: i - 1, expected: expected[i - 1], given: given[j - 1] });
			i--;
			j--;
		} else if (i > 0 && cost[i][j] === cost[i - 1][j] + COST.gap) {
			steps.push({ kind: 'missing', index: i - 1, expected: expected[i - 1] });
			i--;
		} else {
			steps.push({ kind: 'extra', index: i, given: given[j - 1] });
			j--;
		}
	}
	return steps.reverse();
}

function verdictOf(steps: AlignmentStep[]): VietnameseVerdict {
	let verdict: VietnameseVerdict = 'correct';
	for (const step of steps) {
		if (step.kind !== 'pair' || step.expected.bare !== step.given.bare) return 'wrong';
		if (step.expected.toneless !== step.given.toneless) verdict = 'diacritic_error';
		else if (step.expected.key !== step.given.key && verdict === 'correct') verdict = 'tone_error';
	}
	return verdict;
}

function errorOf(step: AlignmentStep): VietnameseSyllableError[] {
	if (step.kind === 'missing')
		return [{ index: step.index, expected: step.expected.written, given: '' }];
	if (step.kind === 'extra')
		return [{ index: step.index, expected: '', given: step.given.written }];
	const { expected, given } = step;
	if (expected.key === given.key) return [];
	const error: VietnameseSyllableError = {
		index: step.index,
		expected: expected.written,
		given: given.written
	};
	if (expected.bare === given.bare && expected.tone !== given.tone) {
		error.expectedTone = expected.tone;
		error.givenTone = given.tone;
	}
	return [error];
}
