import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { learnerHome } from '$lib/server/learning/home';

export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor, user) => ({
		displayName: user.displayName,
		organizations: organizationsWithRole(event.locals, 'learner'),
		...(await learnerHome(db, actor.id))
	}));
