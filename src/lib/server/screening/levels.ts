import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	admissionDecision,
	attempt,
	candidate,
	itemBank,
	program,
	type SkillLevels
} from '$lib/server/db/schema';

/**
 * Levels measured by the adaptive engine, read for a class's entry → exit comparison (the classes
 * domain decides who may see them).
 *
 * Entry: the result an admission was based on — the latest finished attempt for a screening program
 * that admitted the learner (source `screening`) — else the learner's latest finished placement or
 * screening result in that language (source `placement`, the level the course map starts them at).
 * Exit tests never count as an entry. Exit: the learner's attempt at the class's exit program.
 */

export type EntrySource = 'screening' | 'placement';

export type EntryLevels = {
	userId: string;
	source: EntrySource;
	programName: string;
	overallLevel: number;
	skillLevels: SkillLevels;
	finishedAt: Date | null;
};

export async function entryLevelsOf(
	db: DB,
	userIds: string[],
	language: 'vi' | 'lo'
): Promise<EntryLevels[]> {
	if (userIds.length === 0) return [];
	const rows = await db
		.select({
			userId: candidate.userId,
			candidateId: candidate.id,
			programName: program.name,
			intake: program.intake,
			overallLevel: attempt.overallLevel,
			skillLevels: attempt.skillLevels,
			finishedAt: attempt.finishedAt
		})
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.innerJoin(itemBank, eq(program.bankId, itemBank.id))
		.where(
			and(
				inArray(candidate.userId, userIds),
				eq(program.purpose, 'screening'),
				eq(itemBank.language, language),
				inArray(attempt.status, ['completed', 'awaiting_rating']),
				isNotNull(attempt.overallLevel)
			)
		)
		.orderBy(desc(attempt.finishedAt));
	if (rows.length === 0) return [];
	const decisions = await db
		.select({ candidateId: admissionDecision.candidateId, decision: admissionDecision.decision })
		.from(admissionDecision)
		.where(
			inArray(
				admissionDecision.candidateId,
				rows.map((r) => r.candidateId)
			)
		)
		.orderBy(asc(admissionDecision.decidedAt));
	const latestDecision = new Map(decisions.map((d) => [d.candidateId, d.decision]));
	const result: EntryLevels[] = [];
	for (const userId of userIds) {
		const mine = rows.filter((r) => r.userId === userId);
		const admitted = mine.find((r) => latestDecision.get(r.candidateId) === 'admit');
		const chosen = admitted ?? mine[0];
		if (!chosen) continue;
		result.push({
			userId,
			source: admitted ? 'screening' : 'placement',
			programName: chosen.intake ? `${chosen.programName} — ${chosen.intake}` : chosen.programName,
			overallLevel: chosen.overallLevel!,
			skillLevels: chosen.skillLevels ?? {},
			finishedAt: chosen.finishedAt
		});
	}
	return result;
}

export type ExitResult = {
	userId: string;
	status: (typeof attempt.$inferSelect)['status'];
	overallLevel: number | null;
	skillLevels: SkillLevels;
	finishedAt: Date | null;
};

/** Each candidate's latest attempt at an exit program (one per learner: the program allows one). */
export async function exitResultsOf(db: DB, exitProgramId: string): Promise<ExitResult[]> {
	const rows = await db
		.select({
			userId: candidate.userId,
			status: attempt.status,
			overallLevel: attempt.overallLevel,
			skillLevels: attempt.skillLevels,
			finishedAt: attempt.finishedAt
		})
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(and(eq(program.id, exitProgramId), eq(program.purpose, 'exit')))
		.orderBy(desc(attempt.startedAt));
	const seen = new Set<string>();
	const latest: ExitResult[] = [];
	for (const r of rows) {
		if (!r.userId || seen.has(r.userId)) continue;
		seen.add(r.userId);
		latest.push({ ...r, userId: r.userId, skillLevels: r.skillLevels ?? {} });
	}
	return latest;
}
