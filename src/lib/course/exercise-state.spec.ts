import { describe, expect, it } from 'vitest';
import {
	displayOrder,
	newPairState,
	pairsResponse,
	placeTile,
	removeTile,
	tryPair
} from './exercise-state';

describe('displayOrder', () => {
	it('is a permutation, the same for the same seed', () => {
		const order = displayOrder(6, 'ex-1');
		expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
		expect(displayOrder(6, 'ex-1')).toEqual(order);
	});

	it('never keeps the original order of two items or more', () => {
		for (let count = 2; count <= 6; count++) {
			for (const seed of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
				const order = displayOrder(count, seed);
				expect(order.some((value, i) => value !== i)).toBe(true);
			}
		}
	});

	it('handles zero and one item', () => {
		expect(displayOrder(0, 'x')).toEqual([]);
		expect(displayOrder(1, 'x')).toEqual([0]);
	});
});

describe('tiles', () => {
	it('places at the end and removes by position', () => {
		let placed = placeTile([], 3);
		placed = placeTile(placed, 0);
		placed = placeTile(placed, 2);
		expect(placed).toEqual([3, 0, 2]);
		expect(removeTile(placed, 1)).toEqual([3, 2]);
	});

	it('does not place the same tile twice', () => {
		expect(placeTile([1, 2], 1)).toEqual([1, 2]);
	});
});

describe('pairs', () => {
	it('locks right pairs, counts wrong ones, and answers when all are locked', () => {
		let state = newPairState(3);
		let attempt = tryPair(state, 0, 1);
		expect(attempt.right).toBe(false);
		state = attempt.state;
		expect(state.mistakes).toBe(1);
		expect(pairsResponse(state)).toBeUndefined();

		for (const i of [0, 1, 2]) {
			attempt = tryPair(state, i, i);
			expect(attempt.right).toBe(true);
			state = attempt.state;
		}
		expect(pairsResponse(state)).toEqual({ pairs: [0, 1, 2], mistakes: 1 });
	});

	it('ignores locked items without counting a mistake', () => {
		const state = tryPair(newPairState(2), 0, 0).state;
		const again = tryPair(state, 0, 1);
		expect(again.right).toBe(false);
		expect(again.state.mistakes).toBe(0);
	});
});
