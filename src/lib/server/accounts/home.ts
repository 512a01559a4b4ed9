import type { Role } from '$lib/server/db/schema';

/** The organizations where the signed-in person holds `role`, for a role's home page. */
export function organizationsWithRole(locals: App.Locals, role: Role) {
	return locals.memberships
		.filter((m) => m.role === role)
		.map((m) => ({
			organizationId: m.organizationId,
			organizationName: m.organizationName,
			independent: m.independent
		}));
}
