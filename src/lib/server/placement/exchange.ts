/**
 * Item exchange with partners' systems (Moodle XML, QTI 2.1/3.0 packages), the database side: an instructor imports
 * a file into their organization's bank as draft items — every item or none — and exports what their
 * organization holds in one language (imported, or written in the browser). The converters are pure (`$lib/placement/exchange`); this file only maps their
 * items onto `test_item` rows and the files onto the organization's media library.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { provisionalParams } from '$lib/placement';
import type { BankFileItem, ItemFile } from '$lib/placement/bank-file';
import {
	exchangeFileName,
	readExchangeFile,
	toMoodleXml,
	toQtiPackage,
	type ExchangeFormat,
	type ExchangeProblem,
	type ExchangeWarning,
	type ImportOutcome
} from '$lib/placement/exchange';
import type { DB } from '$lib/server/db/client';
import { itemBank, testItem, type ItemContent } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import { mediaForServing, storeMediaWithin } from '$lib/server/media/service';
import { itemAudioMediaId, storedItemAudio } from './items';

export const ITEM_LANGUAGES = ['vi', 'lo'] as const;
export type ItemLanguage = (typeof ITEM_LANGUAGES)[number];

/** The largest exchange file: 20 MiB (a bank with its recordings and pictures). */
export const EXCHANGE_MAX_BYTES = 20 * 1024 * 1024;

/** Organizations whose banks the actor exchanges: those where they are an instructor. */
export function exchangeOrganizations(actor: Actor): string[] {
	return actor.memberships
		.filter((membership) => membership.role === 'instructor' && !membership.independent)
		.map((membership) => membership.organizationId);
}

function requireExchange(actor: Actor, organizationId: string): void {
	if (!exchangeOrganizations(actor).includes(organizationId)) throw new Forbidden();
}

/** The bank of an organization for one tested language. */
export const organizationBankId = (organizationId: string, language: ItemLanguage) =>
	`org-${organizationId}-${language}`;

/**
 * The id an imported item is stored under: namespaced by the bank, so that ids from another system never
 * collide with another bank's, and a file exported from this bank comes back onto the same rows.
 */
export function storedItemId(bankId: string, fileId: string): string {
	return fileId.startsWith(`${bankId}:`) ? fileId : `${bankId}:${fileId}`;
}

export type ReportEntry = {
	id: string;
	sourceId: string;
	skill: BankFileItem['skill'];
	level: number;
	kind: BankFileItem['kind'];
	prompt: string;
};

export type ImportReport = {
	format: ExchangeFormat;
	imported: ReportEntry[];
	changed: ReportEntry[];
	unchanged: ReportEntry[];
	refused: ExchangeProblem[];
	warnings: ExchangeWarning[];
};

/** The format is read from the file itself (zip → QTI package, XML → Moodle quiz or QTI item). */
export type ImportInput = {
	organizationId: string;
	language: ItemLanguage;
	bytes: Uint8Array;
	fileName: string;
};

function parse(bytes: Uint8Array): { format: ExchangeFormat; outcome: ImportOutcome } {
	if (bytes.byteLength > EXCHANGE_MAX_BYTES) {
		return {
			format: 'moodle',
			outcome: { items: [], refused: [{ code: 'too_large' }], warnings: [] }
		};
	}
	return readExchangeFile(bytes);
}

/** JSON with object keys sorted, so that the order a converter or the database writes keys in is no change. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map(
				(key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`
			)
			.join(',')}}`;
	return JSON.stringify(value);
}

/**
 * A fingerprint of everything an imported item consists of, to tell "changed" from "unchanged". Not its
 * parameters: those of an item past draft are its calibration's, and a file exported here and read back
 * (with them) must still be the same item.
 */
function fingerprint(item: BankFileItem): string {
	const { id: _id, parameters: _parameters, ...rest } = item;
	return createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 16);
}

/**
 * The fingerprint items imported before keys were sorted carry: still "unchanged" when the same file
 * comes again (otherwise an item past draft would be refused as locked).
 */
function keyOrderFingerprint(item: BankFileItem): string {
	const { id: _id, parameters: _parameters, ...rest } = item;
	return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16);
}

function entryOf(id: string, item: BankFileItem): ReportEntry {
	return {
		id,
		sourceId: item.id,
		skill: item.skill,
		level: item.level,
		kind: item.kind,
		prompt: item.prompt.slice(0, 140)
	};
}

/**
 * Whether the file's item is the row as it stands: by the fingerprint stored at its import, else (an
 * item written in the browser has none) by what exporting the row now would write.
 */
