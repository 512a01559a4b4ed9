import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import {
	MAX_RECORDING_BYTES,
	parseSubmission,
	submitAttempt,
	type AnswerSubmission
} from '$lib/server/learning/attempts';
import { BadSubmission } from '$lib/server/learning/errors';
import { formFields, formFiles } from '$lib/validation';

/** The `attempt` part as JSON; anything that is not JSON is a malformed submission. */
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new BadSubmission('attempt is not JSON');
	}
}

/**
 * Receives a finished lesson once: multipart form data with `attempt` (JSON: client-generated attempt
 * and answer ids, answers in order) and `recording:<answer id>` files for speak answers. Sending the
 * same attempt again (a retry, a sync after being offline) stores nothing twice.
 */
export const POST: RequestHandler = (event) =>
	actAs(
		event,
		'learner',
		async (actor) => {
			const form = await event.request.formData().catch(() => error(400, m.error_unexpected()));
			const { attempt } = formFields(form);
			// The JSON part is checked by the learning domain's schema (parseSubmission, valibot).
			const parsed = parseSubmission(
				event.params.lessonId,
				parseJson(typeof attempt === 'string' ? attempt : 'null')
			);
			const files = formFiles(form);
			const answers: AnswerSubmission[] = [];
			for (const a of parsed.answers) {
				const file = files.get(`recording:${a.id}`);
				if (file) {
					if (file.size > MAX_RECORDING_BYTES) throw new BadSubmission('recording too large');
					const bytes = new Uint8Array(await file.arrayBuffer());
					answers.push({ ...a, recording: { mimeType: file.type, bytes } });
				} else answers.push(a);
			}
			const result = await submitAttempt(db, actor.id, { ...parsed, answers });
			return json(result, { status: result.created ? 201 : 200 });
		},
		{ forbidden: m.course_not_enrolled }
	);
