import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import {
	authoredCourses,
	createCourse,
	importCourse,
	startEditing,
	type NewCourseInput
} from '$lib/server/authoring/service';
import { routes } from '$lib/routes';
import {
	formFields,
	formFiles,
	optionalText,
	parse,
	parseForm,
	parseHiddenForm,
	typedValues
} from '$lib/validation';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		courses: await authoredCourses(db, actor),
		organizations: organizationsWithRole(event.locals, 'instructor')
	}));

/**
 * The page's forms (valibot, `$lib/validation`). What a course needs is `createCourse`'s rule, whose
 * codes the page shows beside the fields; the schema keeps text to sane lengths.
 */
const CREATE_FIELDS = [
	'organizationId',
	'targetLanguage',
	'interfaceLanguage',
	'title',
	'titleEn',
	'description',
	'levels'
] as const;
const schemas = {
	create: v.object({
		organizationId: optionalText(100),
		targetLanguage: optionalText(10),
		interfaceLanguage: optionalText(10),
		title: optionalText(),
		titleEn: optionalText(),
		description: optionalText(10_000),
		levels: optionalText()
	}),
	edit: v.object({ courseId: optionalText(100) }),
	/** The course itself is the file field `file` (JSON, read by `importCourse`). */
	import: v.object({ organizationId: optionalText(100) })
};

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const parsed = await parseForm(schemas.create, event.request);
			if (!parsed.ok)
				return fail(400, {
					create: { values: typedValues(parsed.values, CREATE_FIELDS), errors: parsed.errors }
				});
			const values: NewCourseInput = {
				...parsed.data,
				targetLanguage: parsed.data.targetLanguage as NewCourseInput['targetLanguage'],
				interfaceLanguage: parsed.data.interfaceLanguage as NewCourseInput['interfaceLanguage']
			};
			const result = await createCourse(db, actor, values);
			if (!result.ok) return fail(400, { create: { values, errors: result.errors } });
			redirect(303, routes.author.course(result.courseId));
		}),

	edit: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { courseId } = await parseHiddenForm(schemas.edit, event.request);
			await startEditing(db, actor, courseId);
			redirect(303, routes.author.course(courseId));
		}),

	import: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const parsed = parse(schemas.import, formFields(form));
			const file = formFiles(form).get('file');
			if (!parsed.ok || !file)
				return fail(400, { import: { errors: [{ code: 'not_json' as const }] } });
			const { organizationId } = parsed.data;
			const result = await importCourse(db, actor, organizationId, await file.text());
			if (!result.ok) return fail(400, { import: { errors: result.errors } });
			redirect(303, routes.author.course(result.courseId));
		})
};
