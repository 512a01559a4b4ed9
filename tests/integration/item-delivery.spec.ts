import { beforeAll, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import type { Actor } from '$lib/server/auth/actor';
import { itemResponse, testItem } from '$lib/server/db/schema';
import { estimateAbility, provisionalParams, type CatState } from '$lib/placement';
import type { ItemDraft } from '$lib/placement/item-workflow';
import { seedItemBanks } from '$lib/server/placement/banks';
import { createDraftItem, keepItemRecording, transitionItem } from '$lib/server/placement/items';
import {
	acceptItemCalibration,
	bankHealth,
	NEAR_CUT_MIN,
	planItemCalibration
} from '$lib/server/placement/item-calibration';
import { simulatePilotResponses } from '$lib/server/placement/simulated-responses';
import { rolesOf } from '$lib/server/accounts/service';
import { createProgram } from '$lib/server/admissions/programs';
import { SCREENING_PILOT_ITEMS } from '$lib/server/screening/engine';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import { wavOfSeconds } from '../factories/audio';
import { answerAdaptivePart, registerCandidate } from '../factories/screening';

const DAY = 86_400_000;

/**
 * An item on its way into live tests (issue 12), through the screening delivery itself: while in the
 * pilot it is given to candidates unscored, and once its calibrated parameters are accepted and it is
 * activated, it is given scored with those parameters. Deterministic: the item is a listening item of
 * the Lao bank, whose seed listening items still wait for their recordings, so it is the bank's only
 * pilot item (given to every candidate) and then its only listening item (the quota of three items
 * per skill the bank tests, capped by what the bank has, keeps the test going until it is given).
 */
withTestDatabase(
	'a new item in live tests: piloted unscored, then scored when active',
	(database) => {
		let db: DB;
		let school: { id: string };
		let author: Actor;
		let reviewer: Actor;
		let officer: Actor;
		let itemId: string;
		let programId: string;

		const actorOf = async (userId: string): Promise<Actor> => ({
			id: userId,
			isPlatformAdmin: false,
			memberships: await rolesOf(db, userId)
		});

		beforeAll(async () => {
			db = database.db;
			await seedItemBanks(db);
			school = await makeOrganization(db);
			const user = async (role: 'instructor' | 'admissions') =>
				actorOf((await makeUser(db, { roles: [{ organizationId: school.id, role }] })).id);
			author = await user('instructor');
			reviewer = await user('instructor');
			officer = await user('admissions');
			const now = Date.now();
			const created = await createProgram(db, officer, {
				organizationId: school.id,
				name: 'Tiếng Lào cho cán bộ',
				intake: 'Khoá 1',
				bankId: 'lo-placement',
				minOverallLevel: 3,
				skillMinimums: {},
				ratedSections: [],
				windowOpensAt: new Date(now - DAY),
				windowClosesAt: new Date(now + 30 * DAY),
				timeLimitMinutes: 60,
				maxAttempts: 1,
				retakeCooldownDays: 0,
				resultValidityMonths: 24
			});
			if (!created.ok) throw new Error(JSON.stringify(created.errors));
			programId = created.id;

			const recording = await keepItemRecording(db, author, {
				organizationId: school.id,
				bytes: wavOfSeconds(2),
				label: 'ຕະຫຼາດ'
			});
			if (!recording.ok) throw new Error('recording refused');
			const draft: ItemDraft = {
				language: 'lo',
				skill: 'listening',
				level: 2,
				kind: 'choice',
				instruction: 'listen_choose',
				prompt: 'ອ້າຍມິນຢາກໄປໃສ?',
				promptGloss: '',
				passage: '',
				passageKey: '',
				audio: recording.audio,
				options: ['ຕະຫຼາດ', 'ໂຮງຮຽນ', 'ໂຮງໝໍ', 'ໄປສະນີ'],
				answer: 0,
				explanation: 'ໃນບົດສົນທະນາ ລາວເວົ້າວ່າ “ໄປຕະຫຼາດ”.',
				rubric: null
			};
			const saved = await createDraftItem(db, author, { organizationId: school.id, draft });
			if (!saved.ok) throw new Error(JSON.stringify(saved));
			itemId = saved.id;
			await transitionItem(db, author, itemId, 'submit');
			expect(await transitionItem(db, reviewer, itemId, 'approve')).toEqual({
				ok: true,
				status: 'pilot'
			});
		}, 60_000);

		/** A newly invited and registered candidate takes the whole test, answering every item right. */
		async function takeTest() {
			const { ctx } = await registerCandidate(db, officer, programId, 'ສົມພອນ');
			return answerAdaptivePart(db, ctx);
		}

		it('gives a pilot item unscored, never first, and keeps the answer for calibration', async () => {
			const finished = await takeTest();
			expect(finished.engineConfig).toMatchObject({ pilotItems: SCREENING_PILOT_ITEMS });
			const state = finished.catState as CatState;
			const position = state.administered.findIndex((entry) => entry.id === itemId);
			// The only pilot item of the bank: due after ⌊8 / (2 + 1)⌋ = 2 scored items (cat.ts pilotDue).
			expect(position).toBe(2);
			expect(state.administered[position]).toMatchObject({
				pilot: true,
				correct: true,
				...provisionalParams(2)
			});
			// Unscored: the estimate is that of the other answers alone.
			const scored = state.administered.filter((entry) => !entry.pilot);
			expect(scored).toHaveLength(state.administered.length - 1);
			expect(state.estimate.theta).toBeCloseTo(
				estimateAbility(scored.map((entry) => ({ item: entry, correct: entry.correct }))).theta,
				10
			);
			expect(finished.skillLevels).not.toHaveProperty('listening');
			const kept = await db
				.select()
				.from(itemResponse)
				.where(and(eq(itemResponse.itemId, itemId), eq(itemResponse.respondentId, finished.id)));
			expect(kept).toHaveLength(1);
		});

		it('gives the item scored, with its accepted parameters, once it is active', async () => {
			await simulatePilotResponses(db, {
				organizationId: school.id,
				language: 'lo',
				respondents: 150,
				truth: () => ({ a: 1.6, b: -1.1 })
			});
			const plan = await planItemCalibration(db, author, {
				organizationId: school.id,
				language: 'lo'
			});
			if (!plan.ok) throw new Error(`calibration refused: ${plan.reason}`);
			expect(
				await acceptItemCalibration(db, author, {
					organizationId: school.id,
					language: 'lo',
					itemId
				})
			).toEqual({ ok: true, status: 'calibrated' });
			expect(await transitionItem(db, author, itemId, 'activate')).toEqual({
				ok: true,
				status: 'active'
			});
			const [accepted] = await db.select().from(testItem).where(eq(testItem.id, itemId));
			expect(accepted.provisional).toBe(false);
			expect(accepted.a).not.toBe(provisionalParams(2).a);

			const finished = await takeTest();
			const state = finished.catState as CatState;
			const given = state.administered.find((entry) => entry.id === itemId);
			expect(given).toMatchObject({ pilot: false, correct: true, a: accepted.a, b: accepted.b });
			// Scored: the estimate counts it, with the accepted parameters.
			expect(state.estimate.theta).toBeCloseTo(
				estimateAbility(
					state.administered.map((entry) => ({ item: entry, correct: entry.correct }))
				).theta,
				10
			);
			expect(finished.skillLevels).toHaveProperty('listening');
			expect(finished.status).toBe('completed');
		});

		it('bank health: the level now has listening; a cut without items near it is warned', async () => {
			const health = await bankHealth(db, author, {
				organizationId: school.id,
				language: 'lo',
				programs: [{ name: 'Tiếng Lào bậc 6', bankId: 'lo-placement', minOverallLevel: 6 }]
			});
			const noListening = health.warnings.flatMap((w) =>
				w.kind === 'no_listening' ? [w.level] : []
			);
			expect(noListening).not.toContain(2);
			expect(noListening).toContain(3);
			expect(health.warnings.some((w) => w.kind === 'few_near_cut')).toBe(false);
			// Calibrated parameters that leave the cut (θ = 2) bare: the same program is warned.
			await db
				.update(testItem)
				.set({ b: 3.2 })
				.where(and(eq(testItem.bankId, 'lo-placement'), inArray(testItem.level, [5, 6])));
			const thin = await bankHealth(db, author, {
				organizationId: school.id,
				language: 'lo',
				programs: [{ name: 'Tiếng Lào bậc 6', bankId: 'lo-placement', minOverallLevel: 6 }]
			});
			const nearCut = thin.warnings.find((w) => w.kind === 'few_near_cut');
			expect(nearCut).toMatchObject({ program: 'Tiếng Lào bậc 6', level: 6, needed: NEAR_CUT_MIN });
			expect(nearCut).toMatchObject({ items: 0 });
		});
	}
);
