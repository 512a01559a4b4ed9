import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { keepCourseRecording, recordingQueue, type KeepOutcome } from '$lib/server/media/service';
import { formFields, formFiles, optionalText, parse } from '$lib/validation';

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

/** The recorder's form (valibot, `$lib/validation`): which text, how it was made; the sound is `audio`. */
const KeepForm = v.object({
	key: v.pipe(optionalText(16), v.regex(KEY, m.media_error_empty)),
	source: optionalText(20)
});

export const actions: Actions = {
	/** Keeps the recording of one text and goes on to the next text without audio. */
	keep: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const parsed = parse(KeepForm, formFields(form));
			const file = formFiles(form).get('audio');
			if (!parsed.ok || !file) {
				const typed = parsed.ok ? parsed.data.key : parsed.values.key;
				return fail(400, {
					key: typeof typed === 'string' ? typed : '',
					error: m.media_error_empty()
				});
			}
			const textKey = parsed.data.key;
			const outcome = await keepCourseRecording(db, actor, {
				courseId: event.params.courseId,
				textKey,
				bytes: new Uint8Array(await file.arrayBuffer()),
				source: parsed.data.source === 'recorded' ? 'recorded' : 'uploaded'
			});
			if (!outcome.ok) return fail(400, { key: textKey, error: problemText(outcome.problem) });
			redirect(303, routes.author.recordingQueue(event.params.courseId, { after: textKey }));
		})
};
