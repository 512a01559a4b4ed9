import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { openDraft } from '$lib/server/authoring/service';
import { findLesson } from '$lib/authoring/edit';
import { m } from '$lib/paraglide/messages';

/** The draft lesson in the learner's player; nothing is recorded. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const draft = await openDraft(db, actor, event.params.courseId);
		const found = findLesson(draft.course, event.params.lessonId);
		if (!found) error(404, m.error_not_found());
		return {
			course: {
				id: draft.course.id,
				targetLanguage: draft.course.targetLanguage,
				interfaceLanguage: draft.course.interfaceLanguage
			},
			lesson: found.lesson,
			problems: draft.problems.filter((p) => p.startsWith(`lesson ${found.lesson.id} `)).length
		};
	});
