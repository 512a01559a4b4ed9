/**
 * Item fit mean-squares for reviewing a calibration: which items do not behave as the model says.
 */
import { estimateAbility } from './estimate';
import { probability, type ItemParams } from './model';
import { collapsePatterns, validateMatrix, type ResponseMatrix } from './patterns';

export type ItemFit = {
	/** Persons who took the item. */
	n: number;
	/** Information-weighted mean-square Σ(x − P)² / Σ P(1 − P); null without responses. */
	infit: number | null;
	/** Unweighted mean-square: mean of (x − P)² / (P(1 − P)); null without responses. */
	outfit: number | null;
};

/**
 * Infit and outfit mean-squares per item (Wright & Masters 1982, *Rating Scale Analysis*, ch. 5), with
 * each person's θ the EAP of all their responses under N(priorMean, priorSd²) — pass the calibration's
 * `latent` mean and SD when it was anchored, N(0, 1) otherwise (the default).
 *
 *   outfit_j = (1/n_j) Σ_p z_pj²,   infit_j = Σ_p (x_pj − P_pj)² / Σ_p P_pj (1 − P_pj),   z = (x − P)/√(P(1 − P)).
 *
 * Expected value 1. Values above ~1.3 (noise: miskeyed, ambiguous, guessable) or below ~0.7 (too
 * deterministic, often dependent on another item) deserve review (Wright & Linacre 1994, "Reasonable
 * mean-square fit values", Rasch Measurement Transactions 8:3). EAP shrinks θ towards the mean, which
 * pulls both statistics slightly towards 1 for short tests; treat them as screening, not as tests.
 */
export function itemFit(
	responses: ResponseMatrix,
	items: readonly ItemParams[],
	prior: { priorMean?: number; priorSd?: number } = {}
): ItemFit[] {
	const itemCount = validateMatrix(responses);
	if (items.length !== itemCount) {
		throw new RangeError(`itemFit: ${items.length} item parameters for ${itemCount} columns`);
	}
	const data = collapsePatterns(responses, itemCount);
	const n = new Float64Array(itemCount);
	const squaredResiduals = new Float64Array(itemCount);
	const variances = new Float64Array(itemCount);
	const standardised = new Float64Array(itemCount);
	for (let p = 0; p < data.patternCount; p++) {
		const entries: { item: ItemParams; correct: boolean; column: number }[] = [];
		for (let e = data.offsets[p]; e < data.offsets[p + 1]; e++) {
			entries.push({
				item: items[data.items[e]],
				correct: data.correct[e] === 1,
				column: data.items[e]
			});
		}
		const theta = estimateAbility(entries, prior).theta;
		const frequency = data.frequency[p];
		for (const { item, correct, column } of entries) {
			const prob = probability(theta, item);
			const variance = prob * (1 - prob);
			const residual = (correct ? 1 : 0) - prob;
			n[column] += frequency;
			squaredResiduals[column] += frequency * residual * residual;
			variances[column] += frequency * variance;
			standardised[column] += (frequency * residual * residual) / Math.max(variance, 1e-300);
		}
	}
	return Array.from(n, (count, j) => ({
		n: count,
		infit: count > 0 ? squaredResiduals[j] / variances[j] : null,
		outfit: count > 0 ? standardised[j] / count : null
	}));
}
