import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';

// Second layer: the hook already refused form posts; this refuses page loads with a translated 403.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'admin');
};
