import { error } from '@sveltejs/kit';
import type { Actor } from '$lib/server/auth/actor';
import { db } from '$lib/server/db';
import { openDraft } from '$lib/server/authoring/service';
import { courseAudioUrls } from '$lib/server/media/service';
import { findLesson } from '$lib/authoring/edit';
import { locateProblems } from '$lib/authoring/problems';
import { recordingTexts } from '$lib/course/recording-texts';
import { m } from '$lib/paraglide/messages';

/**
 * One draft lesson as the lesson editor and its preview show it (404 when the draft has no such
 * lesson): the course's head, the lesson, the checker's problems about it and the recordings its
 * texts already have (the preview plays them as the learner will).
 */
export async function loadDraftLesson(actor: Actor, courseId: string, lessonId: string) {
	const draft = await openDraft(db, actor, courseId);
	const found = findLesson(draft.course, lessonId);
	if (!found) error(404, m.error_not_found());
	const texts = recordingTexts([found.lesson]).map((t) => t.text);
	return {
		course: {
			id: draft.course.id,
			title: draft.course.title,
			targetLanguage: draft.course.targetLanguage,
			interfaceLanguage: draft.course.interfaceLanguage
		},
		unitTitle: found.unit.title,
		lesson: found.lesson,
		problems: locateProblems(draft.problems).filter((p) => p.lessonId === found.lesson.id),
		audio: await courseAudioUrls(db, draft.course.id, texts)
	};
}
