import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { actorOf, holdsRole, requireUser } from '$lib/server/auth/guards';

/** Officers and administrators read the audit log; the service then keeps each to their organizations. */
export function requireAuditReader(event: Pick<RequestEvent, 'locals' | 'url'>) {
	requireUser(event);
	if (!holdsRole(event.locals, 'admissions') && !holdsRole(event.locals, 'admin'))
		error(403, m.error_forbidden());
	return actorOf(event.locals);
}
