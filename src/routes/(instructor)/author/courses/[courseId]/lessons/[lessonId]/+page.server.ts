import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
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
import {
	formFields,
	formFiles,
	optionalText,
	parse,
	parseForm,
	parseHiddenForm,
	typedText,
	typedValues
} from '$lib/validation';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', (actor) =>
		loadDraftLesson(actor, event.params.courseId, event.params.lessonId)
	);

/**
 * The page's forms (valibot, `$lib/validation`). Text is kept to sane lengths here; what a lesson or
 * a word needs is checked below, as the page shows it. Notes are measured as the course keeps them
 * (trimmed, NFC) against MARKDOWN_MAX_LENGTH; the schema only stops text far beyond it.
 */
const HEAD_FIELDS = ['title', 'titleEn', 'goal', 'goalEn', 'notes', 'notesEn'] as const;
const NOTES = ['notes', 'notesEn'] as const;
const WORD_FIELDS = ['term', 'romanization', 'meaning', 'meaningEn'] as const;
/** A word list bigger than this is not one lesson's (about 20,000 words). */
const MAX_CSV_CHARS = 1_000_000;
const schemas = {
	head: v.object({
		title: optionalText(),
		titleEn: optionalText(),
		goal: optionalText(),
		goalEn: optionalText(),
		notes: typedText(MARKDOWN_MAX_LENGTH * 4),
		notesEn: typedText(MARKDOWN_MAX_LENGTH * 4)
	}),
	word: v.object({
		term: optionalText(),
		romanization: optionalText(),
		meaning: optionalText(),
		meaningEn: optionalText()
	}),
	/** The uploaded file's text (the file field `file`). */
	csv: v.object({ csv: typedText(MAX_CSV_CHARS) }),
	/** An exercise or word of the lesson, and where it moves. */
	entry: v.object({ id: optionalText(100), to: optionalText(10) })
};

/** One edit of the lesson from a form of hidden fields. */
function change(
	action: CourseAuditAction,
	edit: (doc: Course, entry: v.InferOutput<typeof schemas.entry>, lessonId: string) => unknown
): (event: RequestEvent) => Promise<{ saved: string }> {
	return (event: RequestEvent) =>
		actAs(event, 'instructor', async (actor) => {
			const entry = await parseHiddenForm(schemas.entry, event.request);
			const done = await editDraft(db, actor, event.params.courseId, { action }, (doc) =>
				edit(doc, entry, event.params.lessonId)
			);
			if (done === null || done === false) error(404, m.error_not_found());
			return { saved: action };
		});
}

export const actions: Actions = {
	head: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const typed = formFields(await event.request.formData());
			const head = typedValues(typed, HEAD_FIELDS);
			const parsed = parse(schemas.head, typed);
			if (!parsed.ok) {
				const tooLong = NOTES.filter((name) => parsed.errors[name]);
				return fail(400, { head, tooLong, errors: parsed.errors });
			}
			const fields = parsed.data;
			const tooLong = NOTES.filter((name) => field(fields, name).length > MARKDOWN_MAX_LENGTH);
			if (!field(fields, 'title') || !field(fields, 'goal') || tooLong.length)
				return fail(400, { head, tooLong, errors: {} });
			await editDraft(db, actor, event.params.courseId, { action: 'course.lesson' }, (doc) =>
				updateLesson(doc, event.params.lessonId, {
					title: glossField(fields, 'title', doc.interfaceLanguage),
					goal: glossField(fields, 'goal', doc.interfaceLanguage),
					notes: glossField(fields, 'notes', doc.interfaceLanguage)
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
			const parsed = await parseForm(schemas.word, event.request);
			if (!parsed.ok) return fail(400, { word: typedValues(parsed.values, WORD_FIELDS) });
			const fields = parsed.data;
			const done = await editDraft(
				db,
				actor,
				event.params.courseId,
				{ action: 'course.vocabulary' },
				(doc) => {
					const romanization = field(fields, 'romanization');
					// Incomplete: null, and editDraft writes nothing.
					if (!field(fields, 'term') || !field(fields, 'meaning')) return null;
					if (doc.targetLanguage === 'lo' && !romanization) return null;
					return addVocabulary(doc, event.params.lessonId, [
						{
							term: field(fields, 'term'),
							meaning: glossField(fields, 'meaning', doc.interfaceLanguage),
							...(romanization ? { romanization } : {})
						}
					]);
				}
			);
			if (done === null) return fail(400, { word: fields });
			return { saved: 'course.vocabulary' };
		}),
	importWords: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const files = formFiles(await event.request.formData());
			const file = files.get('file');
			const parsed = parse(schemas.csv, { csv: file ? await file.text() : '' });
			if (!parsed.ok) return fail(400, { csv: { errors: [], message: parsed.errors.csv } });
			const text = parsed.data.csv;
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
	deleteWord: change('course.vocabulary', (doc, entry, lessonId) =>
		deleteVocabulary(doc, lessonId, field(entry, 'id'))
	),
	moveExercise: change('course.exercise', (doc, entry, lessonId) =>
		moveExercise(doc, lessonId, field(entry, 'id'), Number(entry.to))
	),
	deleteExercise: change('course.exercise', (doc, entry, lessonId) =>
		deleteExercise(doc, lessonId, field(entry, 'id'))
	)
};
