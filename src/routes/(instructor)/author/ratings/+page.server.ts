import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { ratingQueue } from '$lib/server/rating/service';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'instructor');
	const queue = await ratingQueue(db, actorOf(event.locals));
	const saved = Number(event.url.searchParams.get('saved'));
	return {
		queue: queue.map((q) => ({
			id: q.id,
			source: q.source,
			skill: q.skill,
			itemLevel: q.itemLevel,
			createdAt: q.createdAt
		})),
		savedLevel: Number.isInteger(saved) && saved >= 1 && saved <= 6 ? saved : null
	};
};
