import type { LayoutServerLoad } from './$types';
import { ROLES } from '$lib/roles';
import { holdsRole } from '$lib/server/auth/guards';

export const load: LayoutServerLoad = ({ locals }) => ({
	// The id keys the phone's outbox: one learner's offline work is never sent under another's session.
	user: locals.user ? { id: locals.user.id, displayName: locals.user.displayName } : null,
	/** The roles whose areas this person may open, for the menu. The server checks again on every request. */
	areas: ROLES.filter((role) => holdsRole(locals, role))
});
