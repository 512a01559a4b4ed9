/**
 * Spell-checking of Vietnamese and Lao text against hunspell word lists (the content gate of `npm test`).
 * Pure: the caller loads the dictionaries (Vietnamese from the `dictionary-vi` package, Lao from Debian's
 * `hunspell-lo`) and passes their words in.
 *
 * - Vietnamese is checked syllable by syllable (the hunspell dictionary lists syllables). Both common tone
 *   placements (hòa / hoà, khỏe / khoẻ) are correct, so words are compared in one canonical spelling.
 * - Lao has no spaces between words: text is split with `Intl.Segmenter` (via `segmentLao`), and a segment is
 *   accepted when it is a dictionary word or can be cut into dictionary words (the segmenter and hunspell do
 *   not always agree on where compounds end). A misspelling leaves a piece no dictionary word covers.
 */
import { segmentLao, normalizeLao } from './lo';
import { canonicalToneSpelling } from './vi-syllable';

export type SpellingLanguage = 'vi' | 'lo';

/** One string to check, with where it came from (for the report). */
export type TextSample = { language: SpellingLanguage; text: string; where: string };

export type Misspelling = { word: string; language: SpellingLanguage; where: string };

const LAO_RUN = /[\u0E80-\u0EFF]+(?:[\s\u200B]*[\u0E80-\u0EFF]+)*/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{M}]+/gu;
const HAS_LATIN = /\p{Script=Latin}/u;
/** Paraglide placeholders such as `{count}`: code, not language. */
const PLACEHOLDER = /\{[^}]*\}/gu;

/** Keys of content files whose values are not Vietnamese or Lao prose. */
const NOT_PROSE = new Set([
	'id',
	'kind',
	'skill',
	'romanization',
	'picture',
	'note',
	'instruction',
	'language',
	'version',
	'targetLanguage',
	'interfaceLanguage',
	'levels',
	'en',
	'passageId',
	'retired'
]);

/**
 * Every Vietnamese and Lao string in a parsed content file: Lao-script runs are Lao; Latin-script text is
 * Vietnamese unless it sits under an English gloss or a non-prose key.
 */
