import type { DB } from '$lib/server/db/client';
import { normalizeCode } from '$lib/server/auth/codes';
import { codeGuessesFrom, throttledLookup } from '$lib/server/auth/throttle';
import { grantMembership } from '$lib/server/accounts/repository';
import { enrolLearners } from '$lib/server/learning/cohorts';
import { classByJoinCode, courseIdsOf, insertMembers } from './repository';

/**
 * A learner who already has an account joins a class by typing its code (the same code new learners
 * register with). The code is the invitation: a class of another organization is joined too when the
 * code is right, and the learner becomes a learner of that organization, as registering with the code
 * would make them. A wrong code counts against the address under the one throttle of typed codes
 * (auth/throttle.ts), so codes cannot be guessed here faster than at registration. Joining a class
 * one is already in changes nothing.
 */
export type JoinResult =
	| { ok: true; className: string; already: boolean }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'throttled'; retryAt: Date };

export async function joinClassByCode(
	db: DB,
	learner: { userId: string; clientAddress: string },
	typed: string,
	now = new Date()
): Promise<JoinResult> {
	const code = normalizeCode(typed);
	const found = await throttledLookup(
		db,
		[codeGuessesFrom(learner.clientAddress)],
		async () => (code ? await classByJoinCode(db, code) : null),
		now
	);
	if (!found.ok) return found;
	const cls = found.value;
	const added = await db.transaction(async (tx) => {
		const ids = await insertMembers(tx, cls.id, [learner.userId], 'code', null, now);
		await enrolLearners(tx, [learner.userId], await courseIdsOf(tx, cls.id));
		await grantMembership(tx, {
			userId: learner.userId,
			organizationId: cls.organizationId,
			role: 'learner'
		});
		return ids.length > 0;
	});
	return { ok: true, className: cls.name, already: !added };
}
