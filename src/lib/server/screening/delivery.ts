import { and, eq, lt, sql } from 'drizzle-orm';
import { nextItem, recordAnswer, type BankItem, type CatState, type Skill } from '$lib/placement';
import { attemptEligibility, type Eligibility } from '$lib/screening/requirement';
import type { DB } from '$lib/server/db/client';
import { itemBank, itemPlay, testItem, type ItemContent } from '$lib/server/db/schema';
import {
	attemptsOf,
	decisionOfCandidate,
	openAttempt,
	type AttemptRow,
	type CandidateContext
} from './context';
import { administrableItems, poolFingerprint } from './engine';
import { publicItemId } from './item-ids';
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
			admitted: decision?.decision === 'admit',
			withdrawn: ctx.program.withdrawnAt
				? 'program'
				: ctx.candidate.withdrawnAt
					? 'candidate'
					: null
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

/** How many times a candidate may hear an item's recording. */
export const PLAYS_PER_RECORDING = 2;

/**
 * What the candidate's phone receives for the current item: content only, never keys, parameters,
 * level or the item's own id (`id` is the attempt's opaque one, see item-ids.ts).
 */
export type PublicItem = {
	id: string;
	/** The tested language: the page marks the item's text with it (fonts, line breaks, screen readers). */
	language: 'vi' | 'lo';
	skill: Skill;
	instruction: string;
	prompt: string;
	promptGloss?: string;
	passage?: string;
	options: string[];
	hasAudio: boolean;
	/** Plays of the recording left, as the server counts them (0 without a recording). */
	playsLeft: number;
};

export async function currentItem(db: DB, row: AttemptRow): Promise<PublicItem | null> {
	if (!row.pendingItemId) return null;
	const [item] = await db
		.select({
			id: testItem.id,
			skill: testItem.skill,
			content: testItem.content,
			language: itemBank.language
		})
		.from(testItem)
		.innerJoin(itemBank, eq(itemBank.id, testItem.bankId))
		.where(eq(testItem.id, row.pendingItemId));
	const content = item.content as ItemContent;
	return {
		id: publicItemId(row, item.id),
		language: item.language,
		skill: item.skill,
		instruction: content.instruction,
		prompt: content.prompt,
		...(content.promptGloss ? { promptGloss: content.promptGloss } : {}),
		...(content.passage ? { passage: content.passage } : {}),
		options: content.options ?? [],
		hasAudio: Boolean(content.audio),
		playsLeft: content.audio ? PLAYS_PER_RECORDING - (await playsOf(db, row, item.id)) : 0
	};
}

async function playsOf(db: DB, row: AttemptRow, itemId: string): Promise<number> {
	const [found] = await db
		.select({ plays: itemPlay.plays })
		.from(itemPlay)
		.where(and(eq(itemPlay.attemptId, row.id), eq(itemPlay.itemId, itemId)));
	return found?.plays ?? 0;
}

export type PlayOutcome =
	| { ok: true; audio: string; playsLeft: number }
	| { ok: false; reason: 'not_current' | 'no_plays_left' };

/**
 * One play of the current item's recording, counted before it is sent: the recording of the item
 * whose public id is `publicId`, only while it is the one to answer, at most PLAYS_PER_RECORDING
 * times per attempt — whatever the browser remembers. The count and its check are one statement, so
 * requests racing each other cannot play it more often.
 */
export async function playCurrentRecording(
	db: DB,
	row: AttemptRow,
	publicId: string,
	now = new Date()
): Promise<PlayOutcome> {
	if (row.status !== 'in_progress' || !row.pendingItemId)
		return { ok: false, reason: 'not_current' };
	if (publicId !== publicItemId(row, row.pendingItemId))
		return { ok: false, reason: 'not_current' };
	const [item] = await db
		.select({ content: testItem.content })
		.from(testItem)
		.where(eq(testItem.id, row.pendingItemId));
	const audio = (item?.content as ItemContent | undefined)?.audio;
	if (!audio) return { ok: false, reason: 'not_current' };
	const [counted] = await db
		.insert(itemPlay)
		.values({ attemptId: row.id, itemId: row.pendingItemId, plays: 1, lastPlayedAt: now })
		.onConflictDoUpdate({
			target: [itemPlay.attemptId, itemPlay.itemId],
			set: { plays: sql`${itemPlay.plays} + 1`, lastPlayedAt: now },
			setWhere: lt(itemPlay.plays, PLAYS_PER_RECORDING)
		})
		.returning({ plays: itemPlay.plays });
	if (!counted) return { ok: false, reason: 'no_plays_left' };
	return { ok: true, audio, playsLeft: PLAYS_PER_RECORDING - counted.plays };
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
	// `itemId` is what the candidate sent: the public id of the item they answered (item-ids.ts).
	if (!row.pendingItemId || input.itemId !== publicItemId(row, row.pendingItemId))
		return { ok: false, reason: 'not_current' };
	// The item, and the fingerprint of the pool the next item comes from (engine.ts), in one read.
	const [{ item, pool }] = await db
		.select({
			item: testItem,
			pool: poolFingerprint(db, ctx.program.bankId, ctx.program.organizationId)
		})
		.from(testItem)
		.where(eq(testItem.id, row.pendingItemId));
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
	const next = nextItem(
		state,
		await administrableItems(db, ctx.program.bankId, ctx.program.organizationId, pool)
	);
	const answer = { item: bankItem, option: input.option, correct };
	if (!(await advanceAdaptivePart(db, row, answer, state, next, now)))
		return { ok: false, reason: 'conflict' };
	if (next) return { ok: true, finished: false };
	const advanced = { ...row, catState: state, revision: row.revision + 1, pendingItemId: null };
	const ended = await endAdaptivePart(db, advanced, ctx, now);
	return { ok: true, finished: ended === 'completed' };
}
