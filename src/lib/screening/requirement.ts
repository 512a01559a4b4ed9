/**
 * Screening rules, pure: does a result meet a program's requirement, is it still valid, may a
 * candidate start another attempt. Used by the server (the authority) and by pages (to explain).
 */
export const SCORED_SKILLS = [
	'listening',
	'reading',
	'vocabulary_grammar',
	'writing',
	'speaking'
] as const;
export type ScoredSkill = (typeof SCORED_SKILLS)[number];
export type SkillLevels = Partial<Record<ScoredSkill, number>>;

export type Requirement = { minOverallLevel: number; skillMinimums: SkillLevels };

export type Shortfall = {
	area: 'overall' | ScoredSkill;
	required: number;
	achieved: number | null;
};

/**
 * A result passes when the overall level and every required skill level reach their minimums.
 * A required skill without a level (not tested, or not yet rated) is a shortfall, never a pass.
 */
export function checkRequirement(
	result: { overallLevel: number; skillLevels: SkillLevels },
	requirement: Requirement
): { passed: boolean; shortfalls: Shortfall[] } {
	const shortfalls: Shortfall[] = [];
	if (result.overallLevel < requirement.minOverallLevel) {
		shortfalls.push({
			area: 'overall',
			required: requirement.minOverallLevel,
			achieved: result.overallLevel
		});
	}
	for (const skill of SCORED_SKILLS) {
		const required = requirement.skillMinimums[skill];
		if (required === undefined) continue;
		const achieved = result.skillLevels[skill] ?? null;
		if (achieved === null || achieved < required)
			shortfalls.push({ area: skill, required, achieved });
	}
	return { passed: shortfalls.length === 0, shortfalls };
}

/** Results are valid for a number of calendar months after the test ended. */
export function validUntil(finishedAt: Date, months: number): Date {
	const end = new Date(finishedAt);
	const day = end.getUTCDate();
	end.setUTCDate(1);
	end.setUTCMonth(end.getUTCMonth() + months);
	// 31 January + 1 month is the last day of February, not 3 March.
	const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
	end.setUTCDate(Math.min(day, lastDay));
	return end;
}

export type AttemptSummary = {
	status: 'in_progress' | 'awaiting_rating' | 'completed' | 'expired';
	startedAt: Date;
	finishedAt: Date | null;
	passed?: boolean | null;
	validUntil?: Date | null;
};

export type AttemptPolicy = {
	windowOpensAt: Date;
	windowClosesAt: Date;
	maxAttempts: number;
	/** Granted by an officer, recorded in the audit log. */
	extraAttempts: number;
	retakeCooldownDays: number;
	/** The program's officers admitted the candidate (their latest decision). */
	admitted?: boolean;
	/** The officers withdrew the candidate, or the whole program: nothing more to take. */
	withdrawn?: 'candidate' | 'program' | null;
};

export type Eligibility =
	| { ok: true; resume: boolean }
	| {
			ok: false;
			reason:
				| 'window_not_open'
				| 'window_closed'
				| 'attempts_used'
				| 'cooldown'
				| 'passed'
				| 'admitted'
				| 'withdrawn'
				| 'program_withdrawn';
			until?: Date;
	  };

const DAY_MS = 86_400_000;

/**
 * Whether a candidate may start (or resume) an attempt now. An attempt in progress is always resumed.
 * A candidate already admitted, or holding a valid passing result, has nothing left to take (a retake
 * could only replace the pass the officers decide on). Otherwise the test window must be open,
 * attempts left, and the cool-down since the last attempt over. A withdrawn candidate or program
 * comes first: withdrawing closes the open attempt too, and a request racing it must not resume it.
 */
export function attemptEligibility(
	attempts: AttemptSummary[],
	policy: AttemptPolicy,
	now: Date
): Eligibility {
	if (policy.withdrawn === 'program') return { ok: false, reason: 'program_withdrawn' };
	if (policy.withdrawn === 'candidate') return { ok: false, reason: 'withdrawn' };
	if (attempts.some((a) => a.status === 'in_progress')) return { ok: true, resume: true };
	if (policy.admitted) return { ok: false, reason: 'admitted' };
	const validPass = attempts.find(
		(a) => a.status === 'completed' && a.passed && a.validUntil && a.validUntil > now
	);
	if (validPass) return { ok: false, reason: 'passed', until: validPass.validUntil ?? undefined };
	if (now < policy.windowOpensAt) {
		return { ok: false, reason: 'window_not_open', until: policy.windowOpensAt };
	}
	if (now >= policy.windowClosesAt) return { ok: false, reason: 'window_closed' };
	if (attempts.length >= policy.maxAttempts + policy.extraAttempts) {
		return { ok: false, reason: 'attempts_used' };
	}
	const lastEnd = Math.max(0, ...attempts.map((a) => (a.finishedAt ?? a.startedAt).getTime()));
	const cooldownEnds = lastEnd + policy.retakeCooldownDays * DAY_MS;
	if (attempts.length > 0 && now.getTime() < cooldownEnds) {
		return { ok: false, reason: 'cooldown', until: new Date(cooldownEnds) };
	}
	return { ok: true, resume: false };
}

/** Admission needs a valid passing result, or an officer's written reason (an override). */
export function admissionCheck(
	result: { passed: boolean; validUntil: Date | null } | null,
	reason: string,
	now: Date
): { allowed: boolean; override: boolean } {
	const validPass = Boolean(result?.passed && result.validUntil && result.validUntil > now);
	if (validPass) return { allowed: true, override: false };
	return { allowed: reason.trim().length >= 10, override: true };
}
