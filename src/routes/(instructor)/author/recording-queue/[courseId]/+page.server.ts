import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { keepCourseRecording, recordingQueue, type KeepOutcome } from '$lib/server/media/service';

const KEY = /^[0-9a-f]{16}$/;
const keyParam = (value: string | null) => (value && KEY.test(value) ? value : undefined);

/** The next text of the course to record (or the one asked for), for instructors of its organization. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', (actor) =>
		recordingQueue(db, actor, event.params.courseId, {
			item: keyParam(event.url.searchParams.get('item')),
			after: keyParam(event.url.searchParams.get('after'))
		})
	);

const problemText = (problem: Exclude<KeepOutcome, { ok: true }>['problem']) => {
	switch (problem) {
		case 'empty':
			return m.media_error_empty();
		case 'too_large':
			return m.media_error_too_large();
		case 'wrong_type':
			return m.media_error_wrong_type();
		case 'unknown_text':
			return m.media_error_unknown_text();
	}
};

export const actions: Actions = {
	/** Keeps the recording of one text and goes on to the next text without audio. */
	keep: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const textKey = String(form.get('key') ?? '');
			const file = form.get('audio');
			if (!KEY.test(textKey) || !(file instanceof File) || file.size === 0)
				return fail(400, { key: textKey, error: m.media_error_empty() });
			const outcome = await keepCourseRecording(db, actor, {
				courseId: event.params.courseId,
				textKey,
				bytes: new Uint8Array(await file.arrayBuffer()),
				source: form.get('source') === 'recorded' ? 'recorded' : 'uploaded'
			});
			if (!outcome.ok) return fail(400, { key: textKey, error: problemText(outcome.problem) });
			redirect(303, routes.author.recordingQueue(event.params.courseId, { after: textKey }));
		})
};
