import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guards';
import {
	candidacyWithOpenAttempt,
	candidateOfUser,
	openAttempt,
	type CandidateContext
} from './context';
import { expireIfOverdue } from './lifecycle';

/** The signed-in learner's own candidacy; anyone else's is a 404, so ids reveal nothing. */
export async function requireOwnCandidacy(
	event: RequestEvent & { params: { candidateId: string } }
) {
	const user = requireRole(event, 'learner');
	const ctx = await candidateOfUser(db, user.id, event.params.candidateId);
	if (!ctx) error(404, m.error_not_found());
	return ctx;
}

/**
 * The candidate's attempt in progress, closed first if its time ran out (then it is returned closed),
 * or nothing when no attempt is open: what the test pages work on.
 */
export async function openAttemptOf(ctx: CandidateContext) {
	const row = await openAttempt(db, ctx.candidate.id);
	return row ? expireIfOverdue(db, row, ctx) : undefined;
}

/** `requireOwnCandidacy` and `openAttemptOf` in one read: the test page's load and answer. */
export async function requireOwnOpenAttempt(
	event: RequestEvent & { params: { candidateId: string } }
) {
	const user = requireRole(event, 'learner');
	const found = await candidacyWithOpenAttempt(db, user.id, event.params.candidateId);
	if (!found) error(404, m.error_not_found());
	const { ctx, open } = found;
	return { ctx, row: open ? await expireIfOverdue(db, open, ctx) : undefined };
}
