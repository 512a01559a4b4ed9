import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '$lib/server/db/schema';
import type { Actor } from './actor';
import type { SessionUser } from './session';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';

/**
 * Whether the signed-in user holds `role`, in `organizationId` if given, else in any organization.
 * Platform administrators hold the admin role everywhere.
 */
export function holdsRole(locals: App.Locals, role: Role, organizationId?: string): boolean {
	if (!locals.user) return false;
	if (role === 'admin' && locals.user.isPlatformAdmin) return true;
	return locals.memberships.some(
		(m) => m.role === role && (organizationId === undefined || m.organizationId === organizationId)
	);
}

/** The login page, coming back to `url` afterwards. */
export function loginUrl(url: URL): string {
	return routes.login({ redirectTo: url.pathname + url.search });
}

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	if (!event.locals.user) redirect(303, loginUrl(event.url));
	return event.locals.user;
}

/** For every load, action and endpoint of a role's area: the hook's gate is only the first layer. */
export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	role: Role,
	organizationId?: string
): SessionUser {
	const user = requireUser(event);
	if (!holdsRole(event.locals, role, organizationId)) error(403, m.error_forbidden());
	return user;
}

export function actorOf(locals: App.Locals): Actor {
	if (!locals.user) error(401, m.error_login_required());
	return {
		id: locals.user.id,
		isPlatformAdmin: locals.user.isPlatformAdmin,
		memberships: locals.memberships
	};
}
