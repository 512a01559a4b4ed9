import {
	currentEstimate,
	levelFor,
	scoredResponses,
	skillScores,
	DEFAULT_LEVEL_CUTS,
	type CatState
} from '$lib/placement';
import { checkRequirement } from '$lib/screening/requirement';
import type { SkillLevels } from '$lib/server/db/schema';
import type { CandidateContext } from './context';

/** What a result is checked against: the program's requirement. */
function requirementOf(program: CandidateContext['program']) {
	return { minOverallLevel: program.minOverallLevel, skillMinimums: program.skillMinimums };
}

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

/** Whether an adaptive result meets the program's requirement. */
export function adaptivePass(
	result: { overallLevel: number; skillLevels: SkillLevels },
	program: CandidateContext['program']
): boolean {
	return checkRequirement(result, requirementOf(program)).passed;
}

/**
 * The final result of a rated attempt: the raters' levels (writing, speaking) join the adaptive skill
 * levels, and pass/fail is checked again against the program's requirement.
 */
export function ratedResult(
	adaptive: { overallLevel: number | null; skillLevels: SkillLevels | null },
	ratings: { skill: 'writing' | 'speaking'; level: number | null }[],
	program: CandidateContext['program']
): { skillLevels: SkillLevels; passed: boolean } {
	const skillLevels: SkillLevels = { ...(adaptive.skillLevels ?? {}) };
	for (const r of ratings) if (r.level !== null) skillLevels[r.skill] = r.level;
	const passed =
		adaptive.overallLevel !== null &&
		checkRequirement({ overallLevel: adaptive.overallLevel, skillLevels }, requirementOf(program))
			.passed;
	return { skillLevels, passed };
}