async function sameItem(
	db: DB,
	row: typeof testItem.$inferSelect,
	item: BankFileItem,
	hash: string
): Promise<boolean> {
	const stored = (row.content as StoredContent).sourceHash;
	if (stored) return [hash, keyOrderFingerprint(item)].includes(stored);
	return fingerprint(await fileItemOf(db, row)) === hash;
}

type Plan = {
	report: ImportReport;
	bankId: string;
	writes: { id: string; item: BankFileItem; hash: string; isNew: boolean }[];
};

async function plan(db: DB, actor: Actor, input: ImportInput): Promise<Plan> {
	requireExchange(actor, input.organizationId);
	const bankId = organizationBankId(input.organizationId, input.language);
	const { format, outcome } = parse(input.bytes);
	const report: ImportReport = {
		format,
		imported: [],
		changed: [],
		unchanged: [],
		refused: [...outcome.refused],
		warnings: outcome.warnings
	};
	// A file exported here comes back onto its rows: imported ones under the bank's namespace, those
	// written in the browser under their own id.
	const candidates = outcome.items.flatMap((item) => [storedItemId(bankId, item.id), item.id]);
	const existing = candidates.length
		? (
				await db
					.select()
					.from(testItem)
					.innerJoin(itemBank, eq(itemBank.id, testItem.bankId))
					.where(
						and(
							inArray(testItem.id, candidates),
							heldInLanguage(bankId, input.organizationId, input.language)
						)
					)
			).map((row) => row.test_item)
		: [];
	const byId = new Map(existing.map((row) => [row.id, row]));
	const writes: Plan['writes'] = [];
	for (const item of outcome.items) {
		const namespaced = storedItemId(bankId, item.id);
		const row = byId.get(namespaced) ?? byId.get(item.id);
		const id = row?.id ?? namespaced;
		const hash = fingerprint(item);
		const entry = entryOf(id, item);
		if (!row) {
			report.imported.push(entry);
			writes.push({ id, item, hash, isNew: true });
		} else if (await sameItem(db, row, item, hash)) {
			report.unchanged.push(entry);
		} else if (row.status !== 'draft') {
			report.refused.push({ code: 'locked', item: item.id, detail: row.status });
		} else {
			report.changed.push(entry);
			writes.push({ id, item, hash, isNew: false });
		}
	}
	return { report, bankId, writes };
}

/** What an import of this file would do, without doing it. */
export async function previewImport(
	db: DB,
	actor: Actor,
	input: ImportInput
): Promise<ImportReport> {
	return (await plan(db, actor, input)).report;
}

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; report: ImportReport };

const base64Bytes = (file: ItemFile) => new Uint8Array(Buffer.from(file.base64, 'base64'));

/**
 * Imports the file's items as drafts of the organization's bank (created on first use), their files
 * into the organization's media library, in one transaction: when anything is refused — in the file, or
 * a file's bytes that are not the audio or picture they claim to be — nothing is written. The
 * organization holds the items (so their keys and parameters are its instructors' and administrators'
 * only); calibrated parameters the file carries are kept with their standard errors (the item still
 * goes through review and the pilot), otherwise the level's provisional ones.
 */
export async function importItems(db: DB, actor: Actor, input: ImportInput): Promise<ImportResult> {
	const { report, bankId, writes } = await plan(db, actor, input);
	if (report.refused.length > 0) return { ok: false, report };
	const refusedFile = Symbol('refused file');
	try {
		await db.transaction(async (tx) => {
			await tx
				.insert(itemBank)
				.values({
					id: bankId,
					language: input.language,
					version: '1',
					ownerOrganizationId: input.organizationId
				})
				.onConflictDoNothing();
			for (const { id, item, hash, isNew } of writes) {
				const attachments: NonNullable<ItemContent['attachments']> = [];
				for (const file of item.files ?? []) {
					const stored = await storeMediaWithin(tx, actor, {
						organizationId: input.organizationId,
						kind: file.kind,
						bytes: base64Bytes(file),
						label: file.name
					});
					if (!stored.ok) {
						report.refused.push({ code: 'bad_file', item: item.id, detail: file.name });
						throw refusedFile;
					}
					attachments.push({ name: file.name, kind: file.kind, mediaId: stored.mediaId });
				}
				const content = contentOf(item, hash, attachments);
				const answerKey =
					item.kind === 'choice'
						? { answer: item.answer ?? 0 }
						: item.kind === 'short_answer'
							? { answer: -1, accepted: item.accepted ?? [] }
							: null;
				const values = {
					skill: item.skill,
					level: item.level,
					kind: item.kind,
					content,
					answerKey,
					// The editor shows reviewers the file's note as the item's explanation.
					explanation: item.note ?? null,
					...parameterColumns(item)
				};
				if (isNew) {
					await tx.insert(testItem).values({
						id,
						bankId,
						status: 'draft',
						ownerOrganizationId: input.organizationId,
						...values
					});
				} else {
					await tx
						.update(testItem)
						.set(values)
						.where(and(eq(testItem.id, id), eq(testItem.status, 'draft')));
				}
			}
			await audit(tx, {
				organizationId: input.organizationId,
				actorId: actor.id,
				action: 'items_imported',
				subjectType: 'item_bank',
				subjectId: bankId,
				reason: null,
				details: { format: report.format, file: input.fileName.slice(0, 200) },
				before: null,
				after: { imported: report.imported.length, changed: report.changed.length },
				at: new Date()
			});
		});
	} catch (thrown) {
		if (thrown === refusedFile) return { ok: false, report };
		throw thrown;
	}
	return { ok: true, report };
}

