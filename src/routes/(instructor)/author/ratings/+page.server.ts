import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { ratingQueue } from '$lib/server/rating/service';
import { savedNotice } from './saved-notice';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const queue = await ratingQueue(db, actor);
		return {
			queue: queue.map((q) => ({
				id: q.id,
				source: q.source,
				skill: q.skill,
				itemLevel: q.itemLevel,
				stage: q.stage,
				origin: q.origin,
				createdAt: q.createdAt
			})),
			...savedNotice(event.url)
		};
	});
