/**
 * Vietnamese syllable anatomy shared by the grader (./vi.ts) and the Telex/VNI input method (./vi-ime.ts).
 *
 * A written Vietnamese syllable is: initial consonant + vowel cluster + final consonant, plus at most one tone mark
 * written on one vowel of the cluster. Tone marks and vowel-quality marks are different things:
 * - tone marks (the six tones): none (ngang), grave ◌̀ (huyền), acute ◌́ (sắc), hook above ◌̉ (hỏi), tilde ◌̃ (ngã),
 *   dot below ◌̣ (nặng);
 * - quality marks make different letters of the alphabet: breve ă, circumflex â ê ô, horn ơ ư, and the stroke of đ.
 *
 * (Wikipedia "Vietnamese alphabet", sections Diacritics and Tone marks; D. Trương, "Vietnamese Typography",
 * chapters Modified Letters and Tone Marks.)
 *
 * Unicode has precomposed letters for every combination, and canonical decomposition (Unicode Standard §3.7, UAX #15)
 * splits e.g. ệ into e + U+0323 + U+0302, so the tone can be found and removed by looking at combining marks only.
 * đ (U+0111) has no decomposition and is handled as its own letter.
 */

/** The six Vietnamese tones, named after their Vietnamese names without diacritics. */
export type Tone = 'ngang' | 'huyen' | 'sac' | 'hoi' | 'nga' | 'nang';

/** Tone marks as they appear after canonical decomposition (NFD); U+0340/U+0341 decompose to U+0300/U+0301. */
const TONE_BY_MARK: Readonly<Record<string, Tone>> = {
	'\u0300': 'huyen',
	'\u0301': 'sac',
	'\u0309': 'hoi',
	'\u0303': 'nga',
	'\u0323': 'nang'
};

const MARK_BY_TONE: Readonly<Record<Tone, string>> = {
	ngang: '',
	huyen: '\u0300',
	sac: '\u0301',
	hoi: '\u0309',
	nga: '\u0303',
	nang: '\u0323'
};

/** Vowel-quality marks after NFD: breve (ă), circumflex (â ê ô), horn (ơ ư). */
export type Quality = '' | 'breve' | 'circumflex' | 'horn';

const QUALITY_MARK: Readonly<Record<Quality, string>> = {
	'': '',
	breve: '\u0306',
	circumflex: '\u0302',
	horn: '\u031B'
};

const ALL_COMBINING_MARKS = /[\u0300-\u036F]/g;

/** A word with its tone mark taken out. */
export interface ToneSplit {
	/** The word in NFC with tone marks removed; quality marks (ă â ê ô ơ ư) and đ are kept. */
	toneless: string;
	/** The tones found, in order. Well-formed syllables have zero or one. */
	tones: Tone[];
}

/** Separates tone marks from the letters of `word` (any normalization form in, NFC out). */
export function splitTone(word: string): ToneSplit {
	const tones: Tone[] = [];
	let toneless = '';
	for (const char of word.normalize('NFD')) {
		const tone = TONE_BY_MARK[char];
		if (tone) tones.push(tone);
		else toneless += char;
	}
	return { toneless: toneless.normalize('NFC'), tones };
}

/** Puts `tone` on a single toneless letter, keeping its case and quality mark (e.g. ê + nặng → ệ, Ơ + sắc → Ớ). */
export function withTone(letter: string, tone: Tone): string {
	return (letter.normalize('NFD') + MARK_BY_TONE[tone]).normalize('NFC');
}

/** The quality mark of a toneless vowel letter ('' for a e i o u y). */
export function qualityOf(letter: string): Quality {
	const decomposed = letter.normalize('NFD');
	if (decomposed.includes(QUALITY_MARK.breve)) return 'breve';
	if (decomposed.includes(QUALITY_MARK.circumflex)) return 'circumflex';
	if (decomposed.includes(QUALITY_MARK.horn)) return 'horn';
	return '';
}

/** Gives a toneless vowel letter another quality mark, keeping its case (a + circumflex → â, Ô + horn → Ơ). */
export function withQuality(letter: string, quality: Quality): string {
	return (stripAllMarks(letter) + QUALITY_MARK[quality]).normalize('NFC');
}

/**
 * Removes every diacritic, tone and quality alike, and maps đ/Đ to d/D: the "bare" spelling used to tell a
 * diacritic slip (Viet for Việt) from a different word.
 */
