import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { audioTexts } from '$lib/course/check';
import type { Course } from '$lib/course/types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { audioUrls } from '$lib/server/learning/audio';
import { courseOutline, lessonForLearner } from '$lib/server/learning/courses';

/**
 * The whole lesson, keys included: lessons are practice, graded in the browser so they can be played
 * offline. Only learners enrolled in the course get it.
 */
export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', (actor) => lessonPage(actor.id, event.params.lessonId), {
		forbidden: m.course_not_enrolled
	});

async function lessonPage(userId: string, lessonId: string) {
	const found = await lessonForLearner(db, userId, lessonId);
	if (!found) error(404, m.error_not_found());
	const { lesson, course } = found;
	const order = (await courseOutline(db, course.id)).flatMap((u) => u.lessons.map((l) => l.id));
	const next = order[order.indexOf(lesson.id) + 1] ?? null;
	// audioTexts reads a course; one lesson wrapped as one is enough.
	const texts = audioTexts({ units: [{ lessons: [lesson] }] } as unknown as Course);
	return {
		lesson: {
			id: lesson.id,
			title: lesson.title,
			goal: lesson.goal,
			vocabulary: lesson.vocabulary,
			exercises: lesson.exercises
		},
		course: {
			id: course.id,
			title: course.title,
			targetLanguage: course.targetLanguage,
			interfaceLanguage: course.interfaceLanguage
		},
		audio: audioUrls(course.id, texts, env.COURSES_DIR || undefined),
		nextLessonId: next
	};
}
