import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { attempt, testItem } from '$lib/server/db/schema';
import { registerAccount, rolesOf } from '$lib/server/accounts/service';
import type { Actor } from '$lib/server/auth/actor';
import { createProgram, type ProgramInput } from '$lib/server/admissions/programs';
import { inviteCandidates } from '$lib/server/admissions/candidates';
import {
	candidateOfUser,
	type AttemptRow,
	type CandidateContext
} from '$lib/server/screening/context';
import { startOrResumeAttempt, submitAnswer } from '$lib/server/screening/delivery';
import { publicItemId } from '$lib/server/screening/item-ids';

/**
 * The screening path as the integration specs walk it: an officer's program, an invited candidate who
 * registers with the code, and the adaptive part answered by a policy. One place, so that a change in
 * how candidates register or answer is made once.
 */

const DAY = 86_400_000;

/** What a session would hold for this account: its memberships as the database has them now. */
export async function actorOf(db: DB, userId: string): Promise<Actor> {
	return { id: userId, isPlatformAdmin: false, memberships: await rolesOf(db, userId) };
}

/** A program on the Vietnamese bank whose window is open now; `overrides` set what a spec is about. */
export function programInput(
	organizationId: string,
	overrides: Partial<ProgramInput> = {}
): ProgramInput {
	const now = Date.now();
	return {
		organizationId,
		name: 'Trung cấp lý luận chính trị',
		intake: 'Lớp Lào khoá 6',
		bankId: 'vi-placement',
		minOverallLevel: 1,
		skillMinimums: {},
		ratedSections: [],
		windowOpensAt: new Date(now - DAY),
		windowClosesAt: new Date(now + 30 * DAY),
		timeLimitMinutes: 60,
		maxAttempts: 2,
		retakeCooldownDays: 0,
		resultValidityMonths: 24,
		...overrides
	};
}

/** Creates the program as `officer`; returns its id (throws with the form errors when refused). */
export async function makeProgram(
	db: DB,
	officer: Actor,
	organizationId: string,
	overrides: Partial<ProgramInput> = {}
): Promise<string> {
	const created = await createProgram(db, officer, programInput(organizationId, overrides));
	if (!created.ok) throw new Error(JSON.stringify(created.errors));
	return created.id;
}

let serial = 0;

/** Invites a candidate to the program and registers their account with the invitation code. */
export async function registerCandidate(
	db: DB,
	officer: Actor,
	programId: string,
	fullName = 'ບຸນມີ',
	username = `cand${serial++}${crypto.randomUUID().slice(0, 8)}`
): Promise<{ ctx: CandidateContext; userId: string; candidateId: string; username: string }> {
	const [invited] = await inviteCandidates(db, officer, programId, [
		{ fullName, position: '', sendingOrganization: 'Hủa Phăn', dateOfBirth: '', phone: '' }
	]);
	const registered = await registerAccount(db, {
		username,
		displayName: fullName,
		password: 'long enough',
		invitationCode: invited.invitationCode
	});
	if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
	const ctx = (await candidateOfUser(db, registered.userId, invited.id))!;
	return { ctx, userId: registered.userId, candidateId: invited.id, username };
}

export async function attemptRow(db: DB, id: string): Promise<AttemptRow> {
	const [row] = await db.select().from(attempt).where(eq(attempt.id, id));
	return row;
}

/** Right or wrong for every item, or per item's skill. */
export type AnswerPolicy = 'right' | 'wrong' | ((skill: string) => boolean);

/**
 * Starts (or resumes) the candidate's attempt and answers every adaptive item the engine gives by
 * `policy`, each answer accepted; returns the attempt once no item is pending — closed, or in the rated
 * part when the program has one.
 */
export async function answerAdaptivePart(
	db: DB,
	ctx: CandidateContext,
	policy: AnswerPolicy = 'right',
	limit = 70
): Promise<AttemptRow> {
	const started = await startOrResumeAttempt(db, ctx);
	if (!started.ok) throw new Error(`could not start: ${started.eligibility.reason}`);
	for (let i = 0; i < limit; i++) {
		const row = await attemptRow(db, started.attempt.id);
		if (row.status !== 'in_progress' || !row.pendingItemId) return row;
		const [item] = await db.select().from(testItem).where(eq(testItem.id, row.pendingItemId));
		const key = item.answerKey!.answer;
		const right = typeof policy === 'function' ? policy(item.skill) : policy === 'right';
		const option = right ? key : (key + 1) % item.content.options!.length;
		const outcome = await submitAnswer(db, row, ctx, {
			itemId: publicItemId(row, item.id),
			option
		});
		if (!outcome.ok) throw new Error(`answer refused: ${outcome.reason}`);
	}
	throw new Error(`the adaptive part did not end within ${limit} items`);
}
