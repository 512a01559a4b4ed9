/**
 * Classical item statistics for a calibration review, on sparse (adaptive) response matrices.
 */
import type { ResponseMatrix } from './patterns';

export type ClassicalStats = {
	/** Respondents who took the item. */
	n: number;
	/** Proportion correct (classical difficulty); null without responses. */
	pValue: number | null;
	/**
	 * Point-biserial correlation of the item score with the respondent's proportion correct on the
	 * OTHER items they took (the corrected item–rest correlation, Henrysson 1963); null when either
	 * side has no variance. In an adaptive test everyone answers about half right, so expect lower
	 * values than on a fixed form; a negative one usually means a wrong key.
	 */
	pointBiserial: number | null;
};

/** p-value and corrected point-biserial per column of `responses` (null = not administered). */
export function classicalStats(responses: ResponseMatrix): ClassicalStats[] {
	const columns = responses[0]?.length ?? 0;
	const totals = responses.map((row) => {
		let right = 0;
		let taken = 0;
		for (const x of row) {
			if (x === null) continue;
			taken++;
			right += x;
		}
		return { right, taken };
	});
	const stats: ClassicalStats[] = [];
	for (let j = 0; j < columns; j++) {
		const xs: number[] = [];
		const rest: number[] = [];
		responses.forEach((row, p) => {
			const x = row[j];
			if (x === null) return;
			const others = totals[p].taken - 1;
			xs.push(x);
			rest.push(others > 0 ? (totals[p].right - x) / others : Number.NaN);
		});
		const n = xs.length;
		const pValue = n > 0 ? xs.reduce((s, x) => s + x, 0) / n : null;
		const pairs = xs.map((x, i) => [x, rest[i]] as const).filter(([, r]) => Number.isFinite(r));
		stats.push({ n, pValue, pointBiserial: correlation(pairs) });
	}
	return stats;
}

/** Pearson's r of the pairs; null when fewer than 2 or either side is constant. */
function correlation(pairs: readonly (readonly [number, number])[]): number | null {
	const n = pairs.length;
	if (n < 2) return null;
	let mx = 0;
	let my = 0;
	for (const [x, y] of pairs) {
		mx += x / n;
		my += y / n;
	}
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (const [x, y] of pairs) {
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) ** 2;
		syy += (y - my) ** 2;
	}
	if (sxx === 0 || syy === 0) return null;
	return sxy / Math.sqrt(sxx * syy);
}

/** Fit outside 0.7–1.3 (Wright & Linacre 1994) or a negative point-biserial: look before accepting. */
export function misfits(
	fit: { infit: number | null; outfit: number | null },
	pointBiserial: number | null
) {
	const out = (x: number | null) => x !== null && (x < 0.7 || x > 1.3);
	return out(fit.infit) || out(fit.outfit) || (pointBiserial !== null && pointBiserial < 0);
}
