import { and, eq, inArray } from 'drizzle-orm';
import { calibrate, itemFit, type ItemFlag, type ItemParams } from '$lib/placement';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { itemBank, itemResponse, testItem, ITEM_STATUSES } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit/log';

/**
 * Keeps one scored answer as calibration data (respondent = the attempt), in the caller's
 * transaction: the screening stores it with the answer itself.
 */
export async function recordItemResponse(
	db: DbOrTx,
	input: { itemId: string; respondentId: string; correct: boolean; answeredAt: Date }
): Promise<void> {
	await db.insert(itemResponse).values({
		id: crypto.randomUUID(),
		...input,
		correct: input.correct ? 1 : 0
	});
}

export type CalibrationRow = {
	id: string;
	level: number;
	status: (typeof ITEM_STATUSES)[number];
	role: 'anchor' | 'estimated';
	before: ItemParams;
	after: ItemParams | null;
	standardError: { a: number; b: number } | null;
	responses: number;
	infit: number | null;
	outfit: number | null;
	flag: ItemFlag;
	/** Whether `applyCalibration` stores this row: estimated, finite, with enough responses. */
	willStore: boolean;
};

export type CalibrationPlan = {
	bankId: string;
	rows: CalibrationRow[];
	respondents: number;
	iterations: number;
	converged: boolean;
	logLik: number;
	minResponses: number;
};

export type CalibrationSettings = {
	/** Items with fewer responses are estimated (they inform the others) but not stored. */
	minResponses?: number;
	/**
	 * Log-normal prior on slopes, log a ~ N(0, 0.5²) by default (BILOG-MG's default): adaptive logs
	 * are sparse, and an item seen only near its own difficulty barely determines its slope.
	 */
	slopePrior?: { meanLog: number; sdLog: number } | null;
};

/**
 * Recalibrates a bank's items from the stored responses (Bock–Aitkin MML, 2PL). Items whose
 * parameters came from a calibration anchor the scale; provisional and pilot items are estimated on it.
 * Without any anchor (a new bank) the scale is set by θ ~ N(0, 1) over the respondents.
 */
export async function planCalibration(
	db: DB,
	bankId: string,
	settings: CalibrationSettings = {}
): Promise<CalibrationPlan> {
	const minResponses = settings.minResponses ?? 100;
	const items = await db
		.select({
			id: testItem.id,
			level: testItem.level,
			status: testItem.status,
			provisional: testItem.provisional,
			a: testItem.a,
			b: testItem.b,
			c: testItem.c
		})
		.from(testItem)
		.where(
			and(
				eq(testItem.bankId, bankId),
				eq(testItem.kind, 'choice'),
				inArray(testItem.status, ['pilot', 'calibrated', 'active'])
			)
		)
		.orderBy(testItem.id);
	const { matrix, counts } = await responseMatrix(
		db,
		items.map((i) => i.id)
	);

	const isAnchor = (item: (typeof items)[number]) => !item.provisional && item.status !== 'pilot';
	const anchors: Record<number, ItemParams> = {};
	items.forEach((item, j) => {
		if (isAnchor(item)) anchors[j] = { a: item.a, b: item.b, c: item.c };
	});

	if (matrix.length === 0) {
		return {
			bankId,
			rows: items.map((item, j) => ({
				id: item.id,
				level: item.level,
				status: item.status,
				role: isAnchor(item) ? 'anchor' : 'estimated',
				before: { a: item.a, b: item.b },
				after: null,
				standardError: null,
				responses: counts[j],
				infit: null,
				outfit: null,
				flag: 'no-data',
				willStore: false
			})),
			respondents: 0,
			iterations: 0,
			converged: false,
			logLik: 0,
			minResponses
		};
	}

	const slopePrior =
		settings.slopePrior === undefined ? { meanLog: 0, sdLog: 0.5 } : settings.slopePrior;
	const result = calibrate(matrix, {
		model: '2pl',
		anchors,
		...(slopePrior ? { slopePrior } : {})
	});
	const fit = itemFit(matrix, result.items);
	const rows: CalibrationRow[] = items.map((item, j) => {
		const flag = result.flags[j];
		const estimated = !isAnchor(item);
		const se = result.standardErrors?.[j] ?? null;
		return {
			id: item.id,
			level: item.level,
			status: item.status,
			role: estimated ? 'estimated' : 'anchor',
			before: { a: item.a, b: item.b },
			after: flag === 'no-data' ? null : { a: result.items[j].a, b: result.items[j].b },
			standardError: se,
			responses: counts[j],
			infit: fit[j].infit,
			outfit: fit[j].outfit,
			flag,
			willStore:
				estimated &&
				flag === 'estimated' && // 'at-bound' and the rest need a person to look first
				counts[j] >= minResponses &&
				se !== null &&
				Number.isFinite(se.a) &&
				Number.isFinite(se.b)
		};
	});
	return {
		bankId,
		rows,
		respondents: matrix.length,
		iterations: result.iterations,
		converged: result.converged,
		logLik: result.logLik,
		minResponses
	};
}

