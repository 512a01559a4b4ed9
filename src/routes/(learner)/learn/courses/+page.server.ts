import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { enrol, enrolledCourseIds, listCourses } from '$lib/server/learning/courses';
import { routes } from '$lib/routes';
import * as v from 'valibot';
import { optionalText, parseForm } from '$lib/validation';

/** Which course: `enrol` knows which ids are courses. */
const EnrolForm = v.object({ courseId: optionalText(100) });

export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor) => {
		const enrolled = new Set(await enrolledCourseIds(db, actor.id));
		const courses = await listCourses(db);
		return { courses: courses.map((c) => ({ ...c, enrolled: enrolled.has(c.id) })) };
	});

export const actions: Actions = {
	enrol: (event) =>
		actAs(event, 'learner', async (actor) => {
			const parsed = await parseForm(EnrolForm, event.request);
			const courseId = parsed.ok ? parsed.data.courseId : '';
			if (!parsed.ok || !(await enrol(db, actor.id, courseId)))
				return fail(400, { courseId, error: m.course_error_unknown() });
			redirect(303, routes.learn.course(courseId));
		})
};
