import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/server/db/schema';
import { Refusal, type Actor } from './actor';
import { actorOf, holdsRole, requireUser } from './guards';
import type { SessionUser } from './session';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** Who may come: one role, any of several, or anyone signed in (endpoints outside a role's area). */
export type Admitted = Role | readonly Role[] | 'signed-in';

/** How a page answers a service's refusal, when the default error page is not the right answer. */
export type RefusalAnswer<R> = {
	/** The text of the 403 page (default: "you may not do this"), or the whole error it shows. */
	forbidden?: () => string | App.Error;
	/** Answer on the page itself instead of with an error page, e.g. `fail(400, …)` on a form. */
	instead?: (refusal: Refusal) => R;
};

/**
 * Signed in and holding one of the roles (in any organization), or the translated 403: the second
 * layer after the hook's role gate, for every load, action and endpoint.
 */
export function requireAdmitted(event: Event, admitted: Admitted): SessionUser {
	const user = requireUser(event);
	if (admitted === 'signed-in') return user;
	const roles: readonly Role[] = typeof admitted === 'string' ? [admitted] : admitted;
	if (!roles.some((role) => holdsRole(event.locals, role))) error(403, m.error_forbidden());
	return user;
}

/** A refusal thrown by a service, as the page's answer or its HTTP error; anything else goes on up. */
export function answerRefusal<R>(thrown: unknown, answer: RefusalAnswer<R> = {}): R {
	if (!(thrown instanceof Refusal)) throw thrown;
	if (answer.instead) return answer.instead(thrown);
	if (thrown.status === 403) {
		const forbidden = (answer.forbidden ?? m.error_forbidden)();
		error(403, typeof forbidden === 'string' ? { message: forbidden } : forbidden);
	}
	error(400, m.error_unexpected());
}

/**
 * The frame of a load, action or endpoint that acts for someone: require the role, build the actor,
 * run the service, and answer its refusal (see `Refusal`). Everything the page returns comes from
 * `run`; the services check again that the object is the actor's (the policy's object check).
 */
export async function actAs<T, R = never>(
	event: Event,
	admitted: Admitted,
	run: (actor: Actor, user: SessionUser) => T | Promise<T>,
	answer: RefusalAnswer<R> = {}
): Promise<T | R> {
	const user = requireAdmitted(event, admitted);
	try {
		return await run(actorOf(event.locals), user);
	} catch (thrown) {
		return answerRefusal(thrown, answer);
	}
}
