import { and, asc, desc, eq, sql } from 'drizzle-orm';
import {
	nextItem,
	recordAnswer,
	startCat,
	DEFAULT_LEVEL_CUTS,
	type BankItem,
	type CatState,
	type Skill
} from '$lib/placement';
import { attemptEligibility, type Eligibility } from '$lib/screening/requirement';
import type { DB } from '$lib/server/db/client';
import {
	attempt,
	attemptAnswer,
	candidate,
	itemBank,
	itemResponse,
	program,
	testItem,
	type ItemContent
} from '$lib/server/db/schema';
import { administrableItems, screeningEngineConfig } from './engine';
import { finishAttempt } from './results';
import { beginRatedPart, closeRatedPart, inRatedPart } from './rated-part';

export { finishAttempt } from './results';

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

export async function candidaciesOfUser(db: DB, userId: string) {
	return db
		.select({
			candidateId: candidate.id,
			programName: program.name,
			intake: program.intake,
			windowClosesAt: program.windowClosesAt
		})
		.from(candidate)
		.innerJoin(program, eq(candidate.programId, program.id))
		.where(eq(candidate.userId, userId))
		.orderBy(desc(candidate.createdAt));
}

export async function attemptsOf(db: DB, candidateId: string) {
	return db
		.select()
		.from(attempt)
		.where(eq(attempt.candidateId, candidateId))
		.orderBy(asc(attempt.startedAt));
}

export async function eligibilityOf(
	db: DB,
	ctx: CandidateContext,
	now: Date
): Promise<Eligibility> {
	const attempts = await attemptsOf(db, ctx.candidate.id);
	return attemptEligibility(
		attempts,
		{ ...ctx.program, extraAttempts: ctx.candidate.extraAttempts },
		now
	);
}

type AttemptRow = typeof attempt.$inferSelect;

/**
 * Starts an attempt, or returns the one in progress. Two tabs starting at once: the unique index on
 * active attempts lets one insert win, and the other gets the winner's attempt.
 */
export async function startOrResumeAttempt(
	db: DB,
	ctx: CandidateContext,
	now = new Date()
): Promise<
	{ ok: true; attempt: AttemptRow } | { ok: false; eligibility: Eligibility & { ok: false } }
> {
	const eligibility = await eligibilityOf(db, ctx, now);
	if (!eligibility.ok) return { ok: false, eligibility };
	const active = await activeAttempt(db, ctx.candidate.id);
	if (active) return { ok: true, attempt: active };

	const bank = await administrableItems(db, ctx.program.bankId);
	const [bankRow] = await db
		.select({ version: itemBank.version })
		.from(itemBank)
		.where(eq(itemBank.id, ctx.program.bankId));
	const skills = [...new Set(bank.filter((i) => !i.pilot).map((i) => i.skill))] as Skill[];
	const config = screeningEngineConfig(ctx.program.minOverallLevel, skills);
	const state = startCat(config);
	const first = nextItem(state, bank);
	try {
		const [created] = await db
			.insert(attempt)
			.values({
				id: crypto.randomUUID(),
				candidateId: ctx.candidate.id,
				status: 'in_progress',
				catState: state,
				pendingItemId: first?.id ?? null,
				startedAt: now,
				deadlineAt: new Date(now.getTime() + ctx.program.timeLimitMinutes * 60_000),
				bankVersion: bankRow.version,
				engineConfig: { ...config, levelCuts: DEFAULT_LEVEL_CUTS }
			})
			.returning();
		return { ok: true, attempt: created };
	} catch (e) {
		const winner = await activeAttempt(db, ctx.candidate.id);
		if (winner) return { ok: true, attempt: winner };
		throw e;
	}
}

async function activeAttempt(db: DB, candidateId: string) {
	const [row] = await db
		.select()
		.from(attempt)
		.where(and(eq(attempt.candidateId, candidateId), eq(attempt.status, 'in_progress')));
	return row;
}

/** What the candidate's phone receives for the current item: content only, never keys or parameters. */
export type PublicItem = {
	id: string;
	skill: Skill;
	instruction: string;
	prompt: string;
	promptGloss?: string;
	passage?: string;
	options: string[];
	hasAudio: boolean;
};

export async function currentItem(db: DB, row: AttemptRow): Promise<PublicItem | null> {
	if (!row.pendingItemId) return null;
	const [item] = await db
		.select({ id: testItem.id, skill: testItem.skill, content: testItem.content })
		.from(testItem)
		.where(eq(testItem.id, row.pendingItemId));
	const content = item.content as ItemContent;
	return {
		id: item.id,
		skill: item.skill,
		instruction: content.instruction,
		prompt: content.prompt,
		...(content.promptGloss ? { promptGloss: content.promptGloss } : {}),
		...(content.passage ? { passage: content.passage } : {}),
		options: content.options ?? [],
		hasAudio: Boolean(content.audio)
	};
}

