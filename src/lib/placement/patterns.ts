/**
 * Response matrices and their compact form for the EM calibration.
 *
 * Persons with the same response pattern (same items administered, same answers) have the same posterior,
 * so the E-step only needs each distinct pattern once, weighted by its frequency. On the 1000-person LSAT
 * sets this is 32 patterns instead of 1000 rows. Sparse adaptive-test logs rarely repeat a pattern, and there
 * the win is the other half of the layout: only administered items are stored (compressed sparse rows).
 */

/** One row per person, one column per item; null = not administered (adaptive tests are sparse). */
export type ResponseMatrix = readonly (readonly (0 | 1 | null)[])[];

/** Distinct response patterns in compressed sparse row form. */
export type PatternSet = {
	readonly itemCount: number;
	readonly patternCount: number;
	/** Number of persons with each pattern. */
	readonly frequency: Float64Array;
	/** Entries of pattern p are offsets[p] .. offsets[p + 1] − 1. */
	readonly offsets: Int32Array;
	/** Item (column) index of each entry. */
	readonly items: Int32Array;
	/** 1 = correct, 0 = incorrect, for each entry. */
	readonly correct: Uint8Array;
	/** Persons with at least one included response. */
	readonly persons: number;
};

/** Per-item counts of administrations and correct answers. */
export type ItemCounts = { readonly administered: Int32Array; readonly correct: Int32Array };

/**
 * Checks shape and values and returns the number of items (columns).
 * @throws RangeError on ragged rows or values other than 0, 1 and null.
 */
export function validateMatrix(responses: ResponseMatrix): number {
	if (responses.length === 0) throw new RangeError('response matrix has no rows');
	const itemCount = responses[0].length;
	if (itemCount === 0) throw new RangeError('response matrix has no columns');
	responses.forEach((row, person) => {
		if (row.length !== itemCount) {
			throw new RangeError(`row ${person} has ${row.length} entries, expected ${itemCount}`);
		}
		row.forEach((value, item) => {
			if (value !== 0 && value !== 1 && value !== null) {
				throw new RangeError(
					`row ${person}, item ${item}: expected 0, 1 or null, got ${String(value)}`
				);
			}
		});
	});
	return itemCount;
}

export function countResponses(responses: ResponseMatrix, itemCount: number): ItemCounts {
	const administered = new Int32Array(itemCount);
	const correct = new Int32Array(itemCount);
	for (const row of responses) {
		for (let j = 0; j < itemCount; j++) {
			const value = row[j];
			if (value === null) continue;
			administered[j]++;
			correct[j] += value;
		}
	}
	return { administered, correct };
}

/**
 * Collapse persons with identical patterns over the included items. Persons with no included response
 * carry no information about the items and are dropped.
 */
export function collapsePatterns(
	responses: ResponseMatrix,
	itemCount: number,
	include: (item: number) => boolean = () => true
): PatternSet {
	const included: number[] = [];
	for (let j = 0; j < itemCount; j++) if (include(j)) included.push(j);

	const indexByKey = new Map<string, number>();
	const frequencies: number[] = [];
	const rows: (readonly (0 | 1 | null)[])[] = [];
	for (const row of responses) {
		let key = '';
		let answered = 0;
		for (const j of included) {
			const value = row[j];
			key += value === null ? '.' : value === 1 ? '1' : '0';
			if (value !== null) answered++;
		}
		if (answered === 0) continue;
		const existing = indexByKey.get(key);
		if (existing === undefined) {
			indexByKey.set(key, frequencies.length);
			frequencies.push(1);
			rows.push(row);
		} else {
			frequencies[existing]++;
		}
	}

	let entryCount = 0;
	for (const row of rows) for (const j of included) if (row[j] !== null) entryCount++;
	const offsets = new Int32Array(rows.length + 1);
	const items = new Int32Array(entryCount);
	const correct = new Uint8Array(entryCount);
	let entry = 0;
	rows.forEach((row, p) => {
		offsets[p] = entry;
		for (const j of included) {
			const value = row[j];
			if (value === null) continue;
			items[entry] = j;
			correct[entry] = value;
			entry++;
		}
	});
	offsets[rows.length] = entry;
	const frequency = Float64Array.from(frequencies);
	const persons = frequencies.reduce((sum, f) => sum + f, 0);
	return { itemCount, patternCount: rows.length, frequency, offsets, items, correct, persons };
}
