/**
 * Edits of a course document (the editor's draft, in the shape of a seed file). Each returns false
 * when what it names is not in the course, so a stale form changes nothing. Pure: the server applies
 * them inside one transaction per save.
 */
import type {
	Course,
	Exercise,
	ExerciseKind,
	Gloss,
	Lesson,
	Unit,
	VocabularyEntry
} from '$lib/course/types';
import { blankExercise } from './exercise-form';

/** A short random id, unique within a course by a wide margin (36^8 ≈ 2.8·10^12). */
export function newId(prefix: string): string {
	return `${prefix}${crypto.randomUUID().replaceAll('-', '').slice(0, 8)}`;
}

/** Moves the item with `id` to position `to` (clamped); false when there is no such item. */
export function moveItem<T extends { id: string }>(list: T[], id: string, to: number): boolean {
	const from = list.findIndex((item) => item.id === id);
	if (from < 0 || !Number.isInteger(to)) return false;
	const [item] = list.splice(from, 1);
	list.splice(Math.max(0, Math.min(to, list.length)), 0, item);
	return true;
}

function removeItem<T extends { id: string }>(list: T[], id: string): boolean {
	const at = list.findIndex((item) => item.id === id);
	if (at < 0) return false;
	list.splice(at, 1);
	return true;
}

export function findUnit(course: Course, unitId: string): Unit | undefined {
	return course.units.find((u) => u.id === unitId);
}

export function findLesson(course: Course, lessonId: string) {
	for (const unit of course.units) {
		const lesson = unit.lessons.find((l) => l.id === lessonId);
		if (lesson) return { unit, lesson };
	}
	return undefined;
}

export type CourseHeadInput = { title: Gloss; description: Gloss; levels: string };

export function updateHead(course: Course, head: CourseHeadInput): true {
	course.title = head.title;
	course.description = head.description;
	course.levels = head.levels;
	return true;
}

export function addUnit(course: Course, input: { title: Gloss; level: number }): string {
	const id = newId('u');
	course.units.push({ id, title: input.title, level: input.level, lessons: [] });
	return id;
}

export function updateUnit(
	course: Course,
	unitId: string,
	input: { title: Gloss; level: number; canDo: Gloss[] }
): boolean {
	const unit = findUnit(course, unitId);
	if (!unit) return false;
	unit.title = input.title;
	unit.level = input.level;
	if (input.canDo.length) unit.canDo = input.canDo;
	else delete unit.canDo;
	return true;
}

export const moveUnit = (course: Course, unitId: string, to: number) =>
	moveItem(course.units, unitId, to);
export const deleteUnit = (course: Course, unitId: string) => removeItem(course.units, unitId);

export function addLesson(
	course: Course,
	unitId: string,
	input: { title: Gloss; goal: Gloss }
): string | null {
	const unit = findUnit(course, unitId);
	if (!unit) return null;
	const lesson: Lesson = { id: newId('l'), ...input, vocabulary: [], exercises: [] };
	unit.lessons.push(lesson);
	return lesson.id;
}

export function updateLesson(
	course: Course,
	lessonId: string,
	input: { title: Gloss; goal: Gloss; notes?: Gloss }
): boolean {
	const found = findLesson(course, lessonId);
	if (!found) return false;
	const { notes, ...head } = input;
	Object.assign(found.lesson, head);
	// Notes without any text are no notes (the learner's page then starts with the first exercise).
	if (notes && Object.values(notes).some((t) => t?.trim())) found.lesson.notes = notes;
	else delete found.lesson.notes;
	return true;
}

export function moveLesson(course: Course, lessonId: string, to: number): boolean {
	const found = findLesson(course, lessonId);
	return found ? moveItem(found.unit.lessons, lessonId, to) : false;
}

export function deleteLesson(course: Course, lessonId: string): boolean {
	const found = findLesson(course, lessonId);
	return found ? removeItem(found.unit.lessons, lessonId) : false;
}

export function addExercise(course: Course, lessonId: string, kind: ExerciseKind): string | null {
	const found = findLesson(course, lessonId);
	if (!found) return null;
	const exercise = blankExercise(kind, newId('x'), course.interfaceLanguage);
	found.lesson.exercises.push(exercise);
	return exercise.id;
}

/** Replaces the exercise with the same id. */
export function saveExercise(course: Course, lessonId: string, exercise: Exercise): boolean {
	const found = findLesson(course, lessonId);
	const at = found?.lesson.exercises.findIndex((e) => e.id === exercise.id) ?? -1;
	if (!found || at < 0) return false;
	found.lesson.exercises[at] = exercise;
	return true;
}

export function moveExercise(course: Course, lessonId: string, id: string, to: number): boolean {
	const found = findLesson(course, lessonId);
	return found ? moveItem(found.lesson.exercises, id, to) : false;
}

export function deleteExercise(course: Course, lessonId: string, id: string): boolean {
	const found = findLesson(course, lessonId);
	return found ? removeItem(found.lesson.exercises, id) : false;
}

export type VocabularyInput = Omit<VocabularyEntry, 'id'>;

/** Adds entries to a lesson, each with a new id. */
export function addVocabulary(
	course: Course,
	lessonId: string,
	entries: VocabularyInput[]
): boolean {
	const found = findLesson(course, lessonId);
	if (!found) return false;
	for (const entry of entries) found.lesson.vocabulary.push({ id: newId('v'), ...entry });
	return true;
}

export function deleteVocabulary(course: Course, lessonId: string, id: string): boolean {
	const found = findLesson(course, lessonId);
	return found ? removeItem(found.lesson.vocabulary, id) : false;
}
