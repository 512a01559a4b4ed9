import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { auditLog, testItem } from '$lib/server/db/schema';
import { membershipsOf } from '$lib/server/accounts/repository';
import { seedItemBanks } from '$lib/server/placement/banks';
import {
	copySharedItem,
	createDraftItem,
	itemForEditor,
	itemsForActor,
	transitionItem,
	updateDraftItem
} from '$lib/server/placement/items';
import {
	createCollection,
	setCollectionItem,
	shareCollection
} from '$lib/server/placement/collections';
import {
	acceptItemCalibration,
	bankHealth,
	planItemCalibration
} from '$lib/server/placement/item-calibration';
import { simulatePilotResponses } from '$lib/server/placement/simulated-responses';
import { administrableItems } from '$lib/server/screening/engine';
import type { ItemDraft } from '$lib/placement/item-workflow';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

async function actorOf(db: DB, userId: string): Promise<Actor> {
	return { id: userId, isPlatformAdmin: false, memberships: await membershipsOf(db, userId) };
}

const draft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
	language: 'vi',
	skill: 'vocabulary_grammar',
	level: 3,
	kind: 'choice',
	instruction: 'fill_gap',
	prompt: 'Tôi ___ cơm rồi.',
	promptGloss: '',
	passage: '',
	passageKey: '',
	audio: '',
	options: ['đã ăn', 'sẽ ăn', 'đang ăn', 'chưa ăn'],
	answer: 0,
	explanation: '“rồi” đi với “đã”.',
	rubric: null,
	...over
});

