import { and, eq, inArray } from 'drizzle-orm';
import { mulberry32, probability, randomNormal } from '$lib/placement';
import type { DB } from '$lib/server/db/client';
import { itemResponse, testItem } from '$lib/server/db/schema';
import { bankOfLanguage } from './items';
import { usableBy } from './policy';

/**
 * Simulated candidates for tests (the integration specs and the items e2e fixture): each of
 * `respondents` (θ ~ N(0, 1)) answers `perRespondent` of the active items the organization uses and
 * every pilot item it holds, by the 2PL model — active items with their own parameters, pilot items
 * with `truth(item)`. Stored as calibration data, as real tests store it. Never used by the app.
 */
export async function simulatePilotResponses(
	db: DB,
	input: {
		organizationId: string;
		language: 'vi' | 'lo';
		respondents: number;
		perRespondent?: number;
		seed?: number;
		truth?: (item: { level: number; b: number }) => { a: number; b: number };
	}
): Promise<number> {
	const bankId = await bankOfLanguage(db, input.language);
	const items = await db
		.select({
			id: testItem.id,
			level: testItem.level,
			status: testItem.status,
			owner: testItem.ownerOrganizationId,
			a: testItem.a,
			b: testItem.b
		})
		.from(testItem)
		.where(
			and(
				eq(testItem.bankId, bankId),
				eq(testItem.kind, 'choice'),
				usableBy(db, [input.organizationId]),
				inArray(testItem.status, ['pilot', 'active'])
			)
		);
	const active = items.filter((i) => i.status === 'active');
	const pilot = items.filter((i) => i.status === 'pilot' && i.owner === input.organizationId);
	const truth = input.truth ?? ((item) => ({ a: 1.2, b: item.b + 0.3 }));
	const rng = mulberry32(input.seed ?? 20261206);
	const rows: (typeof itemResponse.$inferInsert)[] = [];
	const k = Math.min(input.perRespondent ?? 15, active.length);
	for (let p = 0; p < input.respondents; p++) {
		const theta = randomNormal(rng);
		const respondentId = `sim-${crypto.randomUUID()}`;
		const chosen = [...active].sort(() => rng() - 0.5).slice(0, k);
		for (const item of chosen) {
			const correct = rng() < probability(theta, { a: item.a, b: item.b }) ? 1 : 0;
			rows.push({ id: crypto.randomUUID(), itemId: item.id, respondentId, correct });
		}
		for (const item of pilot) {
			const correct = rng() < probability(theta, truth(item)) ? 1 : 0;
			rows.push({ id: crypto.randomUUID(), itemId: item.id, respondentId, correct });
		}
	}
	for (let i = 0; i < rows.length; i += 1000) {
		await db.insert(itemResponse).values(rows.slice(i, i + 1000));
	}
	return rows.length;
}
