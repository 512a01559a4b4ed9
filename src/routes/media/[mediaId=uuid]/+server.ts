import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { mediaForServing } from '$lib/server/media/service';

/**
 * A course medium (a recorded sentence, a picture), for anyone signed in: course content, not a
 * person's data. A medium never changes (a new recording is a new id), so the browser — and a phone
 * that downloaded a course — keeps it for a year without asking again.
 */
export const GET: RequestHandler = (event) =>
	actAs(event, 'signed-in', async () => {
		const found = await mediaForServing(db, event.params.mediaId);
		if (!found) error(404, m.error_not_found());
		return new Response(found.bytes, {
			headers: {
				'content-type': found.mimeType,
				'content-length': String(found.bytes.byteLength),
				etag: `"${found.sha256}"`,
				'cache-control': 'private, max-age=31536000, immutable',
				// Served as what it was sniffed to be, never as a page (pictures included).
				'content-security-policy': "default-src 'none'; sandbox",
				'content-disposition': 'inline'
			}
		});
	});