/** The recording of the current item only: other items' audio is not served. */
export async function currentItemAudio(db: DB, row: AttemptRow): Promise<string | null> {
	if (row.status !== 'in_progress' || !row.pendingItemId) return null;
	const [item] = await db
		.select({ content: testItem.content })
		.from(testItem)
		.where(eq(testItem.id, row.pendingItemId));
	return (item?.content as ItemContent | undefined)?.audio ?? null;
}

export type AnswerOutcome =
	| { ok: true; finished: boolean }
	| {
			ok: false;
			reason: 'not_current' | 'not_in_progress' | 'time_up' | 'invalid_option' | 'conflict';
	  };

/**
 * Records the answer to the pending item and picks the next one. Refuses answers to any other item,
 * after the deadline (the attempt is then closed and scored on what was answered), and a second
 * submission racing the first (the revision check makes only one count).
 */
export async function submitAnswer(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	input: { itemId: string; option: number },
	now = new Date()
): Promise<AnswerOutcome> {
	if (row.status !== 'in_progress') return { ok: false, reason: 'not_in_progress' };
	if (now > row.deadlineAt) {
		await expireIfOverdue(db, row, ctx, now);
		return { ok: false, reason: 'time_up' };
	}
	if (!row.pendingItemId || input.itemId !== row.pendingItemId)
		return { ok: false, reason: 'not_current' };
	const [item] = await db.select().from(testItem).where(eq(testItem.id, row.pendingItemId));
	const options = (item.content as ItemContent).options ?? [];
	if (!Number.isInteger(input.option) || input.option < 0 || input.option >= options.length) {
		return { ok: false, reason: 'invalid_option' };
	}
	const correct = input.option === item.answerKey?.answer;
	const bankItem: BankItem = {
		id: item.id,
		skill: item.skill,
		level: item.level,
		a: item.a,
		b: item.b,
		c: item.c,
		...(item.status === 'pilot' ? { pilot: true } : {})
	};
	const state = recordAnswer(row.catState as CatState, bankItem, correct);
	const bank = await administrableItems(db, ctx.program.bankId);
	const next = nextItem(state, bank);

	const accepted = await db.transaction(async (tx) => {
		const updated = await tx
			.update(attempt)
			.set({
				catState: state,
				pendingItemId: next?.id ?? null,
				revision: sql`${attempt.revision} + 1`
			})
			.where(
				and(
					eq(attempt.id, row.id),
					eq(attempt.revision, row.revision),
					eq(attempt.status, 'in_progress')
				)
			)
			.returning({ id: attempt.id });
		if (updated.length === 0) return false;
		await tx.insert(attemptAnswer).values({
			attemptId: row.id,
			itemId: item.id,
			sequence: state.administered.length,
			response: { option: input.option },
			correct,
			answeredAt: now
		});
		// Calibration data: one row per attempt and item (respondent = attempt).
		await tx.insert(itemResponse).values({
			id: crypto.randomUUID(),
			itemId: item.id,
			respondentId: row.id,
			correct: correct ? 1 : 0,
			answeredAt: now
		});
		return true;
	});
	if (!accepted) return { ok: false, reason: 'conflict' };
	const advanced = { ...row, catState: state, revision: row.revision + 1, pendingItemId: null };
	if (!next && ctx.program.ratedSections.length > 0) {
		// The adaptive part is over; the rated tasks (writing, speaking) follow under the same deadline.
		if (await beginRatedPart(db, advanced, ctx, now)) return { ok: true, finished: false };
	}
	if (!next) {
		await finishAttempt(db, advanced, ctx, now, 'completed');
		return { ok: true, finished: true };
	}
	return { ok: true, finished: false };
}

/** Closes an attempt whose time ran out while the candidate was away (checked whenever it is opened). */
export async function expireIfOverdue(
	db: DB,
	row: AttemptRow,
	ctx: CandidateContext,
	now = new Date()
): Promise<AttemptRow> {
	if (row.status !== 'in_progress' || now <= row.deadlineAt) return row;
	// Time ran out during the rated tasks: what was submitted (or saved) goes to rating.
	if (!(await inRatedPart(db, row)) || !(await closeRatedPart(db, row, ctx, now))) {
		await finishAttempt(db, row, ctx, now, 'expired');
	}
	const [fresh] = await db.select().from(attempt).where(eq(attempt.id, row.id));
	return fresh;
}
