import type { LayoutServerLoad } from './$types';
import { ROLE_AREAS, holdsRole } from '$lib/server/auth/guards';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { displayName: locals.user.displayName } : null,
	/** The role areas this person may open, for the menu. The server checks again on every request. */
	areas: ROLE_AREAS.filter((area) => holdsRole(locals, area.role)).map((area) => area.prefix)
});
