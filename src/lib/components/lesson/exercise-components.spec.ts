import { describe, expect, it } from 'vitest';
import { EXERCISE_KINDS, type Exercise } from '$lib/course/types';
import {
	EXERCISE_COMPONENTS,
	loadComponent,
	loadedComponent,
	preloadComponents
} from './exercise-components';

const exerciseOf = (kind: Exercise['kind']) => ({ kind }) as Exercise;

describe('the exercise components, loaded by kind', () => {
	it('has a loader for every kind, each giving a component', async () => {
		expect(Object.keys(EXERCISE_COMPONENTS).sort()).toEqual([...EXERCISE_KINDS].sort());
		for (const kind of EXERCISE_KINDS) expect(typeof (await loadComponent(kind))).toBe('function');
	});

	it('knows a kind at once after it was preloaded, and loads each kind once', async () => {
		await preloadComponents([exerciseOf('choice'), exerciseOf('speak'), exerciseOf('choice')]);
		const choice = loadedComponent(exerciseOf('choice'));
		expect(choice).toBeTypeOf('function');
		expect(await loadComponent('choice')).toBe(choice);
		expect(loadedComponent(exerciseOf('speak'))).toBe(await loadComponent('speak'));
	});
});
