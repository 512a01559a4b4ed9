import type { Role } from '$lib/server/db/schema';
import { INDEPENDENT_LEARNERS_ORG } from '$lib/server/seed/demo';

/** The organizations where the signed-in person holds `role`, for a role's home page. */
export function organizationsWithRole(locals: App.Locals, role: Role) {
	return locals.memberships
		.filter((m) => m.role === role)
		.map((m) => ({
			organizationId: m.organizationId,
			organizationName: m.organizationName,
			independent: m.organizationId === INDEPENDENT_LEARNERS_ORG.id
		}));
}
