import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { recordingTexts } from '$lib/course/recording-texts';
import { renderMarkdownGloss } from '$lib/markdown/render';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { courseAudioUrls } from '$lib/server/media/service';
import { lessonForLearner, nextLessonId } from '$lib/server/learning/courses';

/**
 * The whole lesson, keys included: lessons are practice, graded in the browser so they can be played
 * offline. Only learners enrolled in the course get it.
 */
export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', (actor) => lessonPage(actor.id, event.params.lessonId), {
		// The lesson exists (an unknown one is a 404): the error page offers to enrol in its course,
		// whose id leads the lesson's (params/lesson.ts).
		forbidden: () => ({
			message: m.course_not_enrolled(),
			enrolCourseId: event.params.lessonId.split('.')[0]
		})
	});

async function lessonPage(userId: string, lessonId: string) {
	const found = await lessonForLearner(db, userId, lessonId);
	if (!found) error(404, m.error_not_found());
	const { lesson, course } = found;
	// Every text of the lesson that may have a recording: synthesized (Vietnamese) or recorded by a
	// speaker in the recording queue (Lao vocabulary, prompts, model sentences, listening exercises).
	const texts = recordingTexts([lesson]).map((t) => t.text);
	const [audio, next] = await Promise.all([
		courseAudioUrls(db, course.id, texts),
		nextLessonId(db, course.id, lesson.id)
	]);
	return {
		lesson: {
			id: lesson.id,
			title: lesson.title,
			goal: lesson.goal,
			// Rendered and sanitized here: the learner's page gets inert HTML and no Markdown code.
			notesHtml: renderMarkdownGloss(lesson.notes),
			vocabulary: lesson.vocabulary,
			exercises: lesson.exercises
		},
		course: {
			id: course.id,
			title: course.title,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage,
			/** A play-through kept on the phone belongs to one published version of the course. */
			version: course.version
		},
		audio,
		nextLessonId: next
	};
}
