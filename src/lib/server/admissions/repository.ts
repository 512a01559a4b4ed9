import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import {
	admissionDecision,
	attempt,
	attemptAnswer,
	candidate,
	graduateFollowUp,
	graduateRecord,
	itemBank,
	organization,
	program,
	testItem,
	user,
	DECISIONS
} from '$lib/server/db/schema';

/**
 * Admissions' queries. It owns programs, candidates, decisions and graduates' records (every write
 * to them is here) and reads the attempts screening keeps, for results.
 */

export type ProgramRow = typeof program.$inferSelect;
export type CandidateRow = typeof candidate.$inferSelect;

export async function insertProgram(db: DbOrTx, row: typeof program.$inferInsert): Promise<void> {
	await db.insert(program).values(row);
}

/**
 * A screening program by id. A class's exit test is a program too (purpose `exit`, see
 * exit-programs.ts) but no admissions page shows it: it admits nobody and issues no certificate.
 */
export async function programById(db: DB, id: string): Promise<ProgramRow | undefined> {
	const [row] = await db
		.select()
		.from(program)
		.where(and(eq(program.id, id), eq(program.purpose, 'screening')));
	return row;
}

export async function programsOf(db: DB, organizationIds: string[]) {
	return db
		.select({
			id: program.id,
			name: program.name,
			intake: program.intake,
			minOverallLevel: program.minOverallLevel,
			windowClosesAt: program.windowClosesAt,
			withdrawnAt: program.withdrawnAt
		})
		.from(program)
		.where(and(inArray(program.organizationId, organizationIds), eq(program.purpose, 'screening')))
		.orderBy(desc(program.createdAt));
}

/**
 * Rows per INSERT: a statement carries at most 65,535 parameters (PostgreSQL's wire protocol), and a
 * candidate sends 8 of them, so a list of more than 8,191 rows in one statement was refused (a 500).
 */
const CANDIDATES_PER_INSERT = 500;

/** Inserts the rows in chunks; the caller's transaction keeps a long list all-or-nothing. */
export async function insertCandidates(
	db: DbOrTx,
	rows: (typeof candidate.$inferInsert)[]
): Promise<void> {
	for (let start = 0; start < rows.length; start += CANDIDATES_PER_INSERT) {
		await db.insert(candidate).values(rows.slice(start, start + CANDIDATES_PER_INSERT));
	}
}

export async function candidateById(db: DB, id: string): Promise<CandidateRow | undefined> {
	const [row] = await db.select().from(candidate).where(eq(candidate.id, id));
	return row;
}

export async function candidatesOf(db: DB, programId: string): Promise<CandidateRow[]> {
	return db
		.select()
		.from(candidate)
		.where(eq(candidate.programId, programId))
		.orderBy(candidate.fullName);
}

/** One more attempt beyond the program's maximum. */
export async function addExtraAttempt(tx: DbOrTx, person: CandidateRow): Promise<void> {
	await tx
		.update(candidate)
		.set({ extraAttempts: person.extraAttempts + 1 })
		.where(eq(candidate.id, person.id));
}

/**
 * Whether a candidate's code still opens the door: nobody has registered with it, the candidate was
 * not withdrawn, and neither was their program.
 */
function codeStillValid(db: DbOrTx, code: string) {
	const runningPrograms = db
		.select({ id: program.id })
		.from(program)
		.where(isNull(program.withdrawnAt));
	return and(
		eq(candidate.invitationCode, code),
		isNull(candidate.userId),
		isNull(candidate.withdrawnAt),
		inArray(candidate.programId, runningPrograms)
	);
}

/** A candidate's personal code that nobody has registered with yet (and still valid). */
export async function isCandidateCodeUnclaimed(db: DB, code: string): Promise<boolean> {
	const [row] = await db
		.select({ id: candidate.id })
		.from(candidate)
		.where(codeStillValid(db, code));
	return Boolean(row);
}