withTestDatabase('item authoring, review, calibration and sharing', (database) => {
	let db: DB;
	let school: { id: string };
	let partner: { id: string };
	let stranger: { id: string };
	let author: Actor;
	let reviewer: Actor;
	let partnerInstructor: Actor;
	let strangerInstructor: Actor;
	let itemId: string;

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		school = await makeOrganization(db);
		partner = await makeOrganization(db);
		stranger = await makeOrganization(db);
		const mk = async (organizationId: string) =>
			actorOf(db, (await makeUser(db, { roles: [{ organizationId, role: 'instructor' }] })).id);
		author = await mk(school.id);
		reviewer = await mk(school.id);
		partnerInstructor = await mk(partner.id);
		strangerInstructor = await mk(stranger.id);
	}, 60_000);

	it('keeps a refused draft out and saves a complete one as a draft', async () => {
		const refused = await createDraftItem(db, author, {
			organizationId: school.id,
			draft: draft({ options: ['a', 'b'], answer: 3 })
		});
		expect(refused).toEqual({
			ok: false,
			errors: { options: 'options_count', answer: 'answer_missing' }
		});
		await expect(
			createDraftItem(db, author, { organizationId: partner.id, draft: draft() })
		).rejects.toBeInstanceOf(Forbidden);
		const created = await createDraftItem(db, author, {
			organizationId: school.id,
			draft: draft()
		});
		expect(created.ok).toBe(true);
		itemId = (created as { id: string }).id;
		const view = await itemForEditor(db, author, itemId);
		expect(view.status).toBe('draft');
		expect(view.draft.answer).toBe(0);
		expect(view.actions).toEqual(['submit']);
	});

	it('needs a second instructor to approve; every step is audited', async () => {
		expect(await transitionItem(db, author, itemId, 'submit')).toEqual({
			ok: true,
			status: 'review'
		});
		expect(await transitionItem(db, author, itemId, 'approve')).toEqual({
			ok: false,
			reason: 'own_item'
		});
		await expect(transitionItem(db, partnerInstructor, itemId, 'approve')).rejects.toBeInstanceOf(
			Forbidden
		);
		expect(await transitionItem(db, reviewer, itemId, 'approve')).toEqual({
			ok: true,
			status: 'pilot'
		});
		// A reviewed item's content no longer changes.
		expect(await updateDraftItem(db, author, itemId, draft({ prompt: 'x' }))).toEqual({
			ok: false,
			reason: 'not_draft'
		});
		const entries = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectId, itemId), eq(auditLog.action, 'item.transition')));
		expect(entries.map((e) => [e.actorId, e.before, e.after])).toEqual(
			expect.arrayContaining([
				[author.id, { status: 'draft' }, { status: 'review' }],
				[reviewer.id, { status: 'review' }, { status: 'pilot' }]
			])
		);
	});

	it('refuses to calibrate on too few answers, stating how many there are', async () => {
		expect(
			await planItemCalibration(db, author, { organizationId: school.id, language: 'vi' })
		).toEqual({ ok: false, reason: 'too_few', responses: 0, needed: 100 });
	});

	it('calibrates on simulated answers anchored on active items, and stores what is accepted', async () => {
		await simulatePilotResponses(db, {
			organizationId: school.id,
			language: 'vi',
			respondents: 300,
			truth: () => ({ a: 1.3, b: 0.4 })
		});
		const plan = await planItemCalibration(db, author, {
			organizationId: school.id,
			language: 'vi'
		});
		if (!plan.ok) throw new Error(`calibration refused: ${plan.reason}`);
		expect(plan.anchors).toBeGreaterThan(50);
		const row = plan.rows.find((r) => r.id === itemId)!;
		expect(row.responses).toBe(300);
		expect(row.after!.b).toBeGreaterThan(0);
		expect(row.after!.b).toBeLessThan(0.9);
		expect(row.pValue).toBeGreaterThan(0.2);
		expect(row.pointBiserial).toBeGreaterThan(0);
		expect(row.acceptable).toBe(true);

		await expect(
			acceptItemCalibration(db, partnerInstructor, {
				organizationId: school.id,
				language: 'vi',
				itemId
			})
		).rejects.toBeInstanceOf(Forbidden);
		expect(
			await acceptItemCalibration(db, reviewer, {
				organizationId: school.id,
				language: 'vi',
				itemId
			})
		).toEqual({ ok: true, status: 'calibrated' });
		const [stored] = await db.select().from(testItem).where(eq(testItem.id, itemId));
		expect(stored.provisional).toBe(false);
		expect(stored.calibratedBy).toBe(reviewer.id);
		expect(stored.b).toBeCloseTo(row.after!.b, 6);
		expect(await transitionItem(db, author, itemId, 'activate')).toEqual({
			ok: true,
			status: 'active'
		});
		const delivered = await administrableItems(db, 'vi-placement', school.id);
		expect(delivered.find((i) => i.id === itemId)).toMatchObject({ b: stored.b });
		expect(delivered.find((i) => i.id === itemId)?.pilot).toBeUndefined();
	});

	it('shares a collection: the partner uses it without keys, cannot edit, copies when allowed', async () => {
		expect(await administrableItems(db, 'vi-placement', partner.id)).not.toContainEqual(
			expect.objectContaining({ id: itemId })
		);
		await expect(itemForEditor(db, partnerInstructor, itemId)).rejects.toBeInstanceOf(Forbidden);

		const collection = await createCollection(db, author, {
			organizationId: school.id,
			name: 'Ngữ pháp bậc 3'
		});
		if (!collection.ok) throw new Error('collection refused');
		await setCollectionItem(db, author, { collectionId: collection.id, itemId, member: true });
		expect(
			await shareCollection(db, author, {
				collectionId: collection.id,
				organizationId: school.id,
				mode: 'use'
			})
		).toEqual({ ok: false, errors: { organizationId: 'invalid' } });
		await expect(
			shareCollection(db, partnerInstructor, {
				collectionId: collection.id,
				organizationId: partner.id,
				mode: 'use'
			})
		).rejects.toBeInstanceOf(Forbidden);
		await shareCollection(db, author, {
			collectionId: collection.id,
			organizationId: partner.id,
			mode: 'use'
		});

		const seen = await itemForEditor(db, partnerInstructor, itemId);
		expect(seen.keyVisible).toBe(false);
		expect(seen.draft.answer).toBeNull();
		expect(seen.draft.explanation).toBe('');
		expect(seen.params).toBeNull();
		expect(seen.editable).toBe(false);
		expect(seen.actions).toEqual([]);
		expect(seen.copyTargets).toEqual([]);
		expect(seen.ownerName).toBeTruthy();
		await expect(updateDraftItem(db, partnerInstructor, itemId, draft())).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(transitionItem(db, partnerInstructor, itemId, 'retire')).rejects.toBeInstanceOf(
			Forbidden
		);
		expect(await administrableItems(db, 'vi-placement', partner.id)).toContainEqual(
			expect.objectContaining({ id: itemId })
		);
		// Another organization sees nothing of it.
		await expect(itemForEditor(db, strangerInstructor, itemId)).rejects.toBeInstanceOf(Forbidden);
		expect((await itemsForActor(db, strangerInstructor, {})).some((i) => i.id === itemId)).toBe(
			false
		);
		await expect(copySharedItem(db, partnerInstructor, itemId, partner.id)).rejects.toBeInstanceOf(
			Forbidden
		);

		// The owner sees who uses it.
		const owned = await itemForEditor(db, author, itemId);
		expect(owned.usage?.usedBy.map((u) => u.organizationId)).toEqual([partner.id]);
		expect(owned.usage?.responses).toBe(300);

		await shareCollection(db, author, {
			collectionId: collection.id,
			organizationId: partner.id,
			mode: 'copy'
		});
		expect((await itemForEditor(db, partnerInstructor, itemId)).copyTargets).toEqual([partner.id]);
		const copy = await copySharedItem(db, partnerInstructor, itemId, partner.id);
		if (!copy.ok) throw new Error('copy refused');
		const mine = await itemForEditor(db, partnerInstructor, copy.id);
		expect(mine.keyVisible).toBe(true);
		expect(mine.draft.answer).toBe(0);
		expect(mine.status).toBe('draft');
		expect(mine.editable).toBe(true);
	});

	it('bank health counts items per level and skill and warns where it is thin', async () => {
		const programs = [{ name: 'Trung cấp (thử)', bankId: 'vi-placement', minOverallLevel: 6 }];
		const health = await bankHealth(db, author, {
			organizationId: school.id,
			language: 'lo',
			programs
		});
		expect(health.curve.length).toBeGreaterThan(10);
		expect(health.warnings).toContainEqual({ kind: 'no_listening', level: 6 });
		const vi = await bankHealth(db, author, {
			organizationId: school.id,
			language: 'vi',
			programs
		});
		expect(vi.grid[3].vocabulary_grammar.scored).toBeGreaterThan(0);
		// The seed bank's provisional items sit at the level centres, ±0.5 around every cut.
		expect(vi.warnings.some((w) => w.kind === 'few_near_cut')).toBe(false);
		expect(vi.exposure[0].rate).toBeGreaterThan(0);
		await expect(
			bankHealth(db, author, { organizationId: partner.id, language: 'vi', programs: [] })
		).rejects.toBeInstanceOf(Forbidden);
	});

	it('warns when the key is too often the single longest option at a level', async () => {
		const keyLongest = async () =>
			(
				await bankHealth(db, author, { organizationId: school.id, language: 'vi', programs: [] })
			).warnings.filter((w) => w.kind === 'key_longest');
		// The seed bank passes its own check (banks.spec.ts): nothing to warn of at level 6.
		expect((await keyLongest()).filter((w) => w.level === 6)).toEqual([]);
		// Ten level-6 items whose key gives itself away by its length, piloted.
		for (let day = 1; day <= 10; day++) {
			const created = await createDraftItem(db, author, {
				organizationId: school.id,
				draft: draft({
					level: 6,
					prompt: `Hội nghị ___ vào ngày ${day} tháng sau.`,
					options: ['bắt', 'khai', 'mở', 'sẽ khai mạc'],
					answer: 3,
					explanation: 'Chỉ “sẽ khai mạc” đủ nghĩa.'
				})
			});
			if (!created.ok) throw new Error(JSON.stringify(created.errors));
			await transitionItem(db, author, created.id, 'submit');
			expect(await transitionItem(db, reviewer, created.id, 'approve')).toMatchObject({
				status: 'pilot'
			});
		}
		const [warning] = (await keyLongest()).filter((w) => w.level === 6);
		expect(warning).toMatchObject({ kind: 'key_longest', level: 6 });
		if (warning.kind !== 'key_longest') throw new Error('unreachable');
		expect(warning.keyLongest).toBeGreaterThanOrEqual(10);
		expect(warning.keyLongest / warning.items).toBeGreaterThan(0.3);
	});

	it('a reading draft joins a passage group with its passage left empty, as the editor says', async () => {
		const passage = 'Sáng nay anh Minh đi chợ mua rau. Chiều anh về nhà.';
		const first = await createDraftItem(db, author, {
			organizationId: school.id,
			draft: draft({
				skill: 'reading',
				instruction: 'read_choose',
				passage,
				prompt: 'Anh Minh đi đâu?'
			})
		});
		if (!first.ok) throw new Error(JSON.stringify(first.errors));
		const passageKey = (await itemForEditor(db, author, first.id)).draft.passageKey;
		expect(passageKey).not.toBe('');
		const joined = await createDraftItem(db, author, {
			organizationId: school.id,
			draft: draft({
				skill: 'reading',
				instruction: 'read_choose',
				passageKey,
				prompt: 'Khi nào anh về?'
			})
		});
		if (!joined.ok) throw new Error(JSON.stringify(joined.errors));
		const view = await itemForEditor(db, author, joined.id);
		expect(view.draft).toMatchObject({ passage, passageKey });
		// Saved again with the passage still empty: it keeps the group's text.
		expect(
			await updateDraftItem(
				db,
				author,
				joined.id,
				draft({
					skill: 'reading',
					instruction: 'read_choose',
					passageKey,
					prompt: 'Anh về lúc nào?'
				})
			)
		).toEqual({ ok: true, id: joined.id });
		expect((await itemForEditor(db, author, joined.id)).draft.passage).toBe(passage);
	});

	it('a draft saved in another browser meanwhile is not overwritten unknowingly', async () => {
		const created = await createDraftItem(db, author, {
			organizationId: school.id,
			draft: draft()
		});
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		// Both open the editor on the same saved state.
		const opened = (await itemForEditor(db, author, created.id)).version;
		expect((await itemForEditor(db, reviewer, created.id)).version).toBe(opened);
		const first = draft({ prompt: 'Chị ấy ___ cơm rồi.' });
		expect(
			await updateDraftItem(db, reviewer, created.id, first, {
				seenVersion: opened,
				now: new Date(Date.now() + 1_000)
			})
		).toEqual({ ok: true, id: created.id });
		const overtaken = await updateDraftItem(
			db,
			author,
			created.id,
			draft({ prompt: 'Anh ấy ___ cơm rồi.' }),
			{ seenVersion: opened }
		);
		const now = (await itemForEditor(db, author, created.id)).version;
		expect(now).not.toBe(opened);
		expect(overtaken).toEqual({ ok: false, reason: 'changed_elsewhere', version: now });
		expect((await itemForEditor(db, author, created.id)).draft.prompt).toBe(first.prompt);
		// Saving again on the version the refusal named replaces it knowingly.
		expect(
			await updateDraftItem(db, author, created.id, draft({ prompt: 'Anh ấy ___ cơm rồi.' }), {
				seenVersion: now
			})
		).toEqual({ ok: true, id: created.id });
		expect((await itemForEditor(db, author, created.id)).draft.prompt).toBe('Anh ấy ___ cơm rồi.');
	});
});
