import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog, itemBank, testItem } from '$lib/server/db/schema';
import { provisionalParams } from '$lib/placement';
import type { BankFile } from '$lib/server/placement/bank-file';
import { audioFileName, readBankFiles, seedItemBanks } from '$lib/server/placement/banks';
import { administrableItems, poolFingerprint } from '$lib/server/screening/engine';
import { withTestDatabase } from '../factories/databases';

withTestDatabase('seed item banks', (database) => {
	let db: DB;

	beforeAll(() => {
		db = database.db;
	});

	it('loads every item with provisional parameters from its level and the key kept apart', async () => {
		const loaded = await seedItemBanks(db);
		const files = readBankFiles();
		expect(loaded.map((b) => b.items).reduce((a, b) => a + b)).toBe(
			[...files.values()].reduce((n, f) => n + f.items.length, 0)
		);
		const first = files.get('vi-placement')!.items.find((i) => i.kind === 'choice')!;
		const [row] = await db.select().from(testItem).where(eq(testItem.id, first.id));
		expect(row.provisional).toBe(true);
		expect({ a: row.a, b: row.b }).toEqual(provisionalParams(first.level));
		expect(row.answerKey).toEqual({ answer: first.answer });
		expect(JSON.stringify(row.content)).not.toContain('"answer"');
		expect(row.content.options).toEqual(first.options);
		// Each bank's loading is in the audit log (of no organization: the seed banks are shared).
		const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'bank_updated'));
		expect(entries.map((e) => e.subjectId).sort()).toEqual([...files.keys()].sort());
		expect(entries[0]).toMatchObject({ organizationId: null, actorId: null, before: null });
	});

	it('loads again without changing the version or a calibrated item’s parameters', async () => {
		const [before] = await db.select().from(itemBank).where(eq(itemBank.id, 'vi-placement'));
		const calibrated = { a: 1.37, b: 0.42, provisional: false };
		const [one] = await db.select({ id: testItem.id }).from(testItem).limit(1);
		await db.update(testItem).set(calibrated).where(eq(testItem.id, one.id));
		await db
			.update(itemBank)
			.set({ version: sql`${itemBank.version} || ';cal=2026-11-23'` })
			.where(eq(itemBank.id, 'vi-placement'));

		await seedItemBanks(db);
		const [row] = await db.select().from(testItem).where(eq(testItem.id, one.id));
		expect({ a: row.a, b: row.b, provisional: row.provisional }).toEqual(calibrated);
		const [after] = await db.select().from(itemBank).where(eq(itemBank.id, 'vi-placement'));
		expect(after.version).toBe(`${before.version};cal=2026-11-23`);
		// Nothing changed: nothing more in the audit log.
		const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'bank_updated'));
		expect(entries).toHaveLength(readBankFiles().size);
	});

	it('loads Lao listening items waiting for a native recording as drafts, never administered', async () => {
		await seedItemBanks(db);
		const waiting = readBankFiles()
			.get('lo-placement')!
			.items.filter((i) => i.awaitingRecording)
			.map((i) => i.id);
		expect(waiting.length).toBeGreaterThanOrEqual(12);
		const rows = await db
			.select({ id: testItem.id, status: testItem.status })
			.from(testItem)
			.where(inArray(testItem.id, waiting));
		expect(rows).toHaveLength(waiting.length);
		for (const row of rows) expect(row.status, row.id).toBe('draft');
		const administrable = (
			await administrableItems(db, 'lo-placement', 'org-thanh-hoa-political-school')
		).map((i) => i.id);
		expect(administrable.length).toBeGreaterThan(0);
		for (const id of waiting) expect(administrable).not.toContain(id);
	});

	it('makes a Lao listening item active once its recording is committed', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'banks-'));
		try {
			cpSync('content/placement', dir, { recursive: true });
			const file = JSON.parse(readFileSync(join(dir, 'lo.json'), 'utf8')) as BankFile;
			const item = file.items.find((i) => i.awaitingRecording && !i.passageId)!;
			delete item.awaitingRecording;
			writeFileSync(join(dir, 'lo.json'), JSON.stringify(file));
			writeFileSync(join(dir, 'audio', audioFileName(item)), 'OggS');
			await seedItemBanks(db, dir);
			const [row] = await db.select().from(testItem).where(eq(testItem.id, item.id));
			expect(row.status).toBe('active');
			expect(row.content.audio).toBe(audioFileName(item));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		await seedItemBanks(db);
		const [back] = await db.select().from(testItem).where(eq(testItem.id, 'lo-1-lis-001'));
		expect(back.status).toBe('draft');
	});

	it('retires the items a bank file lists as retired, if an older seed loaded them', async () => {
		const vi = readBankFiles().get('vi-placement')!;
		const [retiredId] = vi.retired!;
		const [template] = await db
			.select()
			.from(testItem)
			.where(eq(testItem.bankId, 'vi-placement'))
			.limit(1);
		await db
			.insert(testItem)
			.values({ ...template, id: retiredId, status: 'active' })
			.onConflictDoUpdate({ target: testItem.id, set: { status: 'active' } });
		await seedItemBanks(db);
		const [row] = await db.select().from(testItem).where(eq(testItem.id, retiredId));
		expect(row.status).toBe('retired');
		const administrable = (
			await administrableItems(db, 'vi-placement', 'org-thanh-hoa-political-school')
		).map((i) => i.id);
		expect(administrable).not.toContain(retiredId);
	});

	it('gives the pool as it is now, whoever changed it and however (each process keeps a copy)', async () => {
		const bank = () => administrableItems(db, 'vi-placement', 'org-thanh-hoa-political-school');
		const before = await bank();
		const [first] = before;
		expect(await bank()).toBe(before);
		// The fingerprint read inside another query on items (the answer's) is the pool's, not that row's.
		const pool = () => poolFingerprint(db, 'vi-placement', 'org-thanh-hoa-political-school');
		const [alone] = await db
			.select({ pool: pool() })
			.from(itemBank)
			.where(eq(itemBank.id, 'vi-placement'));
		const inside = await db
			.select({ pool: pool() })
			.from(testItem)
			.where(eq(testItem.bankId, 'lo-placement'))
			.limit(2);
		expect(inside).toEqual([alone, alone]);
		expect(
			await administrableItems(db, 'vi-placement', 'org-thanh-hoa-political-school', alone.pool)
		).toBe(before);
		// As another server would: a parameter and a status written directly, no version or date touched.
		await db
			.update(testItem)
			.set({ b: first.b + 0.125 })
			.where(eq(testItem.id, first.id));
		const moved = await bank();
		expect(moved.find((i) => i.id === first.id)?.b).toBe(first.b + 0.125);
		await db.update(testItem).set({ status: 'retired' }).where(eq(testItem.id, first.id));
		expect((await bank()).map((i) => i.id)).not.toContain(first.id);
		await db
			.update(testItem)
			.set({ status: 'active', b: first.b })
			.where(eq(testItem.id, first.id));
		const byId = (items: readonly { id: string }[]) =>
			[...items].sort((x, y) => x.id.localeCompare(y.id));
		expect(byId(await bank())).toEqual(byId(before));
	});
});
