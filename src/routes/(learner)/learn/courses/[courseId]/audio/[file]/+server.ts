import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { env } from '$env/dynamic/private';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { AUDIO_FILE_PATTERN, courseAudioDir } from '$lib/server/learning/audio';
import { isEnrolled } from '$lib/server/learning/courses';

/**
 * A course recording, for learners enrolled in the course. Files are named by the hash of their words,
 * so a name never changes content: the browser (and the offline cache) may keep it for a year.
 */
export const GET: RequestHandler = (event) =>
	actAs(event, 'learner', async (actor) => {
		const { courseId, file } = event.params;
		if (!AUDIO_FILE_PATTERN.test(file)) error(404, m.error_not_found());
		if (!(await isEnrolled(db, actor.id, courseId))) error(403, m.course_not_enrolled());
		const body = await readFile(
			join(courseAudioDir(courseId, env.COURSES_DIR || undefined), file)
		).catch(() => null);
		if (!body) error(404, m.error_not_found());
		return new Response(new Uint8Array(body), {
			headers: {
				'content-type': 'audio/ogg',
				'content-length': String(body.byteLength),
				'cache-control': 'private, max-age=31536000, immutable'
			}
		});
	});
