/**
 * Telex and VNI, the two common Vietnamese input methods, as a pure function of (word typed so far, key).
 *
 * Telex (letters): aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, w alone ư, uow ươ, dd đ; tones s sắc, f huyền, r hỏi,
 * x ngã, j nặng; z removes the tone. VNI (digits): 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 6 circumflex, 7 horn,
 * 8 breve, 9 đ, 0 removes the tone. Pressing a modifier key a second time undoes it and types the key itself
 * (ass → as, aaa → aa, a11 → a1), as in Unikey and the Windows Vietnamese keyboards.
 * (Key tables: Wikipedia "Telex (input method)" and "VNI"; Unikey documentation.)
 *
 * Tone marks go where ./vi-syllable.ts `toneVowelIndex` says (hòa, khỏe, thủy, quý, giá, người), and move when the
 * word grows (hòa + n → hoàn), so every word this module produces compares equal to the same word typed elsewhere.
 *
 * Stateless by design: the state is the composed word itself, so a UI can apply it to whatever word is before the
 * caret, after edits, paste or caret moves. See {@link typeKey} for how to call it from an input handler.
 */
import {
	assemble,
	isInitialConsonant,
	isPlausibleCluster,
	isValidMarkedCluster,
	isVowelLetter,
	parseSyllable,
	qualityOf,
	splitTone,
	stripAllMarks,
	toneFitsFinal,
	withQuality,
	type Quality,
	type SyllableParts,
	type Tone
} from './vi-syllable';

/** The two common Vietnamese keyboard input methods: Telex (letters as modifiers) and VNI (digits). */
export type InputMethod = 'telex' | 'vni';

/** What a key does besides typing itself. */
type KeyAction =
	| { kind: 'tone'; tone: Tone }
	| { kind: 'clearTone' }
	| { kind: 'circumflex'; bases: string; vowelMustEndWord: boolean }
	| { kind: 'horn'; breveToo: boolean; standaloneU: boolean }
	| { kind: 'breve' }
	| { kind: 'stroke'; adjacentOnly: boolean };

const TELEX_ACTIONS: Readonly<Record<string, KeyAction>> = {
	s: { kind: 'tone', tone: 'sac' },
	f: { kind: 'tone', tone: 'huyen' },
	r: { kind: 'tone', tone: 'hoi' },
	x: { kind: 'tone', tone: 'nga' },
	j: { kind: 'tone', tone: 'nang' },
	z: { kind: 'clearTone' },
	// Telex doubles a vowel only while it ends the word, so English "data" does not become "dât".
	a: { kind: 'circumflex', bases: 'a', vowelMustEndWord: true },
	e: { kind: 'circumflex', bases: 'e', vowelMustEndWord: true },
	o: { kind: 'circumflex', bases: 'o', vowelMustEndWord: true },
	w: { kind: 'horn', breveToo: true, standaloneU: true },
	d: { kind: 'stroke', adjacentOnly: true }
};

const VNI_ACTIONS: Readonly<Record<string, KeyAction>> = {
	'1': { kind: 'tone', tone: 'sac' },
	'2': { kind: 'tone', tone: 'huyen' },
	'3': { kind: 'tone', tone: 'hoi' },
	'4': { kind: 'tone', tone: 'nga' },
	'5': { kind: 'tone', tone: 'nang' },
	'6': { kind: 'circumflex', bases: 'aeo', vowelMustEndWord: false },
	'7': { kind: 'horn', breveToo: false, standaloneU: false },
	'8': { kind: 'breve' },
	'9': { kind: 'stroke', adjacentOnly: false },
	'0': { kind: 'clearTone' }
};

/**
 * Applies one key to the word being typed and returns the new word, exactly as a Vietnamese IME would.
 *
 * `word` is the run of letters before the caret (see {@link typeKey}); `key` is one character. A key that cannot
 * apply (no vowel yet, not a Vietnamese syllable, a tone that cannot stand before -c/-ch/-p/-t…) is typed as the
 * literal character. Case is kept: the modified letter keeps its own case (VIEETJ → VIỆT, Dd → Đ).
 *
 * Telex "aa", "ee", "oo" apply only while the vowel ends the word (vieejt → việt), so English words like "data"
 * are not turned into "dât"; w, tone keys and all VNI keys may come after the final consonant (nguoiwf → người,
 * vietj → việt, viet65 → việt). Telex "dd" only converts a word-initial d right after it (ddi → đi).
 *
 * Undo by repeating is decided from the word alone: after "as" the s is a letter, not a tone, so a third s types
 * another s (asss → ass), and a lone ư with w (tư + w) becomes "tw", the way to type a literal w.
 */
