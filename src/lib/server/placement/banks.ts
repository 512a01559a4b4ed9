import { isSpeakingTime } from '$lib/screening/speaking-time';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { provisionalParams, SKILLS, type BankItem } from '$lib/placement';
import type { DB } from '$lib/server/db/client';
import { itemBank, testItem, type ItemContent } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit/log';
import { INSTRUCTIONS, type BankFile, type BankFileItem } from './bank-file';

export const CONTENT_DIR = 'content/placement';
export const AUDIO_DIR = `${CONTENT_DIR}/audio`;

/** Languages whose listening items are synthesized here (`npm run audio:placement`); others need recordings. */
export const SYNTHESIZED_LANGUAGES: readonly string[] = ['vi'];

/**
 * The items with their shared passages filled in: an item with a `passageId` gets that passage's text,
 * or its recording's words, unless it has text of its own (which `checkBankFile` then reports).
 */
export function resolvePassages(file: BankFile): BankFile {
	const passages = file.passages ?? {};
	return {
		...file,
		items: file.items.map((item) => {
			const shared = item.passageId ? passages[item.passageId] : undefined;
			if (!shared) return item;
			return {
				...item,
				...(shared.passage !== undefined && item.passage === undefined
					? { passage: shared.passage }
					: {}),
				...(shared.audioScript !== undefined && item.audioScript === undefined
					? { audioScript: shared.audioScript }
					: {}),
				...(shared.dialogue && item.dialogue === undefined ? { dialogue: true } : {})
			};
		})
	};
}

/**
 * The committed seed files, grouped by bank id (a bank may be split over several files), shared
 * passages resolved into their items. A passage id defined in two files of one bank is an error.
 */
export function readBankFiles(dir = CONTENT_DIR): Map<string, BankFile> {
	const banks = new Map<string, BankFile>();
	for (const name of readdirSync(dir)
		.filter((n) => n.endsWith('.json'))
		.sort()) {
		const file = JSON.parse(readFileSync(join(dir, name), 'utf8')) as BankFile;
		const bank = banks.get(file.bank.id);
		if (!bank) {
			banks.set(file.bank.id, {
				...file,
				items: [...file.items],
				...(file.passages ? { passages: { ...file.passages } } : {}),
				...(file.retired ? { retired: [...file.retired] } : {})
			});
			continue;
		}
		bank.items.push(...file.items);
		for (const [id, passage] of Object.entries(file.passages ?? {})) {
			if (bank.passages?.[id]) throw new Error(`${name}: passage ${id} is defined twice`);
			bank.passages = { ...bank.passages, [id]: passage };
		}
		if (file.retired) bank.retired = [...(bank.retired ?? []), ...file.retired];
	}
	for (const [id, bank] of banks) banks.set(id, resolvePassages(bank));
	return banks;
}

/**
 * Name of a listening item's recording, derived from its words so a changed script needs new audio.
 * Items on one shared passage share one recording, named after the passage.
 */
export function audioFileName(
	item: Pick<BankFileItem, 'id' | 'audioScript' | 'passageId'>
): string {
	const hash = createHash('sha256')
		.update(item.audioScript ?? '')
		.digest('hex')
		.slice(0, 10);
	return `${item.passageId ?? item.id}.${hash}.ogg`;
}

/** A dialogue's turns: one per line, "Speaker: words". Null when a line is not a turn. */
export function dialogueTurns(script: string): { speaker: string; words: string }[] | null {
	const turns = [];
	for (const line of script.split('\n')) {
		const turn = /^([^:\n]{1,30}): (\S.*)$/u.exec(line.trim());
		if (!turn) return null;
		turns.push({ speaker: turn[1].trim(), words: turn[2].trim() });
	}
	return turns;
}

/** Whether a listening item's recording is committed under `audioDir`. */
export function hasRecording(item: BankFileItem, audioDir = AUDIO_DIR): boolean {
	return Boolean(item.audioScript) && existsSync(join(audioDir, audioFileName(item)));
}

/**
 * The status a seed item loads with: `draft` (never administered) for a listening item without its
 * recording — a Lao item waiting for a native speaker —, otherwise none (the database keeps or
 * defaults its status).
 */