/**
 * The stored answers to these items as a response matrix: a row per respondent (attempt), a column
 * per item in the order given, null where the item was not administered; and responses per item.
 */
export async function responseMatrix(
	db: DB,
	itemIds: string[]
): Promise<{ matrix: (0 | 1 | null)[][]; counts: number[] }> {
	const items = itemIds.map((id) => ({ id }));
	const column = new Map(items.map((item, j) => [item.id, j]));
	const responses = items.length
		? await db
				.select({
					itemId: itemResponse.itemId,
					respondentId: itemResponse.respondentId,
					correct: itemResponse.correct
				})
				.from(itemResponse)
				.where(
					inArray(
						itemResponse.itemId,
						items.map((i) => i.id)
					)
				)
		: [];

	const rowOf = new Map<string, (0 | 1 | null)[]>();
	for (const r of responses) {
		let row = rowOf.get(r.respondentId);
		if (!row) rowOf.set(r.respondentId, (row = new Array(items.length).fill(null)));
		row[column.get(r.itemId)!] = r.correct ? 1 : 0;
	}
	const matrix = [...rowOf.values()];
	const counts = new Array(items.length).fill(0);
	for (const row of matrix) row.forEach((x, j) => x !== null && counts[j]++);

	return { matrix, counts };
}

/** Stores the rows marked `willStore` and records the calibration in the bank's version. */
export async function applyCalibration(
	db: DB,
	plan: CalibrationPlan,
	now = new Date()
): Promise<number> {
	const toStore = plan.rows.filter((row) => row.willStore && row.after && row.standardError);
	if (toStore.length === 0) return 0;
	await db.transaction(async (tx) => {
		for (const row of toStore) {
			await tx
				.update(testItem)
				.set({
					a: row.after!.a,
					b: row.after!.b,
					aStandardError: row.standardError!.a,
					bStandardError: row.standardError!.b,
					provisional: false,
					status: row.status === 'pilot' ? 'calibrated' : row.status,
					calibratedAt: now,
					calibrationResponses: row.responses
				})
				.where(eq(testItem.id, row.id));
		}
		const [bank] = await tx
			.select({ version: itemBank.version, owner: itemBank.ownerOrganizationId })
			.from(itemBank)
			.where(eq(itemBank.id, plan.bankId));
		const base = bank.version.split(';cal=')[0];
		const version = `${base};cal=${now.toISOString()}`;
		await tx.update(itemBank).set({ version, updatedAt: now }).where(eq(itemBank.id, plan.bankId));
		// Run from the command line (`npm run calibrate -- --apply`): no person of the app did it.
		await audit(tx, {
			organizationId: bank.owner,
			actorId: null,
			action: 'bank_calibrated',
			subjectType: 'item_bank',
			subjectId: plan.bankId,
			reason: null,
			details: { respondents: plan.respondents },
			before: { version: bank.version, items: toStore.map((r) => ({ id: r.id, ...r.before })) },
			after: {
				version,
				items: toStore.length,
				params: toStore.map((r) => ({ id: r.id, ...r.after! }))
			},
			at: now
		});
	});
	return toStore.length;
}