/** Links the account to the candidate the code was made for, once; the program's organization. */
export async function claimCandidateCode(tx: DbOrTx, code: string, userId: string) {
	const [claimed] = await tx
		.update(candidate)
		.set({ userId })
		.where(codeStillValid(tx, code))
		.returning({ programId: candidate.programId });
	if (!claimed) return undefined;
	const [row] = await tx
		.select({ organizationId: program.organizationId })
		.from(program)
		.where(eq(program.id, claimed.programId));
	return row;
}

/**
 * The candidates' attempts as the officer's list reads them: status and result, not the engine's
 * state (the administered items of every attempt, the bulk of the rows) nor its configuration.
 */
export async function attemptsOfCandidates(db: DB, candidateIds: string[]) {
	if (candidateIds.length === 0) return [];
	return db
		.select({
			id: attempt.id,
			candidateId: attempt.candidateId,
			status: attempt.status,
			startedAt: attempt.startedAt,
			finishedAt: attempt.finishedAt,
			theta: attempt.theta,
			standardError: attempt.standardError,
			overallLevel: attempt.overallLevel,
			skillLevels: attempt.skillLevels,
			passed: attempt.passed,
			verificationCode: attempt.verificationCode,
			validUntil: attempt.validUntil
		})
		.from(attempt)
		.where(inArray(attempt.candidateId, candidateIds))
		.orderBy(attempt.startedAt);
}

export async function decisionsOfCandidates(db: DB, candidateIds: string[]) {
	if (candidateIds.length === 0) return [];
	return db
		.select()
		.from(admissionDecision)
		.where(inArray(admissionDecision.candidateId, candidateIds))
		.orderBy(admissionDecision.decidedAt);
}

/** The candidate's most recent completed attempt: what an admission is checked against. */
export async function latestCompletedAttempt(db: DB, candidateId: string) {
	const [row] = await db
		.select({ passed: attempt.passed, validUntil: attempt.validUntil })
		.from(attempt)
		.where(and(eq(attempt.candidateId, candidateId), eq(attempt.status, 'completed')))
		.orderBy(desc(attempt.finishedAt))
		.limit(1);
	return row;
}

export async function insertDecision(
	tx: DbOrTx,
	row: Omit<typeof admissionDecision.$inferInsert, 'id'> & {
		decision: (typeof DECISIONS)[number];
	}
): Promise<void> {
	await tx.insert(admissionDecision).values({ id: crypto.randomUUID(), ...row });
}

export async function latestDecision(db: DB, candidateId: string) {
	const [row] = await db
		.select({ decision: admissionDecision.decision })
		.from(admissionDecision)
		.where(eq(admissionDecision.candidateId, candidateId))
		.orderBy(desc(admissionDecision.decidedAt))
		.limit(1);
	return row?.decision ?? null;
}

/** Every attempt of a candidate, oldest first, with the fields the officer's page shows. */
export async function attemptHistory(db: DB, candidateId: string) {
	return db
		.select({
			id: attempt.id,
			status: attempt.status,
			startedAt: attempt.startedAt,
			finishedAt: attempt.finishedAt,
			overallLevel: attempt.overallLevel,
			passed: attempt.passed,
			bankVersion: attempt.bankVersion,
			verificationCode: attempt.verificationCode
		})
		.from(attempt)
		.where(eq(attempt.candidateId, candidateId))
		.orderBy(asc(attempt.startedAt));
}

/** A candidate's decisions, newest first, with who took them. */
export async function decisionHistory(db: DB, candidateId: string) {
	return db
		.select({
			id: admissionDecision.id,
			decision: admissionDecision.decision,
			override: admissionDecision.override,
			reason: admissionDecision.reason,
			decidedAt: admissionDecision.decidedAt,
			decidedBy: user.displayName
		})
		.from(admissionDecision)
		.leftJoin(user, eq(admissionDecision.decidedBy, user.id))
		.where(eq(admissionDecision.candidateId, candidateId))
		.orderBy(desc(admissionDecision.decidedAt));
}

