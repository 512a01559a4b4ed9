import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { editDraft, openDraft } from '$lib/server/authoring/service';
import { findLesson, newId, saveExercise } from '$lib/authoring/edit';
import {
	exerciseFields,
	exerciseFromFields,
	KIND_FIELDS,
	type ExerciseFields
} from '$lib/authoring/exercise-form';
import { exerciseProblems } from '$lib/authoring/exercise-check';
import { EXERCISE_KINDS, type ExerciseKind } from '$lib/course/types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';

const NEW = 'new';

function kindOf(value: string | null): ExerciseKind {
	if (!EXERCISE_KINDS.includes(value as ExerciseKind)) error(404, m.error_not_found());
	return value as ExerciseKind;
}

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const { courseId, lessonId, exerciseId } = event.params;
		const draft = await openDraft(db, actor, courseId);
		const found = findLesson(draft.course, lessonId);
		if (!found) error(404, m.error_not_found());
		const lang = draft.course.interfaceLanguage;
		const existing = found.lesson.exercises.find((e) => e.id === exerciseId);
		if (!existing && exerciseId !== NEW) error(404, m.error_not_found());
		const kind = existing?.kind ?? kindOf(event.url.searchParams.get('kind'));
		return {
			course: {
				id: draft.course.id,
				title: draft.course.title,
				targetLanguage: draft.course.targetLanguage,
				interfaceLanguage: lang
			},
			lesson: {
				id: found.lesson.id,
				title: found.lesson.title,
				vocabulary: found.lesson.vocabulary
			},
			kind,
			exerciseId: existing?.id ?? NEW,
			fields: existing ? exerciseFields(existing, lang) : ({} as ExerciseFields),
			problems: existing ? exerciseProblems(draft.course, found.lesson.id, existing) : []
		};
	});

export const actions: Actions = {
	save: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { courseId, lessonId, exerciseId } = event.params;
			const form = await event.request.formData();
			const kind = kindOf(String(form.get('kind')));
			const fields: ExerciseFields = { skill: String(form.get('skill') ?? '') };
			for (const name of KIND_FIELDS[kind]) fields[name] = String(form.get(name) ?? '');
			// Checked as typed first: an incomplete exercise is not saved, and the form keeps it.
			const draft = await openDraft(db, actor, courseId);
			const lang = draft.course.interfaceLanguage;
			const saved = findLesson(draft.course, lessonId)?.lesson.exercises.find(
				(e) => e.id === exerciseId
			);
			if (!saved && exerciseId !== NEW) error(404, m.error_not_found());
			const id = saved?.id ?? newId('x');
			const built = exerciseFromFields(kind, id, fields, lang, saved);
			const problems = exerciseProblems(draft.course, lessonId, built.exercise);
			if (problems.length || built.errors.length)
				return fail(400, { fields, problems, errors: built.errors });
			const done = await editDraft(
				db,
				actor,
				courseId,
				{ action: 'course.exercise', details: { lessonId } },
				(doc) => {
					const found = findLesson(doc, lessonId);
					if (!found) return null;
					if (saved) return saveExercise(doc, lessonId, built.exercise);
					found.lesson.exercises.push(built.exercise);
					return true;
				}
			);
			if (!done) error(404, m.error_not_found());
			redirect(303, routes.author.lesson(courseId, lessonId));
		})
};