export function stripAllMarks(text: string): string {
	return text
		.normalize('NFD')
		.replace(ALL_COMBINING_MARKS, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D');
}

/**
 * Initial consonants, longest first so that "ngh" wins over "ng" and "n". "gi" and "qu" are initials only when a
 * vowel follows (in "gì" and "gìn" the i is the vowel; in "già" it belongs to the initial).
 */
const INITIALS = [
	'ngh',
	'ng',
	'nh',
	'ch',
	'gh',
	'gi',
	'kh',
	'ph',
	'qu',
	'th',
	'tr',
	'b',
	'c',
	'd',
	'đ',
	'g',
	'h',
	'k',
	'l',
	'm',
	'n',
	'p',
	'q',
	'r',
	's',
	't',
	'v',
	'x'
] as const;

/** Final consonants. Semivowel endings (i y o u) are part of the vowel cluster instead. */
const FINALS: ReadonlySet<string> = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

/** Finals after which only the sắc and nặng tones occur (checked syllables: học, việt, đẹp, sách). */
const STOP_FINALS: ReadonlySet<string> = new Set(['c', 'ch', 'p', 't']);

const VOWEL_LETTERS = 'aăâeêioôơuưy';

/**
 * Vowel clusters of standard Vietnamese spelling (toneless, lowercase), grouped by whether a final consonant may
 * follow (the written rhymes of Quốc ngữ, as tabulated in Wikipedia "Vietnamese phonology", section Rhymes). The
 * lists are used to tell half-typed Vietnamese from foreign words, so they err on the side of accepting.
 */
const OPEN_ONLY_CLUSTERS = [
	'ai',
	'ao',
	'au',
	'ay',
	'âu',
	'ây',
	'eo',
	'êu',
	'ia',
	'iu',
	'oi',
	'ôi',
	'ơi',
	'ui',
	'ưi',
	'ưu',
	'ua',
	'ưa',
	'uơ',
	'y',
	'oai',
	'oay',
	'oeo',
	'uây',
	'uôi',
	'ươi',
	'ươu',
	'iêu',
	'yêu',
	'uya',
	'uyu'
];
const CLOSED_ONLY_CLUSTERS = ['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'oă', 'uâ', 'oo', 'uyê'];
const OPEN_OR_CLOSED_CLUSTERS = [
	'a',
	'e',
	'ê',
	'i',
	'o',
	'ô',
	'ơ',
	'u',
	'ư',
	'oa',
	'oe',
	'uê',
	'uy'
];

const OPEN_CLUSTERS: ReadonlySet<string> = new Set([
	...OPEN_ONLY_CLUSTERS,
	...OPEN_OR_CLOSED_CLUSTERS
]);
const CLOSED_CLUSTERS: ReadonlySet<string> = new Set([
	...CLOSED_ONLY_CLUSTERS,
	...OPEN_OR_CLOSED_CLUSTERS
]);
/** Same sets with the quality marks removed: what can still become a valid cluster while the user is typing. */
const BARE_OPEN_CLUSTERS: ReadonlySet<string> = new Set([...OPEN_CLUSTERS].map(stripAllMarks));
const BARE_CLOSED_CLUSTERS: ReadonlySet<string> = new Set([...CLOSED_CLUSTERS].map(stripAllMarks));

/** A toneless word cut into the three parts of a syllable. Each part keeps the case of the input. */
export interface SyllableParts {
	initial: string;
	vowels: string;
	final: string;
}

/** Whether `char` is one toneless Vietnamese vowel letter (a ă â e ê i o ô ơ u ư y, either case). */
export function isVowelLetter(char: string): boolean {
	return char.length === 1 && VOWEL_LETTERS.includes(char.toLowerCase());
}

/**
 * Whether a word is only an initial consonant, i.e. the start of a syllable still being typed ("đ", "ngh", "tr").
 * Needed so that converting "dd" gives "đ" even before a vowel is typed.
 */
export function isInitialConsonant(word: string): boolean {
	return (INITIALS as readonly string[]).includes(word.toLowerCase());
}

/**
 * Cuts a toneless word into initial + vowel cluster + final consonant, or returns null when it does not have that
 * shape (no vowel, letters after the final, an unknown final). The initial must be a Vietnamese one; the cluster is
 * not checked here (see {@link isPlausibleCluster}), so half-typed words like "vie" still parse.
 */
export function parseSyllable(toneless: string): SyllableParts | null {
	const chars = [...toneless];
	const lower = chars.map((char) => char.toLowerCase());
	const initialLength = matchInitial(lower);
	let end = initialLength;
	while (end < lower.length && isVowelLetter(lower[end])) end++;
	if (end === initialLength) return null;
	const final = lower.slice(end).join('');
	if (!FINALS.has(final)) return null;
	return {
		initial: chars.slice(0, initialLength).join(''),
		vowels: chars.slice(initialLength, end).join(''),
		final: chars.slice(end).join('')
	};
}

function matchInitial(lower: readonly string[]): number {
	const head = lower.slice(0, 3).join('');
	for (const initial of INITIALS) {
		if (!head.startsWith(initial)) continue;
		const needsFollowingVowel = initial === 'gi' || initial === 'qu';
		if (needsFollowingVowel && !isVowelLetter(lower[initial.length] ?? '')) continue;
		return initial.length;
	}
	return 0;
}

/**
 * Whether `parts` could be (or, while typing, become) a Vietnamese syllable: its cluster, ignoring quality marks, is
 * one of the standard clusters and agrees with the presence of a final consonant.
 */
export function isPlausibleCluster(parts: SyllableParts): boolean {
	const bare = stripAllMarks(parts.vowels.toLowerCase());
	if (parts.final !== '') return BARE_CLOSED_CLUSTERS.has(bare);
	return BARE_OPEN_CLUSTERS.has(bare) || BARE_CLOSED_CLUSTERS.has(bare);
}

/**
 * Whether a marked vowel cluster (ă â ê ô ơ ư included) is standard spelling given the final. A cluster that needs a
 * final consonant ("iê", "ươ") is accepted without one because the user may not have typed it yet.
 */
export function isValidMarkedCluster(vowels: string, final: string): boolean {
	const cluster = vowels.toLowerCase();
	return final === ''
		? OPEN_CLUSTERS.has(cluster) || CLOSED_CLUSTERS.has(cluster)
		: CLOSED_CLUSTERS.has(cluster);
}

/** Only sắc and nặng occur before the stop finals c, ch, p, t. */
export function toneFitsFinal(tone: Tone, final: string): boolean {
	return !STOP_FINALS.has(final.toLowerCase()) || tone === 'sac' || tone === 'nang';
}

/**
 * Index, inside the vowel cluster, of the vowel that carries the tone mark. This module writes ONE spelling for the
 * syllables where printed Vietnamese varies, the one this project's content uses (phrases.json writes khỏe):
 * 1. a vowel with a quality mark takes the tone; in ươ the second one (người, được, tiếng, muốn);
 * 2. otherwise a single vowel takes it (quý, giá, gì);
 * 3. otherwise, before a final consonant, the last vowel (hoàng, toán, hoạch);
 * 4. otherwise, in an open syllable, the second-to-last vowel (hòa, khỏe, thủy, mái, ngoài, khuỷu).
 * The other common spelling (hoà, khoẻ, thuỷ) differs only in rule 4 for oa, oe, uy; both are correct Vietnamese
 * (see /work/shared/data/language/README.md); `normalizeVietnamese` (./vi.ts) makes them compare equal.
 */
export function toneVowelIndex(vowels: string, hasFinal: boolean): number {
	const letters = [...vowels.toLowerCase()];
	for (let index = letters.length - 1; index >= 0; index--) {
		if (qualityOf(letters[index]) !== '') return index;
	}
	if (letters.length === 1) return 0;
	return hasFinal ? letters.length - 1 : letters.length - 2;
}

/**
 * Writes `tone` on the right vowel of a toneless word (rule in {@link toneVowelIndex}). Returns null when the word
 * does not parse as a syllable, so callers can leave foreign words alone.
 */
export function placeTone(toneless: string, tone: Tone): string | null {
	const parts = parseSyllable(toneless);
	if (!parts) return null;
	return assemble(parts, tone);
}

/** Joins syllable parts back into a word, with the tone on the vowel chosen by {@link toneVowelIndex}. */
export function assemble(parts: SyllableParts, tone: Tone): string {
	const vowels = [...parts.vowels];
	const index = toneVowelIndex(parts.vowels, parts.final !== '');
	vowels[index] = withTone(vowels[index], tone);
	return parts.initial + vowels.join('') + parts.final;
}

/**
 * Re-spells a single word with the tone on the canonical vowel (e.g. "hoà" → "hòa", "qúy" → "quý"). Words that
 * are not one-tone Vietnamese syllables are returned unchanged (NFC).
 */
export function canonicalToneSpelling(word: string): string {
	const { toneless, tones } = splitTone(word);
	if (tones.length !== 1) return word.normalize('NFC');
	return placeTone(toneless, tones[0]) ?? word.normalize('NFC');
}
