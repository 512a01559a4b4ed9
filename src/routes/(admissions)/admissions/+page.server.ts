import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { organizationsWithRole } from '$lib/server/accounts/home';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'admissions');
	return {
		displayName: user.displayName,
		organizations: organizationsWithRole(event.locals, 'admissions')
	};
};
