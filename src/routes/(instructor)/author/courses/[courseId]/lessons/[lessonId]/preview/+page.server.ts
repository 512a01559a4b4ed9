import type { PageServerLoad } from './$types';
import { actAs } from '$lib/server/auth/act-as';
import { renderMarkdownGloss } from '$lib/markdown/render';
import { loadDraftLesson } from '../draft-lesson.server';

/** The draft lesson in the learner's player, notes first; nothing is recorded. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const page = await loadDraftLesson(actor, event.params.courseId, event.params.lessonId);
		return { ...page, notesHtml: renderMarkdownGloss(page.lesson.notes) };
	});
