import { describe, expect, it } from 'vitest';
import { itemFit } from './itemfit';
import { probability, type ItemParams } from './model';
import { mulberry32, randomNormal } from './random';

describe('itemFit', () => {
	const rng = mulberry32(21);
	const items: ItemParams[] = Array.from({ length: 15 }, (_, j) => ({
		a: 1 + 0.05 * j,
		b: -1.4 + 0.2 * j
	}));
	const thetas = Array.from({ length: 1500 }, () => randomNormal(rng));
	const data = thetas.map((theta) =>
		items.map((item, j): 0 | 1 | null => {
			if (j === 14) return null; // never administered
			const correct = rng() < probability(theta, item);
			// Item 3 is "miskeyed": the keyed answer is right when the candidate is wrong.
			return (j === 3 ? !correct : correct) ? 1 : 0;
		})
	);
	const fit = itemFit(data, items);

	it('is close to 1 for items that follow the model', () => {
		for (const j of [0, 5, 8, 12]) {
			expect(fit[j].infit).toBeGreaterThan(0.85);
			expect(fit[j].infit).toBeLessThan(1.15);
			expect(fit[j].outfit).toBeGreaterThan(0.8);
			expect(fit[j].outfit).toBeLessThan(1.25);
			expect(fit[j].n).toBe(1500);
		}
	});

	it('flags a miskeyed item with mean-squares well above 1.3', () => {
		expect(fit[3].infit).toBeGreaterThan(1.3);
		expect(fit[3].outfit).toBeGreaterThan(1.3);
	});

	it('scores persons under the given latent distribution', () => {
		const shifted = itemFit(data, items, { priorMean: 2, priorSd: 0.5 });
		// A prior far from the persons' abilities biases θ̂ upwards, so well-fitting items stop fitting.
		expect(shifted[5].outfit ?? 0).toBeGreaterThan((fit[5].outfit ?? 0) + 0.1);
	});

	it('reports null, not NaN, for an item without responses, and checks the shape', () => {
		expect(fit[14]).toEqual({ n: 0, infit: null, outfit: null });
		expect(() => itemFit(data, items.slice(1))).toThrow(RangeError);
	});
});
