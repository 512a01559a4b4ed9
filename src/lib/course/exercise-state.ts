/**
 * Small pure state helpers of the exercise components (tiles, pairs, display order), kept here so they are
 * unit-tested without a browser.
 */

/** 32-bit FNV-1a hash of a string: a stable seed from an exercise id. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32, a small seeded PRNG (T. Ettinger, public domain): same seed, same sequence. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A display order of `count` items (a permutation of 0…count-1), shuffled with a seed so the server-rendered page
 * and the browser agree, and never the original order when there are two items or more (tiles in sentence order,
 * or meanings beside their terms, would give the answer away).
 */
export function displayOrder(count: number, seed: string): number[] {
	const order = Array.from({ length: count }, (_, i) => i);
	const next = random(hash(seed));
	for (let i = count - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	if (count > 1 && order.every((value, i) => value === i)) order.push(order.shift() as number);
	return order;
}

/** Build-the-sentence: the tiles placed so far, as indices into the exercise's tiles, in order. */
export type TilePlacement = readonly number[];

/** Places tile `tile` at the end of the sentence; a tile already placed stays where it is. */
export function placeTile(placed: TilePlacement, tile: number): number[] {
	return placed.includes(tile) ? [...placed] : [...placed, tile];
}

/** Takes the tile at `position` of the sentence back to the pool; the others close up. */
export function removeTile(placed: TilePlacement, position: number): number[] {
	return placed.filter((_, i) => i !== position);
}

/** Match pairs: which terms are locked, and the wrong attempts made so far. */
export type PairState = { matched: readonly boolean[]; mistakes: number };

export function newPairState(count: number): PairState {
	return { matched: new Array<boolean>(count).fill(false), mistakes: 0 };
}

/**
 * Tries term `term` with the meaning of pair `meaning` (indices into the exercise's pairs): a right pair locks,
 * a wrong one counts a mistake. Already-locked items are refused (no change, `right: false`, not a mistake).
 */
export function tryPair(
	state: PairState,
	term: number,
	meaning: number
): { state: PairState; right: boolean } {
	if (state.matched[term] || state.matched[meaning]) return { state, right: false };
	if (term === meaning) {
		const matched = state.matched.map((locked, i) => locked || i === term);
		return { state: { matched, mistakes: state.mistakes }, right: true };
	}
	return { state: { matched: state.matched, mistakes: state.mistakes + 1 }, right: false };
}

/** The graded response once every pair is locked, else undefined (Check stays disabled). */
export function pairsResponse(state: PairState): { pairs: number[]; mistakes: number } | undefined {
	if (!state.matched.every(Boolean)) return undefined;
	return { pairs: state.matched.map((_, i) => i), mistakes: state.mistakes };
}