export function seedStatus(item: BankFileItem, audioDir = AUDIO_DIR): 'draft' | null {
	return item.skill === 'listening' && !hasRecording(item, audioDir) ? 'draft' : null;
}

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/** Everything wrong with a bank's content, one line per problem (empty = fit to load). */
export function checkBankFile(file: BankFile, audioDir = AUDIO_DIR): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	const synthesized = SYNTHESIZED_LANGUAGES.includes(file.bank.language);
	const passages = file.passages ?? {};
	const passageUse = new Map<string, number>();
	for (const item of file.items) {
		const at = (msg: string) => problems.push(`${item.id}: ${msg}`);
		if (seen.has(item.id)) at('duplicate id');
		seen.add(item.id);
		if (!(SKILLS as readonly string[]).includes(item.skill)) at(`unknown skill ${item.skill}`);
		if (!Number.isInteger(item.level) || item.level < 1 || item.level > 6) at('level must be 1–6');
		if (!(INSTRUCTIONS as readonly string[]).includes(item.instruction)) {
			at(`unknown instruction ${item.instruction}`);
		}
		if (!item.prompt?.trim()) at('empty prompt');
		for (const s of strings(item)) if (s !== s.normalize('NFC')) at(`text not in NFC: ${s}`);
		if (item.kind === 'choice') {
			const options = item.options ?? [];
			if (options.length < 3 || options.length > 4) at('choice items need 3 or 4 options');
			if (new Set(options.map((o) => o.trim())).size !== options.length) at('options repeat');
			if (!Number.isInteger(item.answer) || item.answer! < 0 || item.answer! >= options.length) {
				at('answer is not an option index');
			}
			if (item.rubric) at('choice items have no rubric');
		} else if (item.kind === 'short_answer') {
			if (!item.accepted?.some((answer) => answer.trim()))
				at('short answers need accepted answers');
			if (item.options || item.answer !== undefined || item.rubric) {
				at('short answers have no options, key index or rubric');
			}
		} else {
			if (item.options || item.answer !== undefined) at('rated items have no options or key');
			if (!item.rubric?.criteria?.length) at('rated items need a rubric');
			if (item.skill !== item.kind) at(`a ${item.kind} task must have skill ${item.kind}`);
			if (item.speakingTime !== undefined) {
				if (item.kind !== 'speaking') at('only speaking tasks have a speakingTime');
				if (!isSpeakingTime(item.speakingTime))
					at('speakingTime: whole seconds, 0 < from ≤ to ≤ 900');
			}
		}
		if (item.passageId !== undefined) {
			const shared = passages[item.passageId];
			passageUse.set(item.passageId, (passageUse.get(item.passageId) ?? 0) + 1);
			if (!shared) at(`unknown passage ${item.passageId}`);
			else {
				if (item.skill !== 'reading' && item.skill !== 'listening') {
					at('only reading and listening items share a passage');
				}
				if (item.passage !== shared.passage || item.audioScript !== shared.audioScript) {
					at(`has text of its own besides passage ${item.passageId}`);
				}
			}
		}
		if (item.dialogue) {
			const turns = item.skill === 'listening' && dialogueTurns(item.audioScript ?? '');
			if (!turns) at('a dialogue is a listening script of "Speaker: words" lines');
			else if (new Set(turns.map((t) => t.speaker)).size < 2) at('a dialogue needs two speakers');
		}
		if (item.awaitingRecording && (item.skill !== 'listening' || synthesized)) {
			at('only listening items of a language without a synthesizer await a recording');
		}
		if (item.skill === 'listening') {
			if (!item.audioScript?.trim()) at('listening items need an audioScript');
			else if (!existsSync(join(audioDir, audioFileName(item)))) {
				if (synthesized) at(`no recording ${audioFileName(item)} (run npm run audio:placement)`);
				else if (!item.awaitingRecording) {
					at(`no recording ${audioFileName(item)}: commit it, or mark the item awaitingRecording`);
				}
			} else if (item.awaitingRecording) at('its recording exists: remove awaitingRecording');
		}
		if (item.skill === 'reading' && !item.passage?.trim()) at('reading items need a passage');
	}
	for (const [id, shared] of Object.entries(passages)) {
		const uses = passageUse.get(id) ?? 0;
		if (uses < 2)
			problems.push(`passage ${id}: used by ${uses} item(s); a shared passage needs 2 or more`);
		if (Boolean(shared.passage?.trim()) === Boolean(shared.audioScript?.trim())) {
			problems.push(`passage ${id}: needs a text (passage) or a recording (audioScript), not both`);
		}
		for (const s of strings(shared)) {
			if (s !== s.normalize('NFC')) problems.push(`passage ${id}: text not in NFC: ${s}`);
		}
	}
	const retired = new Set<string>();
	for (const id of file.retired ?? []) {
		if (retired.has(id)) problems.push(`retired ${id}: listed twice`);
		retired.add(id);
		if (seen.has(id)) problems.push(`${id}: retired id reused for an item (give it a new id)`);
	}
	return problems;
}

/**
 * The adaptive engine's view of a bank: parameters from the intended level (provisional); items
 * waiting for a recording are left out, as they are never administered.
 */
