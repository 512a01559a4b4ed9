import type { program } from '$lib/server/db/schema';

/** The program fields the officer's pages show: never the whole row. */
export function programSummary(row: typeof program.$inferSelect) {
	return {
		id: row.id,
		name: row.name,
		intake: row.intake,
		bankId: row.bankId,
		minOverallLevel: row.minOverallLevel,
		skillMinimums: row.skillMinimums,
		ratedSections: row.ratedSections,
		twoRaters: row.twoRaters,
		windowOpensAt: row.windowOpensAt,
		windowClosesAt: row.windowClosesAt,
		timeLimitMinutes: row.timeLimitMinutes,
		maxAttempts: row.maxAttempts,
		retakeCooldownDays: row.retakeCooldownDays,
		resultValidityMonths: row.resultValidityMonths,
		withdrawnAt: row.withdrawnAt,
		withdrawalReason: row.withdrawalReason
	};
}
export type ProgramSummary = ReturnType<typeof programSummary>;
