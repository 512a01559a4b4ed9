import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { exportCourse } from '$lib/server/authoring/service';

/** The draft as one JSON file (the shape of a seed course file), to import here or elsewhere. */
export const GET: RequestHandler = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const document = await exportCourse(db, actor, event.params.courseId);
		return new Response(JSON.stringify(document, null, '\t') + '\n', {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="${document.id}-v${document.version}.json"`,
				'cache-control': 'private, no-store'
			}
		});
	});