export function applyKeystroke(word: string, key: string, method: InputMethod = 'telex'): string {
	const action = actionFor(key, method);
	const converted = action ? applyAction(word, key, action) : null;
	return tidySyllable(converted ?? word + key);
}

/**
 * Converts a whole typed string as an IME would if it were typed key by key: each word (run of letters; for VNI
 * also the digits typed after letters) goes through {@link applyKeystroke}; spaces, punctuation and other
 * characters pass through and end the word.
 *
 * Unlike per-key conversion it knows the raw keys of each word, so a word that came out with Vietnamese marks but
 * is neither a Vietnamese syllable nor an initial consonant ("Windows" is "Ưindows" key by key) is given back as
 * typed, as Unikey's "restore non-Vietnamese words" option does. Words whose marks were undone ("ass" → "as") are
 * kept as converted.
 */
export function telexToVietnamese(input: string, method: InputMethod = 'telex'): string {
	let output = '';
	let word = '';
	let raw = '';
	const flush = (): void => {
		output += restoreIfForeign(word, raw);
		word = '';
		raw = '';
	};
	for (const char of input) {
		if (continuesWord(word, char, method)) {
			word = applyKeystroke(word, char, method);
			raw += char;
		} else {
			flush();
			output += char;
		}
	}
	flush();
	return output;
}

/** Result of {@link typeKey}: the new field value and where the caret goes. */
export interface TypedText {
	text: string;
	caret: number;
}

/**
 * As-you-type helper for an `<input>`/`<textarea>`: applies `key` to the word that ends at `caret` and returns the
 * new value and caret. Only the word being typed changes; text after the caret is untouched.
 *
 * Call it from `beforeinput` for single-character insertions and ignore IME composition:
 * ```ts
 * el.addEventListener('beforeinput', (event) => {
 *   if (event.inputType !== 'insertText' || !event.data || [...event.data].length !== 1 || event.isComposing) return;
 *   if (el.selectionStart !== el.selectionEnd) return; // let the browser replace a selection
 *   event.preventDefault();
 *   const { text, caret } = typeKey(el.value, el.selectionStart ?? el.value.length, event.data, method);
 *   el.value = text;
 *   el.setSelectionRange(caret, caret);
 *   el.dispatchEvent(new Event('input', { bubbles: true })); // keep Svelte bindings in sync
 * });
 * ```
 * Do not run it over the whole value on each `input` event: already-converted earlier words must not be
 * converted again (e.g. "as" would become "á"). Pasted text is left as pasted.
 */
export function typeKey(
	text: string,
	caret: number,
	key: string,
	method: InputMethod = 'telex'
): TypedText {
	const start = wordStart(text, caret);
	const word = text.slice(start, caret);
	if (!continuesWord(word, key, method)) {
		return { text: text.slice(0, caret) + key + text.slice(caret), caret: caret + key.length };
	}
	const typed = applyKeystroke(word, key, method);
	return { text: text.slice(0, start) + typed + text.slice(caret), caret: start + typed.length };
}

const LETTER = /^[\p{L}\p{M}]$/u;

function isLetter(char: string): boolean {
	return LETTER.test(char);
}

/** Letters extend a word; VNI digits do too once the word has started (a1 → á, but 2024 stays a number). */
function continuesWord(word: string, char: string, method: InputMethod): boolean {
	if (isLetter(char)) return true;
	return method === 'vni' && word !== '' && /^[0-9]$/.test(char) && [...word].some(isLetter);
}

function wordStart(text: string, caret: number): number {
	let start = caret;
	while (start > 0 && isLetter(text.charAt(start - 1))) start--;
	return start;
}

function actionFor(key: string, method: InputMethod): KeyAction | null {
	const table = method === 'vni' ? VNI_ACTIONS : TELEX_ACTIONS;
	return table[key.toLowerCase()] ?? null;
}

/** The word as a toneless syllable plus its tone, or null if it is not (yet) a one-tone Vietnamese syllable. */
interface WordState {
	parts: SyllableParts;
	tone: Tone;
}

function readWord(word: string): WordState | null {
	const { toneless, tones } = splitTone(word);
	if (tones.length > 1) return null;
	const parts = parseSyllable(toneless);
	if (!parts || !isPlausibleCluster(parts)) return null;
	return { parts, tone: tones[0] ?? 'ngang' };
}

