import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { db } from '$lib/server/db';
import { learnerHome } from '$lib/server/learning/home';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	return {
		displayName: user.displayName,
		organizations: organizationsWithRole(event.locals, 'learner'),
		...(await learnerHome(db, user.id))
	};
};
