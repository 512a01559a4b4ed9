import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { attempt, testItem } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { registerAccount, rolesOf } from '$lib/server/accounts/service';
import type { Actor } from '$lib/server/auth/actor';
import { createProgram } from '$lib/server/admissions/programs';
import { inviteCandidates } from '$lib/server/admissions/candidates';
import { candidateOfUser, type AttemptRow } from '$lib/server/screening/context';
import {
	currentItem,
	PLAYS_PER_RECORDING,
	playCurrentRecording,
	startOrResumeAttempt,
	submitAnswer
} from '$lib/server/screening/delivery';
import { publicItemId } from '$lib/server/screening/item-ids';
import { saveWritingDraft } from '$lib/server/screening/rated-part';
import { currentRatedTask, ratedTasksOf } from '$lib/server/screening/rated-tasks';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const DAY = 86_400_000;

/**
 * What a candidate's browser learns about the items and how often it hears a recording: item ids
 * that reveal nothing, and a play limit the server keeps.
 */
withTestDatabase('item privacy and play limits', (database) => {
	let db: DB;
	let officer: Actor;
	let organizationId: string;

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		organizationId = (await makeOrganization(db)).id;
		const o = await makeUser(db, { roles: [{ organizationId, role: 'admissions' }] });
		officer = { id: o.id, isPlatformAdmin: false, memberships: await rolesOf(db, o.id) };
	});

	/** A registered candidate with an attempt started, in a program rating `ratedSections`. */
	async function startedAttempt(ratedSections: ('writing' | 'speaking')[] = []) {
		const now = Date.now();
		const created = await createProgram(db, officer, {
			organizationId,
			name: 'Trung cấp lý luận chính trị',
			intake: `Lớp Lào ${crypto.randomUUID().slice(0, 6)}`,
			bankId: 'vi-placement',
			minOverallLevel: 1,
			skillMinimums: {},
			ratedSections,
			windowOpensAt: new Date(now - DAY),
			windowClosesAt: new Date(now + 30 * DAY),
			timeLimitMinutes: 60,
			maxAttempts: 2,
			retakeCooldownDays: 0,
			resultValidityMonths: 24
		});
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		const [invited] = await inviteCandidates(db, officer, created.id, [
			{ fullName: 'ບຸນມີ', position: '', sendingOrganization: '', dateOfBirth: '', phone: '' }
		]);
		const registered = await registerAccount(db, {
			username: `cand${crypto.randomUUID().slice(0, 8)}`,
			displayName: 'ບຸນມີ',
			password: 'long enough',
			invitationCode: invited.invitationCode
		});
		if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
		const ctx = (await candidateOfUser(db, registered.userId, invited.id))!;
		const started = await startOrResumeAttempt(db, ctx);
		if (!started.ok) throw new Error('could not start');
		return { ctx, row: started.attempt };
	}

	const reload = async (row: AttemptRow) =>
		(await db.select().from(attempt).where(eq(attempt.id, row.id)))[0];

	/** Makes a listening item with a recording the pending one (as if the engine had chosen it). */
	async function pendListening(row: AttemptRow, offset = 0) {
		const listening = await db
			.select({ id: testItem.id, content: testItem.content })
			.from(testItem)
			.where(and(eq(testItem.bankId, 'vi-placement'), eq(testItem.skill, 'listening')));
		const item = listening.filter((i) => i.content.audio)[offset];
		await db.update(attempt).set({ pendingItemId: item.id }).where(eq(attempt.id, row.id));
		return { row: await reload(row), itemId: item.id };
	}

	it('gives candidates item ids that name no level, skill or bank and differ between attempts', async () => {
		const first = await startedAttempt();
		const second = await startedAttempt();
		const shown = (await currentItem(db, first.row))!;
		expect(shown.id).not.toBe(first.row.pendingItemId);
		expect(shown.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		// The tested language marks the item's text on the page (the bank of this program is Vietnamese).
		expect(shown.language).toBe('vi');
		expect(JSON.stringify(shown)).not.toContain(first.row.pendingItemId);
		// The same item in another attempt has another id: ids cannot be collected and compared.
		const same = await db
			.update(attempt)
			.set({ pendingItemId: first.row.pendingItemId })
			.where(eq(attempt.id, second.row.id))
			.returning();
		expect((await currentItem(db, same[0]))!.id).not.toBe(shown.id);
		expect(first.row.itemKey).not.toBe(second.row.itemKey);
	});

	it("accepts an answer under the item's public id only, never under its own id", async () => {
		const { ctx, row } = await startedAttempt();
		expect(await submitAnswer(db, row, ctx, { itemId: row.pendingItemId!, option: 0 })).toEqual({
			ok: false,
			reason: 'not_current'
		});
		const shown = (await currentItem(db, row))!;
		expect(await submitAnswer(db, row, ctx, { itemId: shown.id, option: 0 })).toMatchObject({
			ok: true
		});
	});

	it('names rated tasks by public id too', async () => {
		const { ctx, row: started } = await startedAttempt(['writing']);
		let row = started;
		for (let i = 0; i < 60 && row.pendingItemId; i++) {
			await submitAnswer(db, row, ctx, { itemId: publicItemId(row, row.pendingItemId), option: 0 });
			row = await reload(row);
		}
		const task = currentRatedTask(await ratedTasksOf(db, row.id))!;
		expect(task.skill).toBe('writing');
		const draft = { text: 'Tôi tên là Bun-mi.' };
		expect(await saveWritingDraft(db, row, ctx, { itemId: task.itemId, ...draft })).toEqual({
			ok: false,
			reason: 'not_current'
		});
		expect(
			await saveWritingDraft(db, row, ctx, { itemId: publicItemId(row, task.itemId), ...draft })
		).toEqual({ ok: true, closed: false });
	});

	it('serves the current recording at most twice per attempt, whatever the browser remembers', async () => {
		const { row: started } = await startedAttempt();
		const { row, itemId } = await pendListening(started);
		const publicId = publicItemId(row, itemId);
		expect(PLAYS_PER_RECORDING).toBe(2);
		expect((await currentItem(db, row))!).toMatchObject({ hasAudio: true, playsLeft: 2 });
		expect(await playCurrentRecording(db, row, publicId)).toMatchObject({ ok: true, playsLeft: 1 });
		expect(await playCurrentRecording(db, row, publicId)).toMatchObject({ ok: true, playsLeft: 0 });
		expect(await playCurrentRecording(db, row, publicId)).toEqual({
			ok: false,
			reason: 'no_plays_left'
		});
		// A reload (or another browser) is told what the server counted.
		expect((await currentItem(db, await reload(row)))!.playsLeft).toBe(0);
		// Another item's recording, or this one under its own id, is not served.
		expect(await playCurrentRecording(db, row, itemId)).toEqual({
			ok: false,
			reason: 'not_current'
		});
		const next = await pendListening(row, 1);
		expect(await playCurrentRecording(db, next.row, publicId)).toEqual({
			ok: false,
			reason: 'not_current'
		});
		expect(
			await playCurrentRecording(db, next.row, publicItemId(next.row, next.itemId))
		).toMatchObject({ ok: true, playsLeft: 1 });
	});

	it('counts plays racing each other once each: never more than the limit', async () => {
		const { row: started } = await startedAttempt();
		const { row, itemId } = await pendListening(started);
		const plays = await Promise.all(
			Array.from({ length: 6 }, () => playCurrentRecording(db, row, publicItemId(row, itemId)))
		);
		expect(plays.filter((p) => p.ok)).toHaveLength(PLAYS_PER_RECORDING);
	});
});