/** The item's parameter columns: the file's calibrated ones, or the level's provisional ones. */
function parameterColumns(item: BankFileItem) {
	const p = item.parameters;
	if (!p) {
		return {
			...provisionalParams(item.level),
			c: 0,
			provisional: true,
			aStandardError: null,
			bStandardError: null,
			calibrationResponses: null
		};
	}
	return {
		a: p.a,
		b: p.b,
		c: p.c,
		provisional: false,
		aStandardError: p.aStandardError ?? null,
		bStandardError: p.bStandardError ?? null,
		calibrationResponses: p.responses ?? null
	};
}

type StoredContent = ItemContent & { sourceHash?: string; dialogue?: boolean; passageId?: string };

function contentOf(
	item: BankFileItem,
	sourceHash: string,
	attachments: NonNullable<ItemContent['attachments']>
): StoredContent {
	const audio =
		item.skill === 'listening' ? attachments.find((a) => a.kind === 'audio') : undefined;
	return {
		instruction: item.instruction,
		prompt: item.prompt,
		...(item.promptGloss !== undefined ? { promptGloss: item.promptGloss } : {}),
		...(item.passage !== undefined ? { passage: item.passage } : {}),
		...(item.options ? { options: item.options } : {}),
		...(item.rubric ? { rubric: item.rubric } : {}),
		...(item.audioScript !== undefined ? { audioScript: item.audioScript } : {}),
		...(item.dialogue ? { dialogue: true } : {}),
		...(item.passageId !== undefined ? { passageId: item.passageId } : {}),
		...(item.note !== undefined ? { note: item.note } : {}),
		...(attachments.length ? { attachments } : {}),
		// The test plays `audio`: an imported listening item's first recording.
		...(audio ? { audio: storedItemAudio(audio.mediaId) } : {}),
		sourceId: item.id,
		sourceHash
	};
}

export type ExchangeBank = {
	id: string;
	language: ItemLanguage;
	organizationId: string;
	items: number;
};

/** The banks the actor's organizations own, to export. */
export async function exchangeBanks(db: DB, actor: Actor): Promise<ExchangeBank[]> {
	const banks: ExchangeBank[] = [];
	for (const { id, organizationId, language } of exchangeScopes(actor)) {
		const items = (
			await db
				.select({ id: testItem.id })
				.from(testItem)
				.innerJoin(itemBank, eq(itemBank.id, testItem.bankId))
				.where(heldInLanguage(id, organizationId, language))
		).length;
		const [own] = await db.select({ id: itemBank.id }).from(itemBank).where(eq(itemBank.id, id));
		if (own || items > 0) banks.push({ id, language, organizationId, items });
	}
	return banks;
}

/**
 * What an organization exchanges in one tested language, named by its own bank's id: the items it
 * holds in any bank of that language — imported ones (its own bank) and those written in the browser
 * or copied (the shared bank of the language, where the editor keeps them).
 */
function exchangeScopes(actor: Actor) {
	return exchangeOrganizations(actor).flatMap((organizationId) =>
		ITEM_LANGUAGES.map((language) => ({
			id: organizationBankId(organizationId, language),
			organizationId,
			language
		}))
	);
}

/** The scope's items (a query on `test_item` joined with `item_bank`). */
function heldInLanguage(bankId: string, organizationId: string, language: ItemLanguage) {
	return and(
		eq(itemBank.language, language),
		or(
			eq(testItem.ownerOrganizationId, organizationId),
			// Items imported before the bank's organization was recorded as their holder have none.
			and(eq(testItem.bankId, bankId), isNull(testItem.ownerOrganizationId))
		)
	);
}

