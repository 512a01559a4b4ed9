import { and, eq, inArray } from 'drizzle-orm';
import {
	calibrate,
	DEFAULT_LEVEL_CUTS,
	information,
	itemFit,
	keyIsSingleLongest,
	MAX_KEY_LONGEST_SHARE,
	type ItemFlag,
	type ItemParams
} from '$lib/placement';
import { classicalStats, misfits } from '$lib/placement/classical';
import type { DB } from '$lib/server/db/client';
import { itemResponse, testItem, type ItemContent } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { responseMatrix } from './calibration';
import { bankOfLanguage, storeAcceptedParameters, type TransitionOutcome } from './items';
import { canAuthorFor, canSeeKey, usableBy } from './policy';

/**
 * "Calibrate" and "bank health" in the browser (issue 12), for one organization and one language:
 * the items the organization may give in its tests (its own, the seed bank's, shared ones).
 */

/** Fewest responses an item needs before its estimates may be accepted. */
export const MIN_CALIBRATION_RESPONSES = 100;

export type ItemCalibrationRow = {
	id: string;
	prompt: string;
	skill: string;
	level: number;
	status: string;
	responses: number;
	before: ItemParams;
	after: ItemParams | null;
	standardError: { a: number; b: number } | null;
	infit: number | null;
	outfit: number | null;
	pValue: number | null;
	pointBiserial: number | null;
	flag: ItemFlag;
	misfit: boolean;
	/** Enough responses, finite estimates and standard errors: the instructor may accept it. */
	acceptable: boolean;
};

export type ItemCalibration =
	| {
			ok: true;
			respondents: number;
			anchors: number;
			converged: boolean;
			rows: ItemCalibrationRow[];
	  }
	| { ok: false; reason: 'nothing_to_calibrate' }
	| { ok: false; reason: 'too_few'; responses: number; needed: number };

async function scopeItems(db: DB, organizationId: string, language: 'vi' | 'lo') {
	const bankId = await bankOfLanguage(db, language);
	return db
		.select({
			id: testItem.id,
			skill: testItem.skill,
			level: testItem.level,
			kind: testItem.kind,
			status: testItem.status,
			content: testItem.content,
			answerKey: testItem.answerKey,
			a: testItem.a,
			b: testItem.b,
			c: testItem.c,
			ownerOrganizationId: testItem.ownerOrganizationId
		})
		.from(testItem)
		.where(
			and(
				eq(testItem.bankId, bankId),
				usableBy(db, [organizationId]),
				inArray(testItem.status, ['pilot', 'calibrated', 'active'])
			)
		)
		.orderBy(testItem.id);
}

/**
 * MML calibration (Bock–Aitkin, 2PL, log-normal slope prior as `npm run calibrate`) of the
 * organization's pilot and calibrated choice items, on the scale fixed by the active items it uses
 * (anchors, kept at their parameters). Refused while no item has MIN_CALIBRATION_RESPONSES answers.
 */
export async function planItemCalibration(
	db: DB,
	actor: Actor,
	input: { organizationId: string; language: 'vi' | 'lo' }
): Promise<ItemCalibration> {
	if (!canAuthorFor(actor, input.organizationId)) throw new Forbidden();
	const all = (await scopeItems(db, input.organizationId, input.language)).filter(
		(i) => i.kind === 'choice'
	);
	const estimated = all.filter(
		(i) => i.ownerOrganizationId === input.organizationId && i.status !== 'active'
	);
	if (estimated.length === 0) return { ok: false, reason: 'nothing_to_calibrate' };
	const items = [...all.filter((i) => i.status === 'active'), ...estimated];
	const { matrix: full, counts } = await responseMatrix(
		db,
		items.map((i) => i.id)
	);
	const first = items.length - estimated.length;
	const most = Math.max(...counts.slice(first));
	if (most < MIN_CALIBRATION_RESPONSES) {
		return { ok: false, reason: 'too_few', responses: most, needed: MIN_CALIBRATION_RESPONSES };
	}
	// Respondents who answered none of the estimated items add nothing to their estimates.
	const matrix = full.filter((row) => row.slice(first).some((x) => x !== null));
	const anchors: Record<number, ItemParams> = {};
	items.slice(0, first).forEach((item, j) => (anchors[j] = { a: item.a, b: item.b, c: item.c }));
	const result = calibrate(matrix, {
		model: '2pl',
		anchors,
		slopePrior: { meanLog: 0, sdLog: 0.5 }
	});
	const fit = itemFit(matrix, result.items, {
		priorMean: result.latent?.mean,
		priorSd: result.latent?.sd
	});
	const classical = classicalStats(matrix);
	const rows = estimated.map((item, k): ItemCalibrationRow => {
		const j = first + k;
		const flag = result.flags[j];
		const se = result.standardErrors?.[j] ?? null;
		const after = flag === 'no-data' ? null : { a: result.items[j].a, b: result.items[j].b };
		return {
			id: item.id,
			prompt: (item.content as ItemContent).prompt,
			skill: item.skill,
			level: item.level,
			status: item.status,
			responses: counts[j],
			before: { a: item.a, b: item.b },
			after,
			standardError: se,
			infit: fit[j].infit,
			outfit: fit[j].outfit,
			pValue: classical[j].pValue,
			pointBiserial: classical[j].pointBiserial,
			flag,
			misfit: misfits(fit[j], classical[j].pointBiserial) || flag !== 'estimated',
			acceptable:
				after !== null &&
				(flag === 'estimated' || flag === 'at-bound') &&
				counts[j] >= MIN_CALIBRATION_RESPONSES &&
				se !== null &&
				Number.isFinite(se.a) &&
				Number.isFinite(se.b)
		};
	});
	return {
		ok: true,
		respondents: matrix.length,
		anchors: first,
		converged: result.converged,
		rows
	};
}

