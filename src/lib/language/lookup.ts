/**
 * Tap-to-look-up for both languages: the segmenters (segmentLao in ./lo.ts, segmentVietnamese in ./vi.ts) return
 * pieces that are often smaller than a dictionary entry (ICU splits Lao compounds, a Vietnamese word is usually two
 * or more syllables: "Việt Nam", "cảm ơn"). This joins neighbouring pieces into the longest entries.
 *
 * Plain TypeScript with no imports: used by both the browser bundle and the server.
 */

/** A run of segments: `segments.slice(start, end)` joined gives `text`. */
export interface LookupMatch {
	text: string;
	/** Index of the first segment (inclusive). */
	start: number;
	/** Index after the last segment (exclusive). */
	end: number;
	/** Whether `dictionaryHas(text)` was true; false for a single segment that matched nothing. */
	found: boolean;
}

export interface LookupOptions {
	/** How segments are joined into a candidate: '' for Lao (the default), ' ' for Vietnamese syllables. */
	joiner?: string;
	/** Longest run of segments tried as one entry. Default 6, enough for ກະຊວງສຶກສາທິການ-size compounds. */
	maxSegments?: number;
}

/**
 * Greedy longest match, left to right: at each position, the longest run of up to `maxSegments` segments whose
 * joined text `dictionaryHas` accepts becomes one match; if none is accepted, the single segment becomes an
 * unmatched entry (`found: false`) and the scan moves on. Every segment ends up in exactly one match, in order.
 *
 * Greedy (rather than a best-segmentation search) is the usual choice for dictionary look-up in Thai and Lao
 * ("maximal matching") and is predictable for the learner: the longest word under the finger wins.
 * `dictionaryHas` receives the joined segments as they are; normalize inside it if the dictionary keys are
 * normalized (normalizeLao / normalizeVietnamese).
 */
export function findLongestMatches(
	segments: readonly string[],
	dictionaryHas: (candidate: string) => boolean,
	options: LookupOptions = {}
): LookupMatch[] {
	const joiner = options.joiner ?? '';
	const maxSegments = Math.max(1, options.maxSegments ?? 6);
	const matches: LookupMatch[] = [];
	let start = 0;
	while (start < segments.length) {
		const match = longestMatchAt(segments, start, dictionaryHas, joiner, maxSegments);
		matches.push(match);
		start = match.end;
	}
	return matches;
}

function longestMatchAt(
	segments: readonly string[],
	start: number,
	dictionaryHas: (candidate: string) => boolean,
	joiner: string,
	maxSegments: number
): LookupMatch {
	const longest = Math.min(segments.length, start + maxSegments);
	for (let end = longest; end > start; end--) {
		const text = segments.slice(start, end).join(joiner);
		if (dictionaryHas(text)) return { text, start, end, found: true };
	}
	return { text: segments[start], start, end: start + 1, found: false };
}
