import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { ratingQueue } from '$lib/server/rating/service';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'instructor');
	return {
		displayName: user.displayName,
		organizations: organizationsWithRole(event.locals, 'instructor'),
		ratingsWaiting: (await ratingQueue(db, actorOf(event.locals))).length
	};
};