export function contentSamples(value: unknown, where: string): TextSample[] {
	const samples: TextSample[] = [];
	const walk = (node: unknown, path: string, key: string | undefined) => {
		if (key !== undefined && NOT_PROSE.has(key)) return;
		if (typeof node === 'string') samples.push(...splitByScript(node, path));
		else if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}[${i}]`, key));
		else if (node && typeof node === 'object')
			for (const [k, child] of Object.entries(node)) walk(child, `${path}.${k}`, k);
	};
	walk(value, where, undefined);
	return samples;
}

/**
 * The syllables of every `romanization` in a content file (`xá bảai đỉi` → xá, bảai, đỉi): a Lao course's
 * Vietnamese glosses quote them to show how a word is read, and they are the course's own spelling, not
 * Vietnamese.
 */
export function romanizationSyllables(value: unknown): string[] {
	const found: string[] = [];
	const walk = (node: unknown, key: string | undefined) => {
		if (typeof node === 'string') {
			if (key === 'romanization') found.push(...(node.normalize('NFC').match(LATIN_WORD) ?? []));
		} else if (Array.isArray(node)) node.forEach((child) => walk(child, key));
		else if (node && typeof node === 'object')
			for (const [k, child] of Object.entries(node)) walk(child, k);
	};
	walk(value, undefined);
	return found;
}

/** A message file (`messages/vi.json`, `messages/lo.json`): every value, placeholders removed. */
export function messageSamples(messages: Record<string, unknown>, where: string): TextSample[] {
	return Object.entries(messages)
		.filter(([key, value]) => !key.startsWith('$') && typeof value === 'string')
		.flatMap(([key, value]) =>
			splitByScript((value as string).replace(PLACEHOLDER, ' '), `${where}:${key}`)
		);
}

/** Splits a string into its Lao-script part and its Latin-script (Vietnamese) part. */
export function splitByScript(text: string, where: string): TextSample[] {
	const lao = text.match(LAO_RUN) ?? [];
	const latin = text.replace(LAO_RUN, ' ');
	const samples: TextSample[] = lao.map((run) => ({ language: 'lo', text: run, where }));
	if (HAS_LATIN.test(latin)) samples.push({ language: 'vi', text: latin, where });
	return samples;
}

/**
 * The words of a sample as the checker looks them up. Numbers are not words, and a lone letter is one the
 * script lessons teach (ກ, ໆ, đ, â), not a misspelling.
 */
export function wordsOf(sample: TextSample): string[] {
	const words =
		sample.language === 'lo'
			? segmentLao(sample.text)
			: Array.from(sample.text.normalize('NFC').matchAll(LATIN_WORD), ([word]) => word);
	return words.filter(isWord);
}

function isWord(token: string): boolean {
	return !/\p{N}/u.test(token) && [...token].length > 1;
}

export type SpellChecker = { misspellings: (samples: TextSample[]) => Misspelling[] };

/**
 * A checker over the given word lists. `allow` lists reviewed exceptions (names, abbreviations, single Lao
 * letters taught in the script lessons), per language; Vietnamese matching ignores case.
 */
export function createSpellChecker(options: {
	vietnamese: Iterable<string>;
	lao: Iterable<string>;
	allow?: { vi?: Iterable<string>; lo?: Iterable<string> };
}): SpellChecker {
	// The dictionary spells oa/oe/uy syllables one way (hoà); the other placement (hòa) is correct too, but a
	// tone on any other vowel (chaò) is not: add each word's canonical spelling, never canonicalize the input.
	const viKey = (word: string) => word.normalize('NFC').toLowerCase();
	const vi = new Set<string>();
	for (const word of [...options.vietnamese, ...(options.allow?.vi ?? [])]) {
		vi.add(viKey(word));
		vi.add(canonicalToneSpelling(viKey(word)));
	}
	const lo = new Set<string>();
	for (const word of [...options.lao, ...(options.allow?.lo ?? [])]) lo.add(normalizeLao(word));
	const longestLao = Math.max(1, ...[...lo].map((w) => w.length));

	/** Whether `word` is a dictionary word or a sequence of them (dynamic programming over cut points). */
	const laoKnown = (word: string): boolean => {
		if (lo.has(word)) return true;
		const reachable = new Array<boolean>(word.length + 1).fill(false);
		reachable[0] = true;
		for (let end = 1; end <= word.length; end++) {
			for (let start = Math.max(0, end - longestLao); start < end && !reachable[end]; start++)
				reachable[end] = reachable[start] && lo.has(word.slice(start, end));
		}
		return reachable[word.length];
	};

	/**
	 * The segmenter sometimes cuts a word in the wrong place (ຂໍ້ຄ|ວາມ for ຂໍ້|ຄວາມ, ເຊີ|ບ|ເວີ for ເຊີບເວີ): a piece is
	 * accepted when it, or a run of up to four pieces around it, is covered by dictionary words.
	 */
	const laoPieceKnown = (pieces: string[], i: number): boolean => {
		for (let start = Math.max(0, i - 2); start <= i; start++)
			for (let end = i + 1; end <= Math.min(pieces.length, start + 4); end++)
				if (laoKnown(normalizeLao(pieces.slice(start, end).join('')))) return true;
		return false;
	};

	return {
		misspellings(samples) {
			const found: Misspelling[] = [];
			const report = (word: string, sample: TextSample) =>
				found.push({ word, language: sample.language, where: sample.where });
			for (const sample of samples) {
				if (sample.language === 'vi') {
					for (const word of wordsOf(sample)) if (!vi.has(viKey(word))) report(word, sample);
					continue;
				}
				const pieces = segmentLao(sample.text);
				pieces.forEach((piece, i) => {
					if (isWord(piece) && !laoPieceKnown(pieces, i)) report(piece, sample);
				});
			}
			return found;
		}
	};
}

/** Reads a hunspell `.dic` file's words (first line is the count; `/FLAGS` after a word are dropped). */
export function hunspellWords(dic: string): string[] {
	return dic
		.split('\n')
		.slice(1)
		.map((line) => line.split('/')[0].trim())
		.filter((word) => word !== '');
}