/** Accepts one item's new estimates (computed again now, so what is stored is what the data say). */
export async function acceptItemCalibration(
	db: DB,
	actor: Actor,
	input: { organizationId: string; language: 'vi' | 'lo'; itemId: string },
	now = new Date()
): Promise<TransitionOutcome | { ok: false; reason: 'not_acceptable' }> {
	const plan = await planItemCalibration(db, actor, input);
	const row = plan.ok ? plan.rows.find((r) => r.id === input.itemId) : undefined;
	if (!row?.acceptable || !row.after || !row.standardError) {
		return { ok: false, reason: 'not_acceptable' };
	}
	return storeAcceptedParameters(
		db,
		actor,
		row.id,
		{
			a: row.after.a,
			b: row.after.b,
			aSe: row.standardError.a,
			bSe: row.standardError.b,
			responses: row.responses
		},
		now
	);
}

/** Fewest scored items with b within ±0.5 of a program's cut for its pass/fail to be sharp. */
export const NEAR_CUT_MIN = 10;
export const THETA_GRID = Array.from({ length: 33 }, (_, i) => -4 + i * 0.25);

export type HealthWarning =
	| { kind: 'few_near_cut'; program: string; level: number; items: number; needed: number }
	| { kind: 'key_longest'; level: number; items: number; keyLongest: number }
	| { kind: 'no_listening'; level: number };

/**
 * The bank as one organization's tests see it: items per level × skill (scored / pilot), the test
 * information curve of the scored choice items, exposure rates from real tests (share of respondents
 * who were given the item), and warnings.
 */
export async function bankHealth(
	db: DB,
	actor: Actor,
	input: {
		organizationId: string;
		language: 'vi' | 'lo';
		/** The organization's programs (admissions owns them; the page asks it). */
		programs: { name: string; bankId: string; minOverallLevel: number }[];
	}
) {
	if (!canAuthorFor(actor, input.organizationId)) throw new Forbidden();
	const items = await scopeItems(db, input.organizationId, input.language);
	const grid: Record<number, Record<string, { scored: number; pilot: number }>> = {};
	for (let level = 1; level <= 6; level++) grid[level] = {};
	for (const item of items) {
		const cell = (grid[item.level][item.skill] ??= { scored: 0, pilot: 0 });
		if (item.status === 'pilot') cell.pilot++;
		else cell.scored++;
	}
	const scored = items.filter((i) => i.kind === 'choice' && i.status !== 'pilot');
	const curve = THETA_GRID.map((theta) => ({
		theta,
		information: scored.reduce((sum, item) => sum + information(theta, item), 0)
	}));

	const ids = items.map((i) => i.id);
	const responses = ids.length
		? await db
				.select({ itemId: itemResponse.itemId, respondentId: itemResponse.respondentId })
				.from(itemResponse)
				.where(inArray(itemResponse.itemId, ids))
		: [];
	const respondents = new Set(responses.map((r) => r.respondentId)).size;
	const perItem = new Map<string, number>();
	for (const r of responses) perItem.set(r.itemId, (perItem.get(r.itemId) ?? 0) + 1);
	const exposure = items
		.filter((i) => perItem.has(i.id))
		.map((i) => ({
			id: i.id,
			prompt: (i.content as ItemContent).prompt,
			level: i.level,
			skill: i.skill,
			given: perItem.get(i.id)!,
			rate: respondents > 0 ? perItem.get(i.id)! / respondents : 0
		}))
		.sort((x, y) => y.rate - x.rate)
		.slice(0, 10);

	const warnings: HealthWarning[] = [];
	const bankId = await bankOfLanguage(db, input.language);
	for (const p of input.programs.filter((p) => p.bankId === bankId)) {
		const cut = p.minOverallLevel >= 2 ? DEFAULT_LEVEL_CUTS[p.minOverallLevel - 2] : undefined;
		if (cut === undefined) continue;
		const near = scored.filter((i) => Math.abs(i.b - cut) <= 0.5).length;
		if (near < NEAR_CUT_MIN) {
			warnings.push({
				kind: 'few_near_cut',
				program: p.name,
				level: p.minOverallLevel,
				items: near,
				needed: NEAR_CUT_MIN
			});
		}
	}
	for (let level = 1; level <= 6; level++) {
		const keyed = items.filter(
			(i) => i.level === level && i.kind === 'choice' && i.answerKey && canSeeKey(actor, i)
		);
		const longest = keyed.filter((i) =>
			keyIsSingleLongest({
				level,
				options: (i.content as ItemContent).options ?? [],
				answer: i.answerKey!.answer
			})
		).length;
		if (keyed.length > 0 && longest / keyed.length > MAX_KEY_LONGEST_SHARE) {
			warnings.push({ kind: 'key_longest', level, items: keyed.length, keyLongest: longest });
		}
		if (!items.some((i) => i.level === level && i.skill === 'listening')) {
			warnings.push({ kind: 'no_listening', level });
		}
	}
	return { grid, curve, exposure, respondents, warnings, items: items.length };
}
