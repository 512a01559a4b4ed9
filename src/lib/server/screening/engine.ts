import { and, eq, inArray } from 'drizzle-orm';
import {
	nextItem,
	startCat,
	DEFAULT_LEVEL_CUTS,
	type BankItem,
	type CatConfig,
	type Skill
} from '$lib/placement';
import type { DB } from '$lib/server/db/client';
import { itemBank, testItem } from '$lib/server/db/schema';
import { usableBy } from '$lib/server/placement/policy';

/**
 * The adaptive test's configuration for a screening, recorded on every attempt so a result can be
 * re-scored later. Classification stop at the program's cut (credible interval, a clear pass or fail
 * needs few items), otherwise SE ≤ 0.30; 8–40 items; at least 3 items of each skill the bank tests, so
 * every skill gets a level; randomesque exposure control so the first items are not the same for everyone.
 */
export function screeningEngineConfig(minOverallLevel: number, bankSkills: Skill[]): CatConfig {
	const quotas: Partial<Record<Skill, number>> = {};
	for (const skill of bankSkills) quotas[skill] = 3;
	const cut = minOverallLevel >= 2 ? DEFAULT_LEVEL_CUTS[minOverallLevel - 2] : undefined;
	const common = {
		minItems: 8,
		skillMinimums: quotas,
		exposure: { method: 'randomesque', k: 3 }
	} satisfies Partial<CatConfig>;
	if (cut === undefined) return { ...common, targetSe: 0.3, maxItems: 40 };
	// The GLR stop (SCREENING_STOP_RULE, no SE stop, up to 60 items) wins in `npm run bench:cat`, but the
	// screening e2e tests were not yet run with it: until they are, screenings keep the credible-interval
	// stop with SE ≤ 0.30 and 40 items.
	return {
		...common,
		targetSe: 0.3,
		maxItems: 40,
		classification: { cut, confidence: 0.95 }
	};
}

/**
 * The choice items a bank can administer now in a test of `organizationId`, as the engine sees them
 * (no content, no keys): the seed bank's, the organization's own and those shared with it.
 */
export async function administrableItems(
	db: DB,
	bankId: string,
	organizationId: string
): Promise<BankItem[]> {
	const rows = await db
		.select({
			id: testItem.id,
			skill: testItem.skill,
			level: testItem.level,
			a: testItem.a,
			b: testItem.b,
			c: testItem.c,
			status: testItem.status
		})
		.from(testItem)
		.where(
			and(
				eq(testItem.bankId, bankId),
				usableBy(db, [organizationId]),
				eq(testItem.kind, 'choice'),
				inArray(testItem.status, ['pilot', 'calibrated', 'active'])
			)
		);
	return rows.map(({ status, ...item }) => ({
		...item,
		...(status === 'pilot' ? { pilot: true } : {})
	}));
}

/**
 * A new attempt's engine: the configuration for the program and its bank's skills, the starting
 * state, the first item, and the bank version the attempt will be scored with.
 */
export async function startingEngine(
	db: DB,
	bankId: string,
	organizationId: string,
	minOverallLevel: number
) {
	const bank = await administrableItems(db, bankId, organizationId);
	const [bankRow] = await db
		.select({ version: itemBank.version })
		.from(itemBank)
		.where(eq(itemBank.id, bankId));
	const skills = [...new Set(bank.filter((i) => !i.pilot).map((i) => i.skill))] as Skill[];
	const config = screeningEngineConfig(minOverallLevel, skills);
	const state = startCat(config);
	return {
		state,
		first: nextItem(state, bank),
		bankVersion: bankRow.version,
		engineConfig: { ...config, levelCuts: DEFAULT_LEVEL_CUTS }
	};
}