export function provisionalBankItems(file: BankFile): BankItem[] {
	return file.items
		.filter((item) => item.kind === 'choice' && !item.awaitingRecording)
		.map((item) => ({
			id: item.id,
			skill: item.skill,
			level: item.level,
			...provisionalParams(item.level)
		}));
}

function contentOf(item: BankFileItem): ItemContent {
	return {
		instruction: item.instruction,
		prompt: item.prompt,
		...(item.promptGloss ? { promptGloss: item.promptGloss } : {}),
		...(item.passage ? { passage: item.passage } : {}),
		...(item.options ? { options: item.options } : {}),
		...(item.skill === 'listening' ? { audio: audioFileName(item) } : {}),
		...(item.rubric ? { rubric: item.rubric } : {}),
		...(item.speakingTime ? { speakingTime: item.speakingTime } : {})
	};
}

/**
 * Loads the seed banks into the database. Content and keys follow the files; parameters are set only
 * for new items (provisional, from the intended level), so a calibration is never overwritten.
 */
export async function seedItemBanks(
	db: DB,
	dir = CONTENT_DIR
): Promise<{ bankId: string; items: number }[]> {
	const loaded: { bankId: string; items: number }[] = [];
	for (const [bankId, file] of readBankFiles(dir)) {
		const problems = checkBankFile(file, join(dir, 'audio'));
		if (problems.length > 0) {
			throw new Error(`Item bank ${bankId} has problems:\n${problems.join('\n')}`);
		}
		const contentVersion = createHash('sha256')
			.update(JSON.stringify(file.items))
			.digest('hex')
			.slice(0, 8);
		const version = `${file.bank.version}+${contentVersion}`;
		await db.transaction(async (tx) => {
			const [previous] = await tx
				.select({ version: itemBank.version, owner: itemBank.ownerOrganizationId })
				.from(itemBank)
				.where(eq(itemBank.id, bankId));
			if (!previous?.version.startsWith(version)) {
				// Loaded from the committed files at start-up: no person of the app did it.
				await audit(tx, {
					organizationId: previous?.owner ?? null,
					actorId: null,
					action: 'bank_updated',
					subjectType: 'item_bank',
					subjectId: bankId,
					reason: null,
					details: { language: file.bank.language },
					before: previous ? { version: previous.version } : null,
					after: { version, items: file.items.length },
					at: new Date()
				});
			}
			await tx
				.insert(itemBank)
				.values({
					id: bankId,
					language: file.bank.language,
					version: `${file.bank.version}+${contentVersion}`
				})
				.onConflictDoUpdate({
					target: itemBank.id,
					set: { version: `${file.bank.version}+${contentVersion}`, updatedAt: new Date() },
					// Versions read '<file version>+<content hash>[;cal=<time>]': unchanged content keeps the
					// version, including what a calibration appended to it.
					setWhere: sql`${itemBank.version} not like ${`${file.bank.version}+${contentVersion}%`}`
				});
			for (const item of file.items) {
				const content = contentOf(item);
				const answerKey = item.kind === 'choice' ? { answer: item.answer! } : null;
				const provisional = provisionalParams(item.level);
				// A listening item without its recording is a draft; once recorded it becomes active.
				const draft = seedStatus(item, join(dir, 'audio')) === 'draft';
				await tx
					.insert(testItem)
					.values({
						id: item.id,
						bankId,
						skill: item.skill,
						level: item.level,
						kind: item.kind,
						content,
						answerKey,
						...provisional,
						...(draft ? { status: 'draft' as const } : {})
					})
					.onConflictDoUpdate({
						target: testItem.id,
						set: {
							content,
							answerKey,
							skill: item.skill,
							level: item.level,
							kind: item.kind,
							// A provisional item follows its (possibly corrected) level; a calibrated one keeps its estimates.
							a: sql`case when ${testItem.provisional} then ${provisional.a} else ${testItem.a} end`,
							b: sql`case when ${testItem.provisional} then ${provisional.b} else ${testItem.b} end`,
							status: draft
								? 'draft'
								: sql`case when ${testItem.status} = 'draft' then 'active' else ${testItem.status} end`
						}
					});
			}
			// Replaced items stay in the database (responses refer to them) but are never given again.
			if (file.retired?.length) {
				await tx
					.update(testItem)
					.set({ status: 'retired' })
					.where(and(eq(testItem.bankId, bankId), inArray(testItem.id, file.retired)));
			}
		});
		loaded.push({ bankId, items: file.items.length });
	}
	return loaded;
}

/** The language a bank tests (result cards describe levels of that language). */
export async function bankLanguage(db: DB, bankId: string): Promise<'vi' | 'lo'> {
	const [row] = await db
		.select({ language: itemBank.language })
		.from(itemBank)
		.where(eq(itemBank.id, bankId));
	return row?.language ?? 'vi';
}