/** The choice items answered in the candidate's latest scored attempt: skill and right/wrong only. */
export async function choiceAnswersOfLatestResult(db: DB, candidateId: string) {
	const [latest] = await db
		.select({ id: attempt.id })
		.from(attempt)
		.where(and(eq(attempt.candidateId, candidateId), isNotNull(attempt.overallLevel)))
		.orderBy(desc(attempt.startedAt))
		.limit(1);
	if (!latest) return [];
	return (
		db
			.select({ skill: testItem.skill, correct: attemptAnswer.correct })
			.from(attemptAnswer)
			.innerJoin(testItem, eq(attemptAnswer.itemId, testItem.id))
			// Rated writing/speaking tasks have no right or wrong: their levels come from the ratings.
			.where(and(eq(attemptAnswer.attemptId, latest.id), eq(testItem.kind, 'choice')))
	);
}

/**
 * The result a verification code stands for: name, levels, date and validity, and the program and
 * organization it was taken for.
 */
export async function resultByVerificationCode(db: DB, code: string) {
	const [row] = await db
		.select({
			fullName: candidate.fullName,
			overallLevel: attempt.overallLevel,
			skillLevels: attempt.skillLevels,
			finishedAt: attempt.finishedAt,
			validUntil: attempt.validUntil,
			programName: program.name,
			intake: program.intake,
			organizationName: organization.name
		})
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.innerJoin(program, eq(candidate.programId, program.id))
		.innerJoin(organization, eq(program.organizationId, organization.id))
		.where(eq(attempt.verificationCode, code));
	return row ?? null;
}

export async function saveGraduateRecord(
	tx: DbOrTx,
	candidateId: string,
	values: Omit<typeof graduateRecord.$inferInsert, 'candidateId'>
): Promise<void> {
	await tx
		.insert(graduateRecord)
		.values({ candidateId, ...values })
		.onConflictDoUpdate({ target: graduateRecord.candidateId, set: values });
}

export async function insertFollowUp(
	tx: DbOrTx,
	row: Omit<typeof graduateFollowUp.$inferInsert, 'id'>
): Promise<void> {
	await tx.insert(graduateFollowUp).values({ id: crypto.randomUUID(), ...row });
}

const recordFields = {
	outcome: graduateRecord.outcome,
	completedOn: graduateRecord.completedOn,
	notes: graduateRecord.notes,
	recordedAt: graduateRecord.recordedAt
};
const followUpFields = {
	id: graduateFollowUp.id,
	observedOn: graduateFollowUp.observedOn,
	positionHeld: graduateFollowUp.positionHeld,
	vietnameseUse: graduateFollowUp.vietnameseUse,
	notes: graduateFollowUp.notes,
	recordedAt: graduateFollowUp.recordedAt
};

/** Completion records of these candidates. */
export async function graduateRecordsOf(db: DB, candidateIds: string[]) {
	if (candidateIds.length === 0) return [];
	return db
		.select({ candidateId: graduateRecord.candidateId, ...recordFields })
		.from(graduateRecord)
		.where(inArray(graduateRecord.candidateId, candidateIds));
}

/** Follow-ups of these candidates, oldest first. */
export async function followUpsOf(db: DB, candidateIds: string[]) {
	if (candidateIds.length === 0) return [];
	return db
		.select({ candidateId: graduateFollowUp.candidateId, ...followUpFields })
		.from(graduateFollowUp)
		.where(inArray(graduateFollowUp.candidateId, candidateIds))
		.orderBy(asc(graduateFollowUp.observedOn), asc(graduateFollowUp.recordedAt));
}