function applyAction(word: string, key: string, action: KeyAction): string | null {
	if (action.kind === 'stroke') return applyStroke(word, key, action.adjacentOnly);
	if (action.kind === 'horn' && action.standaloneU) {
		const standalone = applyStandaloneU(word, key);
		if (standalone !== null) return standalone;
	}
	const state = readWord(word);
	if (!state) return null;
	switch (action.kind) {
		case 'tone':
			return applyTone(state, key, action.tone);
		case 'clearTone':
			return state.tone === 'ngang' ? null : assemble(state.parts, 'ngang');
		case 'circumflex':
			return applyCircumflex(state, key, action.bases, action.vowelMustEndWord);
		case 'horn':
			return applyHorn(state, key, action.breveToo);
		case 'breve':
			return applyBreve(state, key);
	}
}

/** Tone keys set the tone, replace another tone, or, pressed again, remove it and type themselves (ass → as). */
function applyTone(state: WordState, key: string, tone: Tone): string | null {
	if (state.tone === tone) return assemble(state.parts, 'ngang') + key;
	if (!toneFitsFinal(tone, state.parts.final)) return null;
	return assemble(state.parts, tone);
}

/** dd → đ (Telex, right after the d) and d…9 → đ (VNI, anywhere in the word); repeated, it undoes. */
function applyStroke(word: string, key: string, adjacentOnly: boolean): string | null {
	const first = word.charAt(0);
	if (!(first in STROKE_SWAP)) return null;
	// Telex: only "dd" at the start of the word, so English "did" or "add" stay as typed.
	// VNI: 9 may also come later in a Vietnamese word (di9 → đi), since a digit cannot be meant as a letter.
	const applies =
		word.length === 1 || (!adjacentOnly && readWord(word)?.parts.initial.length === 1);
	if (!applies) return null;
	const undo = first === 'đ' || first === 'Đ';
	return STROKE_SWAP[first] + word.slice(1) + (undo ? key : '');
}

const STROKE_SWAP: Readonly<Record<string, string>> = { d: 'đ', D: 'Đ', đ: 'd', Đ: 'D' };

/**
 * Telex aa/ee/oo (and VNI 6 for any of a e o): circumflex on a matching vowel; pressed again it undoes (aaa → aa).
 * `vowelMustEndWord` limits Telex to a vowel with no final consonant after it (see {@link applyKeystroke}).
 */
function applyCircumflex(
	state: WordState,
	key: string,
	bases: string,
	vowelMustEndWord: boolean
): string | null {
	const { parts } = state;
	if (vowelMustEndWord && parts.final !== '') return null;
	const vowels = [...parts.vowels];
	const matching = vowels.flatMap((vowel, index) =>
		bases.includes(stripAllMarks(vowel).toLowerCase()) ? [index] : []
	);
	const done = matching.find((index) => qualityOf(vowels[index]) === 'circumflex');
	if (done !== undefined) return assemble(withVowel(parts, done, ''), state.tone) + key;
	for (const index of [...matching].reverse()) {
		const candidate = withVowelQuality(state, index, 'circumflex');
		if (candidate !== null) return candidate;
	}
	return null;
}

/**
 * Telex w / VNI 7: tries, in order, ưo/uo → ươ (uơ in huơ, khuơ, thuở), a → ă (Telex only), o → ơ, u → ư,
 * keeping the first that gives a real cluster. When none applies and the word already has a horn or breve, the
 * key undoes it and types itself.
 */
function applyHorn(state: WordState, key: string, breveToo: boolean): string | null {
	const horned = hornUo(state) ?? firstValid(state, breveToo ? ['a', 'o', 'u'] : ['o', 'u']);
	if (horned !== null) return horned;
	return undoHornAndBreve(state, key);
}

function applyBreve(state: WordState, key: string): string | null {
	const breved = firstValid(state, ['a']);
	if (breved !== null) return breved;
	const hasBreve = [...state.parts.vowels].some((vowel) => qualityOf(vowel) === 'breve');
	return hasBreve ? assemble(removeQualities(state.parts, ['breve']), state.tone) + key : null;
}

/**
 * Open syllables spelled with uơ rather than ươ exist only after these initials (huơ, khuơ, thuở); everywhere else
 * uo + w is ươ (ươ, người). If letters follow later, tidySyllable still completes uơ to ươ (thuơng → thương).
 */
const OPEN_UO_INITIALS: ReadonlySet<string> = new Set(['h', 'kh', 'th']);

function hornUo(state: WordState): string | null {
	const vowels = [...state.parts.vowels];
	const lower = vowels.map((vowel) => vowel.toLowerCase());
	for (let index = 0; index + 1 < lower.length; index++) {
		const firstIsU = lower[index] === 'u' || lower[index] === 'ư';
		const secondIsO = lower[index + 1] === 'o' || lower[index + 1] === 'ô';
		if (!firstIsU || !secondIsO) continue;
		const followed = index + 2 < lower.length || state.parts.final !== '';
		const keepU =
			lower[index] === 'u' && !followed && OPEN_UO_INITIALS.has(state.parts.initial.toLowerCase());
		vowels[index] = withQuality(vowels[index], keepU ? '' : 'horn');
		vowels[index + 1] = withQuality(vowels[index + 1], 'horn');
		return assemble({ ...state.parts, vowels: vowels.join('') }, state.tone);
	}
	return null;
}

