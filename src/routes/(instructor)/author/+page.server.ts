import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { ratingQueue } from '$lib/server/rating/service';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor, user) => ({
		displayName: user.displayName,
		organizations: organizationsWithRole(event.locals, 'instructor'),
		ratingsWaiting: (await ratingQueue(db, actor)).length
	}));