/** Organizations by id, by name (for forms and the certificate's "issued by"). */
export async function organizationsById(db: DB, ids: string[]) {
	if (ids.length === 0) return [];
	return db
		.select({ id: organization.id, name: organization.name })
		.from(organization)
		.where(inArray(organization.id, ids))
		.orderBy(organization.name);
}

export async function allOrganizationIds(db: DB): Promise<string[]> {
	return (await db.select({ id: organization.id }).from(organization)).map((o) => o.id);
}

/** Display names of these people (the audit log's "who"). */
export async function displayNames(db: DB, userIds: string[]): Promise<Map<string, string>> {
	if (userIds.length === 0) return new Map();
	const rows = await db
		.select({ id: user.id, displayName: user.displayName })
		.from(user)
		.where(inArray(user.id, userIds));
	return new Map(rows.map((n) => [n.id, n.displayName]));
}

/** Every bank a program can test with. */
export async function banks(db: DB) {
	return db
		.select({ id: itemBank.id, language: itemBank.language })
		.from(itemBank)
		.orderBy(itemBank.id);
}

/** Corrects what the officer typed about a candidate (never their code or account). */
export async function updateCandidateDetails(
	tx: DbOrTx,
	id: string,
	values: Pick<
		typeof candidate.$inferInsert,
		'fullName' | 'position' | 'sendingOrganization' | 'dateOfBirth' | 'phone'
	>
): Promise<void> {
	await tx.update(candidate).set(values).where(eq(candidate.id, id));
}

/**
 * Removes an invitation nobody has registered with: the code stops working. Only while unclaimed, so
 * a candidate with an account (and perhaps results) is never removed by a stale page.
 */
export async function deleteUnclaimedCandidate(tx: DbOrTx, id: string): Promise<boolean> {
	const removed = await tx
		.delete(candidate)
		.where(and(eq(candidate.id, id), isNull(candidate.userId)))
		.returning({ id: candidate.id });
	return removed.length > 0;
}

/** What the officer may change of a program (never its organization or who created it). */
export type ProgramChanges = Partial<
	Pick<
		typeof program.$inferInsert,
		| 'name'
		| 'intake'
		| 'bankId'
		| 'minOverallLevel'
		| 'skillMinimums'
		| 'ratedSections'
		| 'twoRaters'
		| 'windowOpensAt'
		| 'windowClosesAt'
		| 'timeLimitMinutes'
		| 'maxAttempts'
		| 'retakeCooldownDays'
		| 'resultValidityMonths'
	>
>;

export async function updateProgram(
	tx: DbOrTx,
	id: string,
	changes: ProgramChanges
): Promise<void> {
	await tx.update(program).set(changes).where(eq(program.id, id));
}

/** Marks a program withdrawn, once (false when it already was: a second tab, a stale page). */
export async function markProgramWithdrawn(
	tx: DbOrTx,
	id: string,
	at: Date,
	reason: string
): Promise<boolean> {
	const marked = await tx
		.update(program)
		.set({ withdrawnAt: at, withdrawalReason: reason })
		.where(and(eq(program.id, id), isNull(program.withdrawnAt)))
		.returning({ id: program.id });
	return marked.length > 0;
}

/** Marks a registered candidate withdrawn, once. */
export async function markCandidateWithdrawn(
	tx: DbOrTx,
	id: string,
	at: Date,
	reason: string
): Promise<boolean> {
	const marked = await tx
		.update(candidate)
		.set({ withdrawnAt: at, withdrawalReason: reason })
		.where(and(eq(candidate.id, id), isNull(candidate.withdrawnAt)))
		.returning({ id: candidate.id });
	return marked.length > 0;
}

/** Whether anyone has started the program's test (an attempt of any status). */
export async function anyAttemptStarted(db: DbOrTx, programId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: attempt.id })
		.from(attempt)
		.innerJoin(candidate, eq(attempt.candidateId, candidate.id))
		.where(eq(candidate.programId, programId))
		.limit(1);
	return Boolean(row);
}
