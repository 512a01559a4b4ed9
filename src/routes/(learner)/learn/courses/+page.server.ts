import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { enrol, enrolledCourseIds, listCourses } from '$lib/server/learning/courses';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	const enrolled = new Set(await enrolledCourseIds(db, user.id));
	const courses = await listCourses(db);
	return { courses: courses.map((c) => ({ ...c, enrolled: enrolled.has(c.id) })) };
};

export const actions: Actions = {
	enrol: async (event) => {
		const user = requireRole(event, 'learner');
		const courseId = String((await event.request.formData()).get('courseId') ?? '');
		if (!(await enrol(db, user.id, courseId)))
			return fail(400, { courseId, error: m.course_error_unknown() });
		redirect(303, `/learn/courses/${encodeURIComponent(courseId)}`);
	}
};
