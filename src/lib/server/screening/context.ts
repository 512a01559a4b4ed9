import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { preparedQuery } from '$lib/server/db/prepared';
import { admissionDecision, attempt, candidate, program } from '$lib/server/db/schema';

/**
 * Who is taking the test and what they are taking: every screening function works on a candidate in
 * the context of their program, and at most one attempt of a candidate is open (`in_progress`, kept
 * so by a unique index).
 */

export type AttemptRow = typeof attempt.$inferSelect;

export type CandidateContext = {
	candidate: typeof candidate.$inferSelect;
	program: typeof program.$inferSelect;
};

/** The candidate record of this user for this program, or nothing: candidates see only their own. */
export async function candidateOfUser(
	db: DB,
	userId: string,
	candidateId: string
): Promise<CandidateContext | null> {
	const [row] = await db
		.select({ candidate, program })
		.from(candidate)
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(and(eq(candidate.id, candidateId), eq(candidate.userId, userId)));
	return row ?? null;
}

/** Every test page's and answer's first read (built once: db/prepared.ts). */
const candidacyQuery = preparedQuery((db) =>
	db
		.select({ candidate, program, attempt })
		.from(candidate)
		.innerJoin(program, eq(candidate.programId, program.id))
		.leftJoin(
			attempt,
			and(eq(attempt.candidateId, candidate.id), eq(attempt.status, 'in_progress'))
		)
		.where(
			and(
				eq(candidate.id, sql.placeholder('candidateId')),
				eq(candidate.userId, sql.placeholder('userId'))
			)
		)
		.prepare('candidacy_with_open_attempt')
);

/**
 * `candidateOfUser` and the candidate's open attempt together (one query): the test page reads both
 * for every item shown and every answer.
 */
export async function candidacyWithOpenAttempt(
	db: DB,
	userId: string,
	candidateId: string
): Promise<{ ctx: CandidateContext; open: AttemptRow | undefined } | null> {
	const [row] = await candidacyQuery(db).execute({ userId, candidateId });
	if (!row) return null;
	return {
		ctx: { candidate: row.candidate, program: row.program },
		open: row.attempt ?? undefined
	};
}

/**
 * The programs this user was invited to screen for, newest invitation first; `withdrawn` when the
 * officers withdrew the candidate or the whole program. A class's exit test is not among them: the
 * learner home shows it under the class (classes/exit-tests.ts).
 */
export async function candidaciesOfUser(db: DB, userId: string) {
	const rows = await db
		.select({
			candidateId: candidate.id,
			programName: program.name,
			intake: program.intake,
			windowClosesAt: program.windowClosesAt,
			candidateWithdrawnAt: candidate.withdrawnAt,
			programWithdrawnAt: program.withdrawnAt
		})
		.from(candidate)
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(and(eq(candidate.userId, userId), eq(program.purpose, 'screening')))
		.orderBy(desc(candidate.createdAt));
	return rows.map(({ candidateWithdrawnAt, programWithdrawnAt, ...row }) => ({
		...row,
		withdrawn: Boolean(candidateWithdrawnAt ?? programWithdrawnAt)
	}));
}

/** The one open attempt of a candidate, as stored (its deadline is the lifecycle's to check). */
export async function openAttempt(db: DB, candidateId: string): Promise<AttemptRow | undefined> {
	const [row] = await db
		.select()
		.from(attempt)
		.where(and(eq(attempt.candidateId, candidateId), eq(attempt.status, 'in_progress')));
	return row;
}

/** Every attempt of a candidate, oldest first. */
export async function attemptsOf(db: DB, candidateId: string): Promise<AttemptRow[]> {
	return db
		.select()
		.from(attempt)
		.where(eq(attempt.candidateId, candidateId))
		.orderBy(asc(attempt.startedAt));
}

export async function attemptById(db: DbOrTx, id: string): Promise<AttemptRow> {
	const [row] = await db.select().from(attempt).where(eq(attempt.id, id));
	return row;
}

/** The program an attempt is taken for. */
export async function programOfAttempt(
	db: DbOrTx,
	row: AttemptRow
): Promise<CandidateContext['program']> {
	const [found] = await db
		.select({ program })
		.from(candidate)
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(eq(candidate.id, row.candidateId));
	return found.program;
}

/**
 * The admission decision the candidate is told (admissions takes it; screening only reads it): the
 * latest one, without its reason or who took it. Null while the officers have not decided.
 */
export async function decisionOfCandidate(db: DB, candidateId: string) {
	const [row] = await db
		.select({ decision: admissionDecision.decision, decidedAt: admissionDecision.decidedAt })
		.from(admissionDecision)
		.where(eq(admissionDecision.candidateId, candidateId))
		.orderBy(desc(admissionDecision.decidedAt))
		.limit(1);
	return row ?? null;
}

/**
 * The program each attempt is taken for, as raters may see it (name and intake; never the
 * candidate): attempt id → "Program · intake".
 */
export async function programLabelsOfAttempts(
	db: DB,
	attemptIds: string[]
): Promise<Map<string, string>> {
	if (attemptIds.length === 0) return new Map();
	const rows = await db
		.select({ id: attempt.id, name: program.name, intake: program.intake })
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(inArray(attempt.id, attemptIds));
	return new Map(rows.map((r) => [r.id, r.intake ? `${r.name} · ${r.intake}` : r.name]));
}

/** Of these attempts, those still waiting for ratings (their result is not final yet). */
export async function attemptsAwaitingRating(
	db: DbOrTx,
	attemptIds: string[]
): Promise<Set<string>> {
	if (attemptIds.length === 0) return new Set();
	const rows = await db
		.select({ id: attempt.id })
		.from(attempt)
		.where(and(inArray(attempt.id, attemptIds), eq(attempt.status, 'awaiting_rating')));
	return new Set(rows.map((r) => r.id));
}
