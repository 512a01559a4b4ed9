import { error, fail, redirect } from '@sveltejs/kit';
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

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const draft = await openDraft(db, actor, event.params.courseId);
		const history = await courseHistory(db, actor, event.params.courseId);
		return { ...draft, located: locateProblems(draft.problems), history };
	});

/** One edit of the draft from a form: the form, the course's interface language, the edit. */
function change(
	action: CourseAuditAction,
	edit: (doc: Course, form: FormData) => unknown
): (event: RequestEvent) => Promise<{ saved: string }> {
	return (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const done = await editDraft(db, actor, event.params.courseId, { action }, (doc) =>
				edit(doc, form)
			);
			if (done === null || done === false) error(404, m.error_not_found());
			return { saved: action };
		});
}

const position = (form: FormData) => Number(form.get('to'));
const level = (form: FormData) => Number(form.get('level'));

export const actions: Actions = {
	head: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const values = {
				title: field(form, 'title'),
				description: field(form, 'description'),
				levels: field(form, 'levels')
			};
			if (!values.title || !values.description || !values.levels)
				return fail(400, { head: { values: Object.fromEntries(form) as Record<string, string> } });
			await editDraft(db, actor, event.params.courseId, { action: 'course.head' }, (doc) =>
				updateHead(doc, {
					title: glossField(form, 'title', doc.interfaceLanguage),
					description: glossField(form, 'description', doc.interfaceLanguage),
					levels: values.levels
				})
			);
			return { saved: 'course.head' };
		}),
	addUnit: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const title = field(form, 'title');
			if (!title || !(level(form) >= 1 && level(form) <= 6))
				return fail(400, { addUnit: { title, level: String(form.get('level') ?? '') } });
			await editDraft(db, actor, event.params.courseId, { action: 'course.unit' }, (doc) =>
				addUnit(doc, {
					title: glossField(form, 'title', doc.interfaceLanguage),
					level: level(form)
				})
			);
			return { saved: 'course.unit' };
		}),
	updateUnit: change('course.unit', (doc, form) =>
		updateUnit(doc, field(form, 'id'), {
			title: glossField(form, 'title', doc.interfaceLanguage),
			level: level(form),
			canDo: field(form, 'canDo')
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
				.map((l) => ({ [doc.interfaceLanguage]: l }))
		})
	),
	moveUnit: change('course.unit', (doc, form) => moveUnit(doc, field(form, 'id'), position(form))),
	deleteUnit: change('course.unit', (doc, form) => deleteUnit(doc, field(form, 'id'))),
	addLesson: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const unitId = field(form, 'unitId');
			const title = field(form, 'title');
			const goal = field(form, 'goal');
			if (!title || !goal) return fail(400, { addLesson: { unitId, title, goal } });
			const lessonId = await editDraft(
				db,
				actor,
				event.params.courseId,
				{ action: 'course.lesson' },
				(doc) =>
					addLesson(doc, unitId, {
						title: glossField(form, 'title', doc.interfaceLanguage),
						goal: glossField(form, 'goal', doc.interfaceLanguage)
					})
			);
			if (!lessonId) error(404, m.error_not_found());
			redirect(303, routes.author.lesson(event.params.courseId, lessonId));
		}),
	moveLesson: change('course.lesson', (doc, form) =>
		moveLesson(doc, field(form, 'id'), position(form))
	),
	deleteLesson: change('course.lesson', (doc, form) => deleteLesson(doc, field(form, 'id'))),
	publish: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const result = await publishDraft(db, actor, event.params.courseId);
			if (!result.ok) return fail(400, { publish: { problems: locateProblems(result.problems) } });
			return { published: result.version };
		}),
	restore: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const version = Number((await event.request.formData()).get('version'));
			if (!(await restoreVersion(db, actor, event.params.courseId, version)))
				error(404, m.error_not_found());
			return { restored: version };
		})
};
