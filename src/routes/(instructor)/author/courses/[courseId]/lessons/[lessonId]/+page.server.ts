import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { editDraft, openDraft } from '$lib/server/authoring/service';
import {
	addVocabulary,
	deleteExercise,
	deleteLesson,
	deleteVocabulary,
	moveExercise,
	updateLesson
} from '$lib/authoring/edit';
import { field, glossField } from '$lib/authoring/form-text';
import { parseVocabularyCsv } from '$lib/authoring/vocabulary-csv';
import type { Course } from '$lib/course/types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import type { CourseAuditAction } from '$lib/audit/actions';
import { MARKDOWN_MAX_LENGTH } from '$lib/markdown/limits';
import { loadDraftLesson } from './draft-lesson.server';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', (actor) =>
		loadDraftLesson(actor, event.params.courseId, event.params.lessonId)
	);

function change(
	action: CourseAuditAction,
	edit: (doc: Course, form: FormData, lessonId: string) => unknown
): (event: RequestEvent) => Promise<{ saved: string }> {
	return (event: RequestEvent) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const done = await editDraft(db, actor, event.params.courseId, { action }, (doc) =>
				edit(doc, form, event.params.lessonId)
			);
			if (done === null || done === false) error(404, m.error_not_found());
			return { saved: action };
		});
}

export const actions: Actions = {
	head: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const head = Object.fromEntries(
				[...form].map(([k, v]) => [k, typeof v === 'string' ? v : ''])
			) as Record<string, string>;
			const tooLong = ['notes', 'notesEn'].filter(
				(name) => field(form, name).length > MARKDOWN_MAX_LENGTH
			);
			if (!field(form, 'title') || !field(form, 'goal') || tooLong.length)
				return fail(400, { head, tooLong });
			await editDraft(db, actor, event.params.courseId, { action: 'course.lesson' }, (doc) =>
				updateLesson(doc, event.params.lessonId, {
					title: glossField(form, 'title', doc.interfaceLanguage),
					goal: glossField(form, 'goal', doc.interfaceLanguage),
					notes: glossField(form, 'notes', doc.interfaceLanguage)
				})
			);
			return { saved: 'course.lesson' };
		}),
	delete: (event) =>
		actAs(event, 'instructor', async (actor) => {
			await editDraft(db, actor, event.params.courseId, { action: 'course.lesson' }, (doc) =>
				deleteLesson(doc, event.params.lessonId)
			);
			redirect(303, routes.author.course(event.params.courseId));
		}),
	addWord: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const values = Object.fromEntries(form) as Record<string, string>;
			const done = await editDraft(
				db,
				actor,
				event.params.courseId,
				{ action: 'course.vocabulary' },
				(doc) => {
					const romanization = field(form, 'romanization');
					// Incomplete: null, and editDraft writes nothing.
					if (!field(form, 'term') || !field(form, 'meaning')) return null;
					if (doc.targetLanguage === 'lo' && !romanization) return null;
					return addVocabulary(doc, event.params.lessonId, [
						{
							term: field(form, 'term'),
							meaning: glossField(form, 'meaning', doc.interfaceLanguage),
							...(romanization ? { romanization } : {})
						}
					]);
				}
			);
			if (done === null) return fail(400, { word: values });
			return { saved: 'course.vocabulary' };
		}),
	importWords: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const file = form.get('file');
			const text = file instanceof File ? await file.text() : '';
			const result = await editDraft(
				db,
				actor,
				event.params.courseId,
				{ action: 'course.vocabulary' },
				(doc) => {
					const parsed = parseVocabularyCsv(text, doc.interfaceLanguage);
					if (parsed.errors.length || parsed.entries.length === 0) return null; // nothing written: the page shows the errors below
					addVocabulary(doc, event.params.lessonId, parsed.entries);
					return parsed.entries.length;
				}
			);
			if (result === null) {
				const draft = await openDraft(db, actor, event.params.courseId);
				const { errors } = parseVocabularyCsv(text, draft.course.interfaceLanguage);
				return fail(400, {
					csv: { errors: errors.length ? errors : [{ line: 1, code: 'no_term' as const }] }
				});
			}
			return { imported: result };
		}),
	deleteWord: change('course.vocabulary', (doc, form, lessonId) =>
		deleteVocabulary(doc, lessonId, field(form, 'id'))
	),
	moveExercise: change('course.exercise', (doc, form, lessonId) =>
		moveExercise(doc, lessonId, field(form, 'id'), Number(form.get('to')))
	),
	deleteExercise: change('course.exercise', (doc, form, lessonId) =>
		deleteExercise(doc, lessonId, field(form, 'id'))
	)
};
