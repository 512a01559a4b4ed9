import { and, eq } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { candidate, program } from '$lib/server/db/schema';
import { generateCode } from '$lib/server/auth/codes';
import { banks } from './repository';

/**
 * A class's exit test is a program of purpose `exit`, so that screening runs it as it runs any
 * screening — the same adaptive engine, bank, test pages, rated tasks and rating queue — with no
 * second engine. It admits nobody: admissions' pages never show it (repository.ts filters on the
 * purpose), its results get no verification code (screening's lifecycle), and each learner of the
 * class becomes its candidate only when they start it. Admissions owns `program` and `candidate`,
 * so these are their only writers for exit tests; the classes domain decides who may call them.
 */

export type ExitProgramSettings = {
	bankId: string;
	ratedSections: ('writing' | 'speaking')[];
	timeLimitMinutes: number;
	opensAt: Date;
	closesAt: Date;
};

/** Creates the exit program of a class; returns its id. */
export async function createExitProgram(
	tx: DbOrTx,
	input: ExitProgramSettings & { organizationId: string; className: string; createdBy: string }
): Promise<string> {
	const id = crypto.randomUUID();
	await tx.insert(program).values({
		id,
		organizationId: input.organizationId,
		name: input.className,
		intake: '',
		bankId: input.bankId,
		// Level 1 sets no pass/fail cut: the engine measures until SE ≤ 0.30 (engine.ts).
		minOverallLevel: 1,
		skillMinimums: {},
		ratedSections: input.ratedSections,
		windowOpensAt: input.opensAt,
		windowClosesAt: input.closesAt,
		timeLimitMinutes: input.timeLimitMinutes,
		// One sitting per learner: the exit level is a measurement, not a hurdle to retake.
		maxAttempts: 1,
		retakeCooldownDays: 0,
		resultValidityMonths: 0,
		purpose: 'exit',
		createdBy: input.createdBy
	});
	return id;
}

/**
 * Opens the window again (or moves its end) and updates the settings. The bank and rated tasks of
 * attempts already taken are recorded on the attempts, so they keep their results.
 */
export async function updateExitProgram(
	tx: DbOrTx,
	programId: string,
	settings: Partial<ExitProgramSettings>
): Promise<void> {
	const { opensAt, closesAt, ...rest } = settings;
	await tx
		.update(program)
		.set({
			...rest,
			...(opensAt ? { windowOpensAt: opensAt } : {}),
			...(closesAt ? { windowClosesAt: closesAt } : {})
		})
		.where(and(eq(program.id, programId), eq(program.purpose, 'exit')));
}

export async function exitProgramById(db: DbOrTx, programId: string) {
	const [row] = await db
		.select()
		.from(program)
		.where(and(eq(program.id, programId), eq(program.purpose, 'exit')));
	return row;
}

/** The learner's candidacy in the exit program, made the first time they start it. */
export async function ensureExitCandidate(
	db: DB,
	programId: string,
	person: { userId: string; fullName: string }
): Promise<string> {
	const found = await exitCandidateOf(db, programId, person.userId);
	if (found) return found;
	await db
		.insert(candidate)
		.values({
			id: crypto.randomUUID(),
			programId,
			userId: person.userId,
			fullName: person.fullName,
			// The column needs a code; it is never shown, and being claimed already it registers nobody.
			invitationCode: generateCode()
		})
		.onConflictDoNothing();
	return (await exitCandidateOf(db, programId, person.userId))!;
}

export async function exitCandidateOf(
	db: DbOrTx,
	programId: string,
	userId: string
): Promise<string | null> {
	const [row] = await db
		.select({ id: candidate.id })
		.from(candidate)
		.where(and(eq(candidate.programId, programId), eq(candidate.userId, userId)));
	return row?.id ?? null;
}

/** The banks an exit test can use: every bank a screening can (the same engine and items). */
export async function exitTestBanks(db: DB) {
	return banks(db);
}
