import { and, eq } from 'drizzle-orm';
import { checkRequirement, validUntil } from '$lib/screening/requirement';
import {
	attempt,
	candidate,
	program,
	ratingRequest,
	type SkillLevels
} from '$lib/server/db/schema';
import { generateInvitationCode } from '$lib/server/admin/service';
import type { Tx } from '$lib/server/rating/repository';

/**
 * Holds the attempt's row until the transaction ends, so that of two ratings of the same attempt
 * arriving together, the later one sees the earlier one and exactly one finalizes.
 */
export async function lockAttempt(tx: Tx, attemptId: string): Promise<void> {
	await tx.select({ id: attempt.id }).from(attempt).where(eq(attempt.id, attemptId)).for('update');
}

/**
 * When every rated task of an attempt has its rating, the result becomes final: the rated levels
 * (writing, speaking) join the adaptive skill levels, pass/fail is checked again against the
 * program's requirement, and the result gets its verification code and validity (counted from the
 * end of the test, not from the rating). Does nothing while a rating is still pending.
 */
export async function finalizeRatedAttempt(tx: Tx, attemptId: string): Promise<boolean> {
	const [row] = await tx
		.select({ attempt, program })
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(and(eq(attempt.id, attemptId), eq(attempt.status, 'awaiting_rating')));
	if (!row) return false;
	const requests = await tx
		.select({
			skill: ratingRequest.skill,
			status: ratingRequest.status,
			level: ratingRequest.level
		})
		.from(ratingRequest)
		.where(and(eq(ratingRequest.source, 'screening'), eq(ratingRequest.sourceId, attemptId)));
	if (requests.some((r) => r.status !== 'rated')) return false;

	const skillLevels: SkillLevels = { ...(row.attempt.skillLevels ?? {}) };
	for (const r of requests) if (r.level !== null) skillLevels[r.skill] = r.level;
	const overallLevel = row.attempt.overallLevel;
	const { passed } =
		overallLevel === null
			? { passed: false }
			: checkRequirement(
					{ overallLevel, skillLevels },
					{
						minOverallLevel: row.program.minOverallLevel,
						skillMinimums: row.program.skillMinimums
					}
				);
	const ended = row.attempt.finishedAt ?? new Date();
	const updated = await tx
		.update(attempt)
		.set({
			status: 'completed',
			skillLevels,
			passed,
			verificationCode: generateInvitationCode(),
			validUntil: validUntil(ended, row.program.resultValidityMonths)
		})
		.where(and(eq(attempt.id, attemptId), eq(attempt.status, 'awaiting_rating')))
		.returning({ id: attempt.id });
	return updated.length > 0;
}
