import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { nextLessonId, startUnitIndex } from '$lib/course/progress';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { courseMap, placementLevel } from '$lib/server/learning/courses';
import { NotAllowed } from '$lib/server/learning/errors';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	const map = await courseMap(db, user.id, event.params.courseId).catch((e: unknown) => {
		if (e instanceof NotAllowed) error(403, m.course_not_enrolled());
		throw e;
	});
	if (!map) error(404, m.course_error_unknown());
	const level = await placementLevel(db, user.id, map.course.targetLanguage);
	const startUnit = level === null ? null : startUnitIndex(map.units, level);
	const finished = new Set(
		map.units.flatMap((u) => u.lessons.filter((l) => l.done).map((l) => l.id))
	);
	return {
		course: map.course,
		units: map.units,
		startUnit,
		continueLessonId: nextLessonId(map.units, finished, startUnit ?? 0)
	};
};
