import { checkCourse, type CheckOptions } from '$lib/course/check';
import type { Course, Exercise } from '$lib/course/types';
import { findLesson } from './edit';
import { locateProblems, type LocatedProblem } from './problems';

/**
 * What the course checker says about one exercise as typed, before it is saved: the exercise alone
 * in its lesson, checked with the course's languages (the same rules as seed files and imports).
 */
export function exerciseProblems(
	course: Course,
	lessonId: string,
	exercise: Exercise,
	options: CheckOptions = {}
): LocatedProblem[] {
	const found = findLesson(course, lessonId);
	if (!found) return [];
	const probe: Course = {
		...course,
		units: [
			{
				...found.unit,
				lessons: [{ ...found.lesson, vocabulary: [], exercises: [exercise] }]
			}
		]
	};
	return locateProblems(checkCourse(probe, options).problems).filter(
		(p) => p.exerciseId === exercise.id
	);
}

/** The same check in the browser, from the course's languages only (the live form has no course). */
export function exerciseProblemsAlone(
	head: Pick<Course, 'id' | 'title' | 'targetLanguage' | 'interfaceLanguage'>,
	lessonId: string,
	exercise: Exercise
): LocatedProblem[] {
	const probe: Course = {
		...head,
		version: 1,
		description: head.title,
		levels: '',
		units: [
			{
				id: `${lessonId}-unit`,
				title: head.title,
				level: 1,
				lessons: [
					{ id: lessonId, title: head.title, goal: head.title, vocabulary: [], exercises: [] }
				]
			}
		]
	};
	return exerciseProblems(probe, lessonId, exercise);
}
