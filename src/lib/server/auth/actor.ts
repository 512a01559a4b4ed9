import type { Role } from '$lib/server/db/schema';

/** A role held in one organization (the session's memberships, read once per request). */
export type Membership = {
	organizationId: string;
	organizationName: string;
	role: Role;
	/** The organization of independent learners (those who registered without a code). */
	independent: boolean;
};

/** Who is acting: what every service's authorization (`policy.ts`) looks at. */
export type Actor = { id: string; isPlatformAdmin: boolean; memberships: Membership[] };

/**
 * How a service refuses: it throws a Refusal, it never returns one. A refusal is not something the
 * person can correct on the page (another organization's program, a lesson of a course they are not
 * enrolled in, a request the page never sends), so it must not be ignorable by a caller that forgets
 * to look at a result, and it crosses every layer to one mapping onto an HTTP error
 * (`actAs` in ./act-as.ts). What the person can act on — a field to correct, an answer that came
 * too late, a request rated already — is an outcome, returned as `{ ok: false, … }`; forms turn it
 * into `fail(400, …)` with the values typed.
 */
export abstract class Refusal extends Error {
	abstract readonly status: 400 | 403;
}

/**
 * Not this actor's to see or do: 403. Also thrown for ids that do not exist, where telling "no such
 * thing" from "not yours" would let ids be probed.
 */
export class Forbidden extends Refusal {
	readonly status = 403;
	constructor(what = 'forbidden') {
		super(what);
	}
}

/** A request no page of the app sends (malformed, or not fitting what it is about): 400. */
export class BadRequest extends Refusal {
	readonly status = 400;
}
