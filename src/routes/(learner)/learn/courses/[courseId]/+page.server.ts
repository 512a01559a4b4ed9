import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { nextLessonId, startUnitIndex } from '$lib/course/progress';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { courseMap, placementLevel } from '$lib/server/learning/courses';

export const load: PageServerLoad = (event) =>
	actAs(
		event,
		'learner',
		async (actor) => {
			const map = await courseMap(db, actor.id, event.params.courseId);
			if (!map) error(404, m.course_error_unknown());
			const level = await placementLevel(db, actor.id, map.course.targetLanguage);
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
		},
		{ forbidden: m.course_not_enrolled }
	);
