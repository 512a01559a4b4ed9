import { and, eq } from 'drizzle-orm';
import {
	currentEstimate,
	levelFor,
	scoredResponses,
	skillScores,
	DEFAULT_LEVEL_CUTS,
	type CatState
} from '$lib/placement';
import { checkRequirement, validUntil } from '$lib/screening/requirement';
import type { DB } from '$lib/server/db/client';
import { attempt, type SkillLevels } from '$lib/server/db/schema';
import { generateInvitationCode } from '$lib/server/admin/service';
import type { CandidateContext } from './delivery';

type AttemptRow = typeof attempt.$inferSelect;

/** The adaptive part's result: ability, overall and per-skill levels from the engine's state. */
export function adaptiveResult(state: CatState) {
	const estimate = currentEstimate(state);
	const cuts = DEFAULT_LEVEL_CUTS;
	const skillLevels: SkillLevels = {};
	for (const score of skillScores(scoredResponses(state), { overall: estimate.theta, cuts })) {
		skillLevels[score.skill] = score.level;
	}
	return {
		theta: estimate.theta,
		standardError: estimate.se,
		overallLevel: levelFor(estimate.theta, cuts),
		skillLevels,
		answered: scoredResponses(state).length
	};
}

/** Scores an attempt: overall and per-skill levels, pass/fail against the requirement, validity. */
export async function finishAttempt(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	now: Date,
	status: 'completed' | 'expired'
): Promise<void> {
	const { answered, ...result } = adaptiveResult(row.catState as CatState);
	// An attempt that ran out of time is scored on what was answered; with nothing answered there is no result.
	const hasResult = answered > 0;
	const { passed } = checkRequirement(result, {
		minOverallLevel: ctx.program.minOverallLevel,
		skillMinimums: ctx.program.skillMinimums
	});
	await db
		.update(attempt)
		.set({
			status,
			pendingItemId: null,
			finishedAt: now,
			...(hasResult
				? {
						...result,
						passed,
						verificationCode: generateInvitationCode(),
						validUntil: validUntil(now, ctx.program.resultValidityMonths)
					}
				: {})
		})
		.where(and(eq(attempt.id, row.id), eq(attempt.status, 'in_progress')));
}