/** The first vowel, by base letter in `order`, that can take the mark the key gives (ă for a, ơ/ư for o/u). */
function firstValid(state: WordState, order: readonly string[]): string | null {
	const vowels = [...state.parts.vowels];
	for (const base of order) {
		const quality: Quality = base === 'a' ? 'breve' : 'horn';
		for (let index = 0; index < vowels.length; index++) {
			const vowel = vowels[index];
			if (stripAllMarks(vowel).toLowerCase() !== base || qualityOf(vowel) === quality) continue;
			const candidate = withVowelQuality(state, index, quality);
			if (candidate !== null) return candidate;
		}
	}
	return null;
}

function undoHornAndBreve(state: WordState, key: string): string | null {
	const { parts } = state;
	const marked = [...parts.vowels].some((vowel) => ['horn', 'breve'].includes(qualityOf(vowel)));
	if (!marked) return null;
	// A lone ư most likely came from a standalone w (tw → tư): undoing gives back the w, the Telex way to type w.
	if (parts.vowels.toLowerCase() === 'ư' && parts.final === '') return parts.initial + key;
	return assemble(removeQualities(parts, ['horn', 'breve']), state.tone) + key;
}

function removeQualities(parts: SyllableParts, qualities: readonly Quality[]): SyllableParts {
	const vowels = [...parts.vowels].map((vowel) =>
		qualities.includes(qualityOf(vowel)) ? withQuality(vowel, '') : vowel
	);
	return { ...parts, vowels: vowels.join('') };
}

/** Telex: w after an initial consonant (or alone) is ư (tw → tư, nhwngx → những). */
function applyStandaloneU(word: string, key: string): string | null {
	if (/[\p{M}]/u.test(word.normalize('NFD')) || [...word].some(isVowelLetter)) return null;
	const parts = parseSyllable(word + 'ư');
	if (!parts || parts.vowels !== 'ư') return null;
	return word + (key === 'W' ? 'Ư' : 'ư');
}

/** The word with one vowel's quality changed, or null if that makes a cluster Vietnamese does not have. */
function withVowelQuality(
	state: WordState,
	index: number,
	quality: Exclude<Quality, ''>
): string | null {
	const parts = withVowel(state.parts, index, quality);
	return isValidMarkedCluster(parts.vowels, parts.final) ? assemble(parts, state.tone) : null;
}

function withVowel(parts: SyllableParts, index: number, quality: Quality): SyllableParts {
	const vowels = [...parts.vowels];
	vowels[index] = withQuality(vowels[index], quality);
	return { ...parts, vowels: vowels.join('') };
}

/**
 * Run after every key: completes ươ when letters follow uơ/ưo (nguơi → ngươi, trưong → trương) and moves the
 * tone to its vowel for the current shape of the word (hòa + n → hoàn).
 */
function tidySyllable(word: string): string {
	const state = readWord(word);
	if (!state) return word;
	const vowels = [...state.parts.vowels];
	const lower = vowels.map((vowel) => vowel.toLowerCase());
	for (let index = 0; index + 1 < lower.length; index++) {
		const pair = lower[index] + lower[index + 1];
		const followed = index + 2 < lower.length || state.parts.final !== '';
		if (followed && (pair === 'uơ' || pair === 'ưo')) {
			vowels[index] = withQuality(vowels[index], 'horn');
			vowels[index + 1] = withQuality(vowels[index + 1], 'horn');
		}
	}
	return assemble({ ...state.parts, vowels: vowels.join('') }, state.tone);
}

/**
 * Whole-string conversion knows what was typed: a word that ended up with Vietnamese marks but is not a Vietnamese
 * syllable was most likely a foreign word, so the keys are given back as typed.
 */
function restoreIfForeign(word: string, raw: string): string {
	if (word === raw || !hasVietnameseMarks(word)) return word;
	return isVietnameseSyllable(word) ? word : raw;
}

function hasVietnameseMarks(word: string): boolean {
	return stripAllMarks(word) !== word;
}

function isVietnameseSyllable(word: string): boolean {
	if (isInitialConsonant(word)) return true;
	const state = readWord(word);
	return state !== null && toneFitsFinal(state.tone, state.parts.final);
}
