import { and, eq, inArray, sql } from 'drizzle-orm';
import {
	nextItem,
	startCat,
	DEFAULT_LEVEL_CUTS,
	SCREENING_MAX_ITEMS,
	SCREENING_STOP_RULE,
	type BankItem,
	type CatConfig,
	type Skill
} from '$lib/placement';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { itemBank, testItem } from '$lib/server/db/schema';
import { usableBy } from '$lib/server/placement/policy';

/**
 * Unscored pilot items each candidate meets, when the bank has any (the engine spreads them over the
 * first items, never first; see `$lib/placement` cat.ts). Two: about 150 candidates give a pilot item
 * the 100 answers calibration needs once a program has run a few intakes, while adding at most two
 * answers to a test of 8–60.
 */
export const SCREENING_PILOT_ITEMS = 2;

/**
 * The adaptive test's configuration for a screening, recorded on every attempt so a result can be
 * re-scored later. With the program's cut: the generalized likelihood ratio stop (indifference region
 * cut ± 0.2, error rates 1 − confidence) and no SE stop, up to 60 items — the rule that, in
 * `npm run bench:cat`, delivers the accuracy the confidence promises on candidates concentrated around
 * the cut, beating a fixed form twice as long, in the fewest items (the credible-interval rule with an SE
 * stop left candidates near the cut undecided at SE 0.30). Without a cut: SE ≤ 0.30, up to 40 items.
 * At least 3 items of each skill the bank tests, so every skill gets a level; randomesque exposure
 * control so the first items are not the same for everyone. The bank's pilot items come on top,
 * unscored (SCREENING_PILOT_ITEMS).
 */
export function screeningEngineConfig(minOverallLevel: number, bankSkills: Skill[]): CatConfig {
	const quotas: Partial<Record<Skill, number>> = {};
	for (const skill of bankSkills) quotas[skill] = 3;
	const cut = minOverallLevel >= 2 ? DEFAULT_LEVEL_CUTS[minOverallLevel - 2] : undefined;
	const common = {
		minItems: 8,
		skillMinimums: quotas,
		exposure: { method: 'randomesque', k: 3 },
		pilotItems: SCREENING_PILOT_ITEMS
	} satisfies Partial<CatConfig>;
	if (cut === undefined) return { ...common, targetSe: 0.3, maxItems: 40 };
	return {
		...common,
		targetSe: 0,
		maxItems: SCREENING_MAX_ITEMS,
		classification: { cut, confidence: 0.95, ...SCREENING_STOP_RULE }
	};
}

/** Which of a bank's items a test of the organization may give, and only those: the engine's pool. */
function administrable(db: DbOrTx, bankId: string, organizationId: string) {
	return and(
		eq(testItem.bankId, bankId),
		usableBy(db, [organizationId]),
		eq(testItem.kind, 'choice'),
		inArray(testItem.status, ['pilot', 'calibrated', 'active'])
	);
}

/**
 * Each process keeps the pools it has read (a bank has ~175 items, read on every answer otherwise),
 * by bank and organization, with a fingerprint of everything the engine sees of them: the database
 * computes it from the rows themselves, so an item changed, added, retired or shared by any server —
 * whether or not its writer touched `updated_at` or the bank's version — is a new fingerprint, and the
 * pool is read again on the next request. A fingerprint is one short row instead of the whole pool.
 */
const pools = new Map<string, { fingerprint: string; items: BankItem[] }>();

/**
 * The fingerprint of the pool, as a scalar subquery: `administrableItems` runs it on its own, a
 * caller that reads other rows anyway can take it in the same statement and pass it on.
 */
export function poolFingerprint(db: DbOrTx, bankId: string, organizationId: string) {
	return sql<string>`(${db
		.select({
			fingerprint: sql`count(*) || ':' || coalesce(md5(string_agg(concat_ws(':',
				${testItem.id}, ${testItem.skill}, ${testItem.level}, ${testItem.a}, ${testItem.b},
				${testItem.c}, ${testItem.status}), ',' order by ${testItem.id})), '')`
		})
		.from(testItem)
		.where(administrable(db, bankId, organizationId))})`;
}

/**
 * The choice items a bank can administer now in a test of `organizationId`, as the engine sees them
 * (no content, no keys): the seed bank's, the organization's own and those shared with it.
 * `fingerprint`: the pool's, when the caller read it (`poolFingerprint`) in one of its own queries.
 */
export async function administrableItems(
	db: DB,
	bankId: string,
	organizationId: string,
	fingerprint?: string
): Promise<readonly BankItem[]> {
	const key = `${bankId}\u0000${organizationId}`;
	fingerprint ??= (
		await db
			.select({ fingerprint: poolFingerprint(db, bankId, organizationId) })
			.from(sql`(select 1) as one`)
	)[0].fingerprint;
	const kept = pools.get(key);
	if (kept?.fingerprint === fingerprint) return kept.items;
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
		.where(administrable(db, bankId, organizationId));
	const items = rows.map(({ status, ...item }) => ({
		...item,
		...(status === 'pilot' ? { pilot: true } : {})
	}));
	pools.set(key, { fingerprint, items });
	return items;
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
