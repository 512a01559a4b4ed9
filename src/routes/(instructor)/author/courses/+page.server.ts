import { fail, redirect } from '@sveltejs/kit';
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

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		courses: await authoredCourses(db, actor),
		organizations: organizationsWithRole(event.locals, 'instructor')
	}));

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
	create: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const values: NewCourseInput = {
				organizationId: text(form, 'organizationId'),
				targetLanguage: text(form, 'targetLanguage') as NewCourseInput['targetLanguage'],
				interfaceLanguage: text(form, 'interfaceLanguage') as NewCourseInput['interfaceLanguage'],
				title: text(form, 'title'),
				titleEn: text(form, 'titleEn'),
				description: text(form, 'description'),
				levels: text(form, 'levels')
			};
			const result = await createCourse(db, actor, values);
			if (!result.ok) return fail(400, { create: { values, errors: result.errors } });
			redirect(303, routes.author.course(result.courseId));
		}),

	edit: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const courseId = text(await event.request.formData(), 'courseId');
			await startEditing(db, actor, courseId);
			redirect(303, routes.author.course(courseId));
		}),

	import: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const file = form.get('file');
			const organizationId = text(form, 'organizationId');
			if (!(file instanceof File) || file.size === 0)
				return fail(400, { import: { errors: [{ code: 'not_json' as const }] } });
			const result = await importCourse(db, actor, organizationId, await file.text());
			if (!result.ok) return fail(400, { import: { errors: result.errors } });
			redirect(303, routes.author.course(result.courseId));
		})
};
