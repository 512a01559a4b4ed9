import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { openAttemptOf, requireOwnCandidacy } from '$lib/server/screening/candidate-guard';
import { submitRecording, RECORDING_MAX_BYTES } from '$lib/server/screening/rated-part';
import { isRecordedAudio } from '$lib/server/rating/audio-type';
import { routes } from '$lib/routes';
import { minutesAndSeconds } from '$lib/screening/speaking-time';

/**
 * The candidate's recording of the current speaking task: the raw audio as the request body, the
 * task as `?item=`. Capped at RECORDING_MAX_BYTES, refused after the deadline like any answer.
 */
export const POST: RequestHandler = async (event) => {
	const ctx = await requireOwnCandidacy(event);
	const overview = routes.learn.screening.overview(ctx.candidate.id);
	const mimeType = event.request.headers.get('content-type') ?? '';
	if (!isRecordedAudio(mimeType)) error(415, m.test_rated_error_no_recording());
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > RECORDING_MAX_BYTES) error(413, m.test_rated_error_too_large());
	const bytes = new Uint8Array(await event.request.arrayBuffer());
	if (bytes.byteLength > RECORDING_MAX_BYTES) error(413, m.test_rated_error_too_large());
	const row = await openAttemptOf(ctx);
	if (!row || row.status !== 'in_progress') return json({ next: overview });
	// The recording's length is measured from the file by the server, not taken from the browser.
	const outcome = await submitRecording(db, row, ctx, {
		itemId: event.url.searchParams.get('item') ?? '',
		bytes,
		mimeType
	});
	if (outcome.ok) return json({ next: outcome.closed ? overview : `${overview}/rated` });
	switch (outcome.reason) {
		case 'empty':
			error(400, m.test_rated_error_no_recording());
			break;
		case 'too_large':
			error(413, m.test_rated_error_too_large());
			break;
		case 'too_short':
			error(
				400,
				m.test_rated_error_too_short({ minimum: minutesAndSeconds(outcome.minimumSeconds ?? 0) })
			);
			break;
		case 'unreadable':
			error(400, m.test_rated_error_unreadable());
			break;
		case 'not_current':
			error(409, m.test_rated_error_not_current());
			break;
		default:
			// Time is up or the attempt is closed: the overview says what happened.
			return json({ next: overview });
	}
};
