/**
 * Splits a target-language sentence into tappable words for look-up in the lesson's vocabulary.
 *
 * Runs of letters are segmented (Lao: `segmentLao`, ICU's dictionary word breaker; Vietnamese: `segmentVietnamese`,
 * syllables) and neighbouring segments are joined into the longest vocabulary entry (`findLongestMatches`), so
 * "cảm ơn" or ສະບາຍດີ is one word under the finger. Punctuation and spaces between runs are kept as plain text.
 */
import { normalizeLao, segmentLao } from '$lib/language/lo';
import { normalizeVietnamese, segmentVietnamese } from '$lib/language/vi';
import { findLongestMatches } from '$lib/language/lookup';
import type { TargetLanguage, VocabularyEntry } from './types';

export type TapToken =
	/** A word (or unmatched segment); `entry` is its vocabulary entry when the lesson has one. */
	| { kind: 'word'; text: string; entry?: VocabularyEntry }
	/** Spaces and punctuation between words, shown as they are. */
	| { kind: 'plain'; text: string };

/** Vietnamese words are space-separated syllables, so a run continues over single spaces between letters. */
const VI_RUN = /[\p{L}\p{M}\p{N}]+(?:[ \u00A0]+[\p{L}\p{M}\p{N}]+)*/gu;
/** Lao writes words together: a run is letters, marks and digits (ໆ and ຯ are letters). */
const LO_RUN = /[\p{L}\p{M}\p{N}]+/gu;

function laoKey(text: string): string {
	return normalizeLao(text).replaceAll(' ', '');
}

export function tapTokens(
	text: string,
	language: TargetLanguage,
	vocabulary: readonly VocabularyEntry[]
): TapToken[] {
	const key = language === 'lo' ? laoKey : normalizeVietnamese;
	const dictionary = new Map<string, VocabularyEntry>();
	for (const entry of vocabulary) {
		const k = key(entry.term);
		if (k !== '' && !dictionary.has(k)) dictionary.set(k, entry);
	}
	const has = (candidate: string) => dictionary.has(key(candidate));
	const joiner = language === 'lo' ? '' : ' ';

	const tokens: TapToken[] = [];
	const nfc = text.normalize('NFC');
	let last = 0;
	for (const run of nfc.matchAll(language === 'lo' ? LO_RUN : VI_RUN)) {
		const start = run.index ?? 0;
		if (start > last) tokens.push({ kind: 'plain', text: nfc.slice(last, start) });
		const segments = language === 'lo' ? segmentLao(run[0]) : segmentVietnamese(run[0]);
		findLongestMatches(segments, has, { joiner }).forEach((match, i) => {
			if (i > 0 && joiner) tokens.push({ kind: 'plain', text: joiner });
			const entry = match.found ? dictionary.get(key(match.text)) : undefined;
			tokens.push(
				entry ? { kind: 'word', text: match.text, entry } : { kind: 'word', text: match.text }
			);
		});
		last = start + run[0].length;
	}
	if (last < nfc.length) tokens.push({ kind: 'plain', text: nfc.slice(last) });
	return tokens;
}
