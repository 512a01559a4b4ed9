import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import {
	MAX_RECORDING_BYTES,
	parseSubmission,
	submitAttempt,
	type AnswerSubmission
} from '$lib/server/learning/attempts';
import { recordingContentType } from '$lib/server/rating/audio-type';
import { BadSubmission, NotAllowed } from '$lib/server/learning/errors';

/**
 * Receives a finished lesson once: multipart form data with `attempt` (JSON: client-generated attempt
 * and answer ids, answers in order) and `recording:<answer id>` files for speak answers. Sending the
 * same attempt again (a retry, a sync after being offline) stores nothing twice.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireRole(event, 'learner');
	const form = await event.request.formData().catch(() => error(400, m.error_unexpected()));
	try {
		const raw = JSON.parse(String(form.get('attempt') ?? 'null')) as unknown;
		const parsed = parseSubmission(event.params.lessonId, raw);
		const answers: AnswerSubmission[] = [];
		for (const a of parsed.answers) {
			const file = form.get(`recording:${a.id}`);
			if (file instanceof Blob && file.size > 0) {
				if (file.size > MAX_RECORDING_BYTES) throw new BadSubmission('recording too large');
				answers.push({
					...a,
					recording: {
						mimeType: recordingContentType(file.type),
						bytes: new Uint8Array(await file.arrayBuffer())
					}
				});
			} else answers.push(a);
		}
		const result = await submitAttempt(db, user.id, { ...parsed, answers });
		return json(result, { status: result.created ? 201 : 200 });
	} catch (e) {
		if (e instanceof NotAllowed) error(403, m.course_not_enrolled());
		if (e instanceof BadSubmission || e instanceof SyntaxError) error(400, m.error_unexpected());
		throw e;
	}
};
