import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { glossText } from '$lib/course/gloss';
import type { Gloss } from '$lib/course/types';
import { nextLessonId, startUnitIndex } from '$lib/course/progress';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { courseMap, placementLevel } from '$lib/server/learning/courses';
import { offlineSizes } from '$lib/server/offline/manifest';

export const load: PageServerLoad = (event) =>
	actAs(
		event,
		'learner',
		async (actor) => {
			const map = await courseMap(db, actor.id, event.params.courseId);
			if (!map) error(404, m.course_error_unknown());
			const [level, downloadSizes] = await Promise.all([
				placementLevel(db, actor.id, map.course.targetLanguage),
				offlineSizes(db, map.course.id, map.publication)
			]);
			const startUnit = level === null ? null : startUnitIndex(map.units, level);
			const finished = new Set(
				map.units.flatMap((u) => u.lessons.filter((l) => l.done).map((l) => l.id))
			);
			// Sent in the learner's language only: the map is the longest learner page, and every gloss in
			// three languages (with the course description it does not show) doubled its data.
			const locale = getLocale();
			const text = (gloss: Gloss | undefined) =>
				glossText(gloss, locale, map.course.interfaceLanguage);
			return {
				course: { id: map.course.id, title: text(map.course.title) },
				units: map.units.map((unit) => ({
					id: unit.id,
					level: unit.level,
					title: text(unit.title),
					canDo: unit.canDo.map(text),
					lessons: unit.lessons.map((l) => ({ id: l.id, title: text(l.title), done: l.done }))
				})),
				startUnit,
				continueLessonId: nextLessonId(map.units, finished, startUnit ?? 0),
				// With the map, not asked for after it: the panel offers its downloads as soon as the phone
				// has said what it holds (a request after the map delayed its first paint by 1–2 s on a slow
				// phone, issue 15). The same for every learner of the course, kept by the server.
				downloadSizes
			};
		},
		// The course exists (an unknown one is a 404 above): the error page offers to enrol.
		{
			forbidden: () => ({
				message: m.course_not_enrolled(),
				enrolCourseId: event.params.courseId
			})
		}
	);
