import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog, itemBank, itemResponse, testItem } from '$lib/server/db/schema';
import { mulberry32, probability, provisionalParams, randomNormal } from '$lib/placement';
import { applyCalibration, planCalibration } from '$lib/server/placement/calibration';
import { withTestDatabase } from '../factories/databases';

const ITEMS = 24;
const PERSONS = 1500;
const BANK = 'calibration-test';

/** True parameters that the provisional ones (a = 1, b from the level) only approximate. */
function trueParams(j: number) {
	return { a: 0.7 + ((j * 7) % 10) / 10, b: -2.2 + (4.4 * j) / (ITEMS - 1) };
}

withTestDatabase('calibration from stored responses', (database) => {
	let db: DB;

	beforeAll(async () => {
		db = database.db;
		await db.insert(itemBank).values({ id: BANK, language: 'vi', version: 'test+abc' });
		for (let j = 0; j < ITEMS; j++) {
			const level = Math.min(6, 1 + Math.floor(j / 4));
			await db.insert(testItem).values({
				id: `cal-${String(j).padStart(2, '0')}`,
				bankId: BANK,
				skill: 'reading',
				level,
				kind: 'choice',
				content: { instruction: 'read_choose', prompt: '?' },
				answerKey: { answer: 0 },
				...provisionalParams(level),
				// The first four items were calibrated before: they anchor the scale.
				...(j % 6 === 0 ? { ...trueParams(j), provisional: false, status: 'active' as const } : {})
			});
		}
		// Each simulated candidate answers a random ~60 % of the items, as adaptive logs are sparse.
		const rng = mulberry32(20261123);
		const rows: (typeof itemResponse.$inferInsert)[] = [];
		for (let p = 0; p < PERSONS; p++) {
			const theta = randomNormal(rng);
			for (let j = 0; j < ITEMS; j++) {
				if (rng() > 0.6) continue;
				const correct = rng() < probability(theta, trueParams(j)) ? 1 : 0;
				rows.push({
					id: `r-${p}-${j}`,
					itemId: `cal-${String(j).padStart(2, '0')}`,
					respondentId: `p-${p}`,
					correct
				});
			}
		}
		for (let i = 0; i < rows.length; i += 2000)
			await db.insert(itemResponse).values(rows.slice(i, i + 2000));
	});

	it('estimates the provisional items on the anchors’ scale, close to the truth', async () => {
		const plan = await planCalibration(handle(), BANK);
		expect(plan.respondents).toBe(PERSONS);
		expect(plan.converged).toBe(true);
		const estimated = plan.rows.filter((r) => r.role === 'estimated');
		expect(estimated).toHaveLength(ITEMS - 4);
		const errors = estimated.map((r) => r.after!.b - trueParams(Number(r.id.slice(4))).b);
		const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
		// Easy items are seen by few candidates near their difficulty, so the bound is loose overall
		// and each item's error is judged against its own standard error.
		expect(rmse).toBeLessThan(0.3);
		estimated.forEach((r, i) => expect(Math.abs(errors[i])).toBeLessThan(3.5 * r.standardError!.b));
		for (const row of estimated) {
			expect(row.responses).toBeGreaterThan(800);
			expect(row.standardError!.b).toBeGreaterThan(0);
			expect(row.infit).toBeGreaterThan(0.7);
			expect(row.infit).toBeLessThan(1.3);
		}
		// Anchors are reported but not moved.
		for (const row of plan.rows.filter((r) => r.role === 'anchor'))
			expect(row.after).toEqual(row.before);
	});

	it('stores nothing until applied, then stores the estimates and records the calibration', async () => {
		const before = await db.select().from(testItem).where(eq(testItem.id, 'cal-01'));
		expect(before[0].provisional).toBe(true);

		const plan = await planCalibration(handle(), BANK, { minResponses: 100 });
		const stored = await applyCalibration(handle(), plan);
		expect(stored).toBe(plan.rows.filter((r) => r.willStore).length);
		expect(stored).toBeGreaterThan(15);

		const [after] = await db.select().from(testItem).where(eq(testItem.id, 'cal-01'));
		const row = plan.rows.find((r) => r.id === 'cal-01')!;
		expect(after.provisional).toBe(false);
		expect(after.a).toBeCloseTo(row.after!.a, 10);
		expect(after.b).toBeCloseTo(row.after!.b, 10);
		expect(after.calibrationResponses).toBe(row.responses);
		const [bank] = await db.select().from(itemBank).where(eq(itemBank.id, BANK));
		expect(bank.version).toMatch(/^test\+abc;cal=\d{4}-/);
		const [entry] = await db.select().from(auditLog).where(eq(auditLog.subjectId, BANK));
		expect(entry).toMatchObject({
			action: 'bank_calibrated',
			before: { version: 'test+abc' },
			after: { version: bank.version, items: stored }
		});
	});

	it('refuses to store items with too few responses', async () => {
		const plan = await planCalibration(handle(), BANK, { minResponses: 5000 });
		expect(plan.rows.some((r) => r.willStore)).toBe(false);
	});

	function handle() {
		return db;
	}
});