export const EXPORT_STATUSES = [
	'all',
	'draft',
	'pilot',
	'calibrated',
	'active',
	'retired'
] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * What the actor's organization holds in one language (`exchangeScopes`, named by its bank's id), as a
 * Moodle XML file or a QTI 2.1/3.0 package, items of one status or all; keys and calibrated parameters included (the file is for the partner's test developers), for
 * the items the organization holds. Refused (403) for a bank of another organization or one that does
 * not exist.
 */
export async function exportBank(
	db: DB,
	actor: Actor,
	input: { bankId: string; format: ExchangeFormat; status: ExportStatus }
): Promise<{ fileName: string; mimeType: string; body: Uint8Array }> {
	const bank = exchangeScopes(actor).find((scope) => scope.id === input.bankId);
	if (!bank) throw new Forbidden();
	const rows = (
		await db
			.select()
			.from(testItem)
			.innerJoin(itemBank, eq(itemBank.id, testItem.bankId))
			.where(
				and(
					heldInLanguage(bank.id, bank.organizationId, bank.language),
					input.status === 'all' ? undefined : eq(testItem.status, input.status)
				)
			)
			.orderBy(testItem.id)
	).map((row) => row.test_item);
	const items: BankFileItem[] = [];
	for (const row of rows) items.push(await fileItemOf(db, row));
	if (input.format === 'moodle')
		return {
			fileName: `${bank.id}.moodle.xml`,
			mimeType: 'application/xml; charset=utf-8',
			body: new TextEncoder().encode(toMoodleXml(items, bank.id))
		};
	const version = input.format === 'qti30' ? '3.0' : '2.1';
	return {
		fileName: `${bank.id}.${input.format}.zip`,
		mimeType: 'application/zip',
		body: toQtiPackage(items, { version, title: bank.id })
	};
}

async function fileItemOf(db: DB, row: typeof testItem.$inferSelect): Promise<BankFileItem> {
	const content = row.content as StoredContent;
	const files: ItemFile[] = [];
	const attachments = [...(content.attachments ?? [])];
	// An item written in the browser keeps its recording as `audio` (the test plays that), not as an attachment.
	const recording = content.audio ? itemAudioMediaId(content.audio) : null;
	if (recording && !attachments.some((a) => a.mediaId === recording)) {
		const medium = await mediaForServing(db, recording);
		const name = medium && exchangeFileName(`recording-${recording.slice(0, 8)}`, medium.mimeType);
		if (name) attachments.unshift({ name, kind: 'audio', mediaId: recording });
	}
	for (const attachment of attachments) {
		const medium = await mediaForServing(db, attachment.mediaId);
		if (!medium) continue;
		files.push({
			name: attachment.name,
			kind: attachment.kind,
			mimeType: medium.mimeType,
			base64: Buffer.from(medium.bytes).toString('base64')
		});
	}
	const item: BankFileItem = {
		id: row.id,
		skill: row.skill,
		level: row.level,
		kind: row.kind,
		instruction: content.instruction as BankFileItem['instruction'],
		prompt: content.prompt
	};
	if (content.promptGloss !== undefined) item.promptGloss = content.promptGloss;
	if (content.passage !== undefined) item.passage = content.passage;
	if (content.audioScript !== undefined) item.audioScript = content.audioScript;
	if (content.dialogue) item.dialogue = true;
	if (content.passageId !== undefined) item.passageId = content.passageId;
	if (content.options) item.options = content.options;
	if (row.kind === 'choice' && row.answerKey) item.answer = row.answerKey.answer;
	if (row.kind === 'short_answer') item.accepted = row.answerKey?.accepted ?? [];
	if (files.length) item.files = files;
	if (content.rubric) item.rubric = content.rubric as BankFileItem['rubric'];
	// The editor's explanation for reviewers is the exchange files' note.
	const note = content.note ?? row.explanation ?? undefined;
	if (note !== undefined) item.note = note;
	if (!row.provisional)
		item.parameters = {
			a: row.a,
			b: row.b,
			c: row.c,
			...(row.aStandardError !== null ? { aStandardError: row.aStandardError } : {}),
			...(row.bStandardError !== null ? { bStandardError: row.bStandardError } : {}),
			...(row.calibrationResponses !== null ? { responses: row.calibrationResponses } : {})
		};
	return item;
}
