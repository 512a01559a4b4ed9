import { eq } from 'drizzle-orm';
import { nextItem, recordAnswer, type BankItem, type CatState, type Skill } from '$lib/placement';
import { attemptEligibility, type Eligibility } from '$lib/screening/requirement';
import type { DB } from '$lib/server/db/client';
import { testItem, type ItemContent } from '$lib/server/db/schema';
import {
	attemptsOf,
	decisionOfCandidate,
	openAttempt,
	type AttemptRow,
	type CandidateContext
} from './context';
import { administrableItems } from './engine';
import { advanceAdaptivePart, beginAttempt, endAdaptivePart, expireIfOverdue } from './lifecycle';

/**
 * The adaptive part as the candidate meets it: whether they may start, the item to answer now, and
 * their answer. State changes are the lifecycle's; this module checks and computes.
 */

export async function eligibilityOf(
	db: DB,
	ctx: CandidateContext,
	now: Date
): Promise<Eligibility> {
	const attempts = await attemptsOf(db, ctx.candidate.id);
	const decision = await decisionOfCandidate(db, ctx.candidate.id);
	return attemptEligibility(
		attempts,
		{
			...ctx.program,
			extraAttempts: ctx.candidate.extraAttempts,
			admitted: decision?.decision === 'admit'
		},
		now
	);
}

/** Starts an attempt, or returns the one in progress. */
export async function startOrResumeAttempt(
	db: DB,
	ctx: CandidateContext,
	now = new Date()
): Promise<
	{ ok: true; attempt: AttemptRow } | { ok: false; eligibility: Eligibility & { ok: false } }
> {
	const eligibility = await eligibilityOf(db, ctx, now);
	if (!eligibility.ok) return { ok: false, eligibility };
	const open = await openAttempt(db, ctx.candidate.id);
	return { ok: true, attempt: open ?? (await beginAttempt(db, ctx, now)) };
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
	const next = nextItem(state, await administrableItems(db, ctx.program.bankId));
	const answer = { item: bankItem, option: input.option, correct };
	if (!(await advanceAdaptivePart(db, row, answer, state, next, now)))
		return { ok: false, reason: 'conflict' };
	if (next) return { ok: true, finished: false };
	const advanced = { ...row, catState: state, revision: row.revision + 1, pendingItemId: null };
	const ended = await endAdaptivePart(db, advanced, ctx, now);
	return { ok: true, finished: ended === 'completed' };
}
