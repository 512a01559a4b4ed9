import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import {
	courseHistory,
	editDraft,
	openDraft,
	publishDraft,
	restoreVersion
} from '$lib/server/authoring/service';
import {
	addLesson,
	addUnit,
	deleteLesson,
	deleteUnit,
	moveLesson,
	moveUnit,
	updateHead,
	updateUnit
} from '$lib/authoring/edit';
import { field, glossField } from '$lib/authoring/form-text';
import { locateProblems } from '$lib/authoring/problems';
import type { Course } from '$lib/course/types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import type { CourseAuditAction } from '$lib/audit/actions';
import {
	formFields,
	optionalText,
	parse,
	parseForm,
	parseHiddenForm,
	typedValues
} from '$lib/validation';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const draft = await openDraft(db, actor, event.params.courseId);
		const history = await courseHistory(db, actor, event.params.courseId);
		return { ...draft, located: locateProblems(draft.problems), history };
	});

/**
 * The page's forms (valibot, `$lib/validation`). Text is kept to sane lengths here; what a course,
 * unit or lesson needs (a title, a goal) is checked below, as the page shows it.
 */
const id = optionalText(100);
const to = optionalText(10);
const HEAD_FIELDS = ['title', 'titleEn', 'description', 'descriptionEn', 'levels'] as const;
const schemas = {
	head: v.object({
		title: optionalText(),
		titleEn: optionalText(),
		description: optionalText(10_000),
		descriptionEn: optionalText(10_000),
		levels: optionalText()
	}),
	addUnit: v.object({ title: optionalText(), titleEn: optionalText(), level: optionalText(10) }),
	updateUnit: v.object({
		id,
		title: optionalText(),
		titleEn: optionalText(),
		level: optionalText(10),
		canDo: optionalText(10_000)
	}),
	move: v.object({ id, to }),
	remove: v.object({ id }),
	addLesson: v.object({
		unitId: id,
		title: optionalText(),
		titleEn: optionalText(),
		goal: optionalText(),
		goalEn: optionalText()
	}),
	restore: v.object({ version: optionalText(10) })
};

/** One edit of the draft from a form of hidden fields and short text: the course, the edit. */
function change<S extends v.GenericSchema>(
	action: CourseAuditAction,
	schema: S,
	edit: (doc: Course, fields: v.InferOutput<S>) => unknown
): (event: RequestEvent) => Promise<{ saved: string }> {
	return (event) =>
		actAs(event, 'instructor', async (actor) => {
			const fields = await parseHiddenForm(schema, event.request);
			const done = await editDraft(db, actor, event.params.courseId, { action }, (doc) =>
				edit(doc, fields)
			);
			if (done === null || done === false) error(404, m.error_not_found());
			return { saved: action };
		});
}

/** A position or level as the page posts it (a missing one is 0, which the edit refuses). */
const whole = (value: string) => Number(value);

export const actions: Actions = {
	head: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const typed = formFields(await event.request.formData());
			const parsed = parse(schemas.head, typed);
			const values = typedValues(typed, HEAD_FIELDS);
			if (!parsed.ok) return fail(400, { head: { values, errors: parsed.errors } });
			const fields = parsed.data;
			if (!field(fields, 'title') || !field(fields, 'description') || !field(fields, 'levels'))
				return fail(400, { head: { values, errors: {} } });
			await editDraft(db, actor, event.params.courseId, { action: 'course.head' }, (doc) =>
				updateHead(doc, {
					title: glossField(fields, 'title', doc.interfaceLanguage),
					description: glossField(fields, 'description', doc.interfaceLanguage),
					levels: field(fields, 'levels')
				})
			);
			return { saved: 'course.head' };
		}),
	addUnit: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const parsed = await parseForm(schemas.addUnit, event.request);
			if (!parsed.ok)
				return fail(400, {
					addUnit: { ...typedValues(parsed.values, ['title', 'level']), errors: parsed.errors }
				});
			const fields = parsed.data;
			const title = field(fields, 'title');
			const level = whole(fields.level);
			if (!title || !(level >= 1 && level <= 6))
				return fail(400, { addUnit: { title, level: fields.level, errors: {} } });
			await editDraft(db, actor, event.params.courseId, { action: 'course.unit' }, (doc) =>
				addUnit(doc, { title: glossField(fields, 'title', doc.interfaceLanguage), level })
			);
			return { saved: 'course.unit' };
		}),
	updateUnit: change('course.unit', schemas.updateUnit, (doc, fields) =>
		updateUnit(doc, field(fields, 'id'), {
			title: glossField(fields, 'title', doc.interfaceLanguage),
			level: whole(fields.level),
			canDo: field(fields, 'canDo')
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
				.map((l) => ({ [doc.interfaceLanguage]: l }))
		})
	),
	moveUnit: change('course.unit', schemas.move, (doc, fields) =>
		moveUnit(doc, field(fields, 'id'), whole(fields.to))
	),
	deleteUnit: change('course.unit', schemas.remove, (doc, fields) =>
		deleteUnit(doc, field(fields, 'id'))
	),
	addLesson: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const parsed = await parseForm(schemas.addLesson, event.request);
			if (!parsed.ok)
				return fail(400, {
					addLesson: {
						...typedValues(parsed.values, ['unitId', 'title', 'goal']),
						errors: parsed.errors
					}
				});
			const fields = parsed.data;
			const unitId = field(fields, 'unitId');
			const title = field(fields, 'title');
			const goal = field(fields, 'goal');
			if (!title || !goal) return fail(400, { addLesson: { unitId, title, goal, errors: {} } });
			const lessonId = await editDraft(
				db,
				actor,
				event.params.courseId,
				{ action: 'course.lesson' },
				(doc) =>
					addLesson(doc, unitId, {
						title: glossField(fields, 'title', doc.interfaceLanguage),
						goal: glossField(fields, 'goal', doc.interfaceLanguage)
					})
			);
			if (!lessonId) error(404, m.error_not_found());
			redirect(303, routes.author.lesson(event.params.courseId, lessonId));
		}),
	moveLesson: change('course.lesson', schemas.move, (doc, fields) =>
		moveLesson(doc, field(fields, 'id'), whole(fields.to))
	),
	deleteLesson: change('course.lesson', schemas.remove, (doc, fields) =>
		deleteLesson(doc, field(fields, 'id'))
	),
	publish: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const result = await publishDraft(db, actor, event.params.courseId);
			if (!result.ok) return fail(400, { publish: { problems: locateProblems(result.problems) } });
			return { published: result.version };
		}),
	restore: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const version = whole((await parseHiddenForm(schemas.restore, event.request)).version);
			if (!(await restoreVersion(db, actor, event.params.courseId, version)))
				error(404, m.error_not_found());
			return { restored: version };
		})
};
