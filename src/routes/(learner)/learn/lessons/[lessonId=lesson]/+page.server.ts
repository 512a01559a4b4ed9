import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { audioTexts } from '$lib/course/check';
import type { Course } from '$lib/course/types';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { audioUrls } from '$lib/server/learning/audio';
import { courseOutline, lessonForLearner } from '$lib/server/learning/courses';
import { NotAllowed } from '$lib/server/learning/errors';

/**
 * The whole lesson, keys included: lessons are practice, graded in the browser so they can be played
 * offline. Only learners enrolled in the course get it.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	const found = await lessonForLearner(db, user.id, event.params.lessonId).catch((e: unknown) => {
		if (e instanceof NotAllowed) error(403, m.course_not_enrolled());
		throw e;
	});
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
};
