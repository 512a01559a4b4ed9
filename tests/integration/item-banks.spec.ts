import { beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog, itemBank, testItem } from '$lib/server/db/schema';
import { provisionalParams } from '$lib/placement';
import { readBankFiles, seedItemBanks } from '$lib/server/placement/banks';
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
});
