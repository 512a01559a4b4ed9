import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { provisionalParams, SKILLS, type BankItem } from '$lib/placement';
import type { DB } from '$lib/server/db/client';
import { itemBank, testItem, type ItemContent } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit/log';
import { INSTRUCTIONS, type BankFile, type BankFileItem } from './bank-file';

export const CONTENT_DIR = 'content/placement';
export const AUDIO_DIR = `${CONTENT_DIR}/audio`;

/** The committed seed files, grouped by bank id (a bank may be split over several files). */
export function readBankFiles(dir = CONTENT_DIR): Map<string, BankFile> {
	const banks = new Map<string, BankFile>();
	for (const name of readdirSync(dir)
		.filter((n) => n.endsWith('.json'))
		.sort()) {
		const file = JSON.parse(readFileSync(join(dir, name), 'utf8')) as BankFile;
		const bank = banks.get(file.bank.id);
		if (bank) bank.items.push(...file.items);
		else banks.set(file.bank.id, { bank: file.bank, items: [...file.items] });
	}
	return banks;
}

/** Name of a listening item's recording, derived from its words so a changed script needs new audio. */
export function audioFileName(item: Pick<BankFileItem, 'id' | 'audioScript'>): string {
	const hash = createHash('sha256')
		.update(item.audioScript ?? '')
		.digest('hex')
		.slice(0, 10);
	return `${item.id}.${hash}.ogg`;
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
		} else {
			if (item.options || item.answer !== undefined) at('rated items have no options or key');
			if (!item.rubric?.criteria?.length) at('rated items need a rubric');
			if (item.skill !== item.kind) at(`a ${item.kind} task must have skill ${item.kind}`);
		}
		if (item.skill === 'listening') {
			if (!item.audioScript?.trim()) at('listening items need an audioScript');
			else if (!existsSync(join(audioDir, audioFileName(item)))) {
				at(`no recording ${audioFileName(item)} (run npm run audio:placement)`);
			}
		}
		if (item.skill === 'reading' && !item.passage?.trim()) at('reading items need a passage');
	}
	return problems;
}

/** The adaptive engine's view of a bank: parameters from the intended level (provisional). */
export function provisionalBankItems(file: BankFile): BankItem[] {
	return file.items
		.filter((item) => item.kind === 'choice')
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
		...(item.rubric ? { rubric: item.rubric } : {})
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
						...provisional
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
							b: sql`case when ${testItem.provisional} then ${provisional.b} else ${testItem.b} end`
						}
					});
			}
		});
		loaded.push({ bankId, items: file.items.length });
	}
	return loaded;
}
