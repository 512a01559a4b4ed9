import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import {
	availableActions,
	canEditContent,
	checkItemDraft,
	checkTransition,
	instructionOfKind,
	itemWarnings,
	RUBRIC_MAX_SCORE,
	type ItemAction,
	type ItemDraft,
	type ItemErrors,
	type ItemStatus,
	type RubricDraft
} from '$lib/placement/item-workflow';
import { provisionalParams, type Skill } from '$lib/placement';
import type { DB, DbOrTx } from '$lib/server/db/client';
import {
	itemBank,
	itemCollectionItem,
	itemCollectionShare,
	itemResponse,
	organization,
	testItem,
	user,
	type ItemContent
} from '$lib/server/db/schema';
import { BadRequest, Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit, auditEntriesAbout } from '$lib/server/audit/log';
import { uploadToLibrary } from '$lib/server/media/service';
import { routes } from '$lib/routes';
import {
	authoringOrganizationIds,
	canAuthorFor,
	canSeeKey,
	holdingOrganizationIds,
	sharedItemIds,
	usableBy
} from './policy';

/**
 * Test items written in the browser (issue 12): drafts, their review by a second instructor, the
 * pilot, calibration and activation, and copies of shared items. Every function checks the actor
 * against `policy.ts`; an item the actor may not see is Forbidden (as an id that does not exist).
 */

type ItemRow = typeof testItem.$inferSelect;
type Rubric = { criteria: { name: Record<string, string>; bands: Record<string, string>[] }[] };

const MEDIA_AUDIO = 'media:';

/** The stored recording of an item (`media:<id>`), as a URL for the editor's preview; null for none. */
export function itemAudioUrl(audio: string | undefined): string | null {
	return audio?.startsWith(MEDIA_AUDIO) ? routes.media(audio.slice(MEDIA_AUDIO.length)) : null;
}

/** How an item's content refers to a recording of the media library (what `itemAudioMediaId` reads). */
export const storedItemAudio = (mediaId: string) => `${MEDIA_AUDIO}${mediaId}`;

/** The media id of a stored recording, for the candidate's audio endpoint; null for a seed file. */
export function itemAudioMediaId(audio: string): string | null {
	return audio.startsWith(MEDIA_AUDIO) ? audio.slice(MEDIA_AUDIO.length) : null;
}

function rubricOf(draft: RubricDraft | null, kind: ItemDraft['kind']): unknown {
	if (!draft || kind === 'choice') return undefined;
	const same = (s: string) => ({ vi: s, lo: s, en: s });
	return {
		criteria: draft.criteria.map((name) => ({ name: same(name), bands: draft.bands.map(same) })),
		maxScorePerCriterion: RUBRIC_MAX_SCORE
	};
}

function rubricDraftOf(rubric: unknown, language: 'vi' | 'lo'): RubricDraft | null {
	const r = rubric as Rubric | undefined;
	if (!r?.criteria?.length) return null;
	return {
		criteria: r.criteria.map((c) => c.name[language] ?? c.name.vi ?? ''),
		bands: (r.criteria[0].bands ?? []).map((b) => b[language] ?? b.vi ?? '')
	};
}

function contentOf(draft: ItemDraft): ItemContent {
	const instruction = instructionOfKind(draft.kind) ?? draft.instruction;
	return {
		instruction,
		prompt: draft.prompt,
		...(draft.promptGloss ? { promptGloss: draft.promptGloss } : {}),
		...(draft.passage ? { passage: draft.passage } : {}),
		...(draft.kind === 'choice' ? { options: draft.options.map((o) => o.trim()) } : {}),
		...(draft.audio ? { audio: draft.audio } : {}),
		...(draft.kind !== 'choice' ? { rubric: rubricOf(draft.rubric, draft.kind) } : {})
	};
}

/** The draft an item's row holds; its key and explanation only when `withKey`. */
export function draftOf(row: ItemRow, language: 'vi' | 'lo', withKey: boolean): ItemDraft {
	const content = row.content as ItemContent;
	return {
		language,
		skill: row.skill,
		level: row.level,
		kind: row.kind,
		instruction: content.instruction,
		prompt: content.prompt,
		promptGloss: content.promptGloss ?? '',
		passage: content.passage ?? '',
		passageKey: row.passageKey ?? '',
		audio: content.audio ?? '',
		options: content.options ?? [],
		answer: withKey ? (row.answerKey?.answer ?? null) : null,
		explanation: withKey ? (row.explanation ?? '') : '',
		rubric: rubricDraftOf(content.rubric, language)
	};
}

/** Normalizes what was typed (NFC, trimmed) before it is checked and stored. */
export function normalizeDraft(draft: ItemDraft): ItemDraft {
	const nfc = (s: string) => s.normalize('NFC').trim();
	return {
		...draft,
		prompt: nfc(draft.prompt),
		promptGloss: nfc(draft.promptGloss),
		passage: nfc(draft.passage),
		explanation: nfc(draft.explanation),
		options: draft.options.map(nfc).filter((o, i, all) => o || i < all.length - 1),
		rubric: draft.rubric
			? {
					criteria: draft.rubric.criteria.map(nfc).filter(Boolean),
					bands: draft.rubric.bands.map(nfc)
				}
			: null
	};
}

/** The shared seed bank of a language (`<language>-placement`), where authored items are kept. */
export async function bankOfLanguage(db: DbOrTx, language: 'vi' | 'lo'): Promise<string> {
	const id = `${language}-placement`;
	const [bank] = await db.select({ id: itemBank.id }).from(itemBank).where(eq(itemBank.id, id));
	if (!bank) {
		await db.insert(itemBank).values({ id, language, version: 'authored' }).onConflictDoNothing();
	}
	return id;
}

/** A shared passage: items of one organization with the same `passageKey` show the same text. */
async function passageOfGroup(db: DbOrTx, organizationId: string, key: string) {
	const [row] = await db
		.select({ content: testItem.content })
		.from(testItem)
		.where(and(eq(testItem.ownerOrganizationId, organizationId), eq(testItem.passageKey, key)))
		.limit(1);
	return row ? ((row.content as ItemContent).passage ?? null) : null;
}

/**
 * A draft joining a passage group with its passage left empty (as the editor's hint invites) reads
 * the group's text before it is checked: else "a reading item needs a passage" refuses it.
 */
async function withGroupPassage(
	db: DbOrTx,
	organizationId: string,
	draft: ItemDraft
): Promise<ItemDraft> {
	if (!draft.passageKey || draft.passage.trim()) return draft;
	const text = await passageOfGroup(db, organizationId, draft.passageKey);
	return text === null ? draft : { ...draft, passage: text };
}

export type SaveOutcome = { ok: true; id: string } | { ok: false; errors: ItemErrors };

/**
 * Creates a draft item of `organizationId` (the editor, a copy, and the Moodle XML / QTI importers
 * call this): checked with `checkItemDraft`, parameters provisional from its level, audited.
 */
export async function createDraftItem(
	db: DB,
	actor: Actor,
	input: { organizationId: string; draft: ItemDraft; copiedFromId?: string },
	now = new Date()
): Promise<SaveOutcome> {
	if (!canAuthorFor(actor, input.organizationId)) throw new Forbidden();
	const draft = await withGroupPassage(db, input.organizationId, normalizeDraft(input.draft));
	const errors = checkItemDraft(draft);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const id = `item-${crypto.randomUUID()}`;
	await db.transaction(async (tx) => {
		const passage = await sharedPassage(tx, input.organizationId, draft);
		await tx.insert(testItem).values({
			id,
			bankId: await bankOfLanguage(tx, draft.language),
			skill: draft.skill,
			level: draft.level,
			kind: draft.kind,
			content: contentOf({ ...draft, ...passage }),
			answerKey: draft.kind === 'choice' ? { answer: draft.answer! } : null,
			...provisionalParams(draft.level),
			status: 'draft',
			ownerOrganizationId: input.organizationId,
			authorId: actor.id,
			explanation: draft.explanation || null,
			passageKey: passage.passageKey || null,
			copiedFromId: input.copiedFromId ?? null,
			updatedAt: now
		});
		await audit(tx, {
			organizationId: input.organizationId,
			actorId: actor.id,
			action: input.copiedFromId ? 'item.copy' : 'item.create',
			subjectType: 'test_item',
			subjectId: id,
			reason: null,
			details: { skill: draft.skill, level: draft.level, copiedFrom: input.copiedFromId ?? null },
			before: null,
			after: { status: 'draft', prompt: draft.prompt },
			at: now
		});
	});
	return { ok: true, id };
}

/**
 * The passage an item shows: in a group (`passageKey` of an existing group) the text typed, or the
 * group's when none was typed; a reading passage outside a group starts a new group others can join.
 */
async function sharedPassage(tx: DbOrTx, organizationId: string, draft: ItemDraft) {
	if (draft.passageKey) {
		const text = await passageOfGroup(tx, organizationId, draft.passageKey);
		if (text !== null) return { passage: draft.passage || text, passageKey: draft.passageKey };
	}
	if (draft.skill === 'reading' && draft.passage) {
		return { passage: draft.passage, passageKey: `psg-${crypto.randomUUID().slice(0, 8)}` };
	}
	return { passage: draft.passage, passageKey: '' };
}

async function itemRow(db: DbOrTx, id: string): Promise<ItemRow | undefined> {
	const [row] = await db.select().from(testItem).where(eq(testItem.id, id));
	return row;
}

async function languageOfBank(db: DbOrTx, bankId: string): Promise<'vi' | 'lo'> {
	const [bank] = await db
		.select({ language: itemBank.language })
		.from(itemBank)
		.where(eq(itemBank.id, bankId));
	return bank?.language ?? 'vi';
}

/** Whether the actor's organizations may see the item (hold it, or use it). */
async function visibleTo(db: DbOrTx, actor: Actor, row: ItemRow): Promise<boolean> {
	if (row.ownerOrganizationId === null) return authoringOrganizationIds(actor).length > 0;
	const orgs = holdingOrganizationIds(actor);
	if (orgs.includes(row.ownerOrganizationId)) return true;
	const shared = await sharedItemIds(db, orgs);
	return shared.some((s) => s.itemId === row.id);
}

/**
 * Which saved state of an item an editor was opened on: its last change, in milliseconds (every write
 * of `updated_at` here comes from a JavaScript Date, so the column holds no finer digits).
 */
export const itemVersion = (row: { updatedAt: Date | null }) =>
	String(row.updatedAt?.getTime() ?? 0);

/**
 * Changes a draft's content (only drafts change: see `canEditContent`). With `seenVersion` (the
 * editor's, `itemVersion`), a draft saved by someone else since it was opened is not overwritten:
 * `changed_elsewhere` with the version now stored, so that saving again replaces it knowingly.
 */
export async function updateDraftItem(
	db: DB,
	actor: Actor,
	id: string,
	input: ItemDraft,
	options: { seenVersion?: string; now?: Date } = {}
): Promise<
	| SaveOutcome
	| { ok: false; reason: 'not_draft' }
	| { ok: false; reason: 'changed_elsewhere'; version: string }
> {
	const now = options.now ?? new Date();
	const row = await itemRow(db, id);
	if (!row || !canAuthorFor(actor, row.ownerOrganizationId)) throw new Forbidden();
	if (!canEditContent(row.status)) return { ok: false, reason: 'not_draft' };
	const changedElsewhere = { ok: false as const, reason: 'changed_elsewhere' as const };
	if (options.seenVersion !== undefined && options.seenVersion !== itemVersion(row)) {
		return { ...changedElsewhere, version: itemVersion(row) };
	}
	const draft = await withGroupPassage(
		db,
		row.ownerOrganizationId!,
		normalizeDraft({ ...input, language: await languageOfBank(db, row.bankId) })
	);
	const errors = checkItemDraft(draft);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	// Saved by someone else between the check above and this write: nothing of this save is kept.
	const overtaken = Symbol('saved meanwhile');
	try {
		await db.transaction(async (tx) => {
			const passage = await sharedPassage(tx, row.ownerOrganizationId!, draft);
			const content = contentOf({ ...draft, ...passage });
			const written = await tx
				.update(testItem)
				.set({
					skill: draft.skill,
					level: draft.level,
					kind: draft.kind,
					content,
					answerKey: draft.kind === 'choice' ? { answer: draft.answer! } : null,
					// A draft was never calibrated: its provisional parameters follow its level.
					...provisionalParams(draft.level),
					provisional: true,
					explanation: draft.explanation || null,
					passageKey: passage.passageKey || null,
					updatedAt: now
				})
				.where(
					and(
						eq(testItem.id, id),
						row.updatedAt ? eq(testItem.updatedAt, row.updatedAt) : isNull(testItem.updatedAt)
					)
				)
				.returning({ id: testItem.id });
			if (written.length === 0) throw overtaken;
			// The other drafts of the group show the changed text too (reviewed items keep theirs).
			if (passage.passageKey) {
				const group = await tx
					.select({ id: testItem.id, content: testItem.content })
					.from(testItem)
					.where(
						and(
							eq(testItem.ownerOrganizationId, row.ownerOrganizationId!),
							eq(testItem.passageKey, passage.passageKey),
							eq(testItem.status, 'draft')
						)
					);
				for (const other of group) {
					if (other.id === id) continue;
					await tx
						.update(testItem)
						.set({ content: { ...(other.content as ItemContent), passage: passage.passage } })
						.where(eq(testItem.id, other.id));
				}
			}
			await audit(tx, {
				organizationId: row.ownerOrganizationId,
				actorId: actor.id,
				action: 'item.edit',
				subjectType: 'test_item',
				subjectId: id,
				reason: null,
				details: {},
				before: {
					level: row.level,
					prompt: (row.content as ItemContent).prompt,
					answer: row.answerKey?.answer ?? null
				},
				after: { level: draft.level, prompt: draft.prompt, answer: draft.answer },
				at: now
			});
		});
	} catch (thrown) {
		if (thrown !== overtaken) throw thrown;
		return { ...changedElsewhere, version: itemVersion((await itemRow(db, id)) ?? row) };
	}
	return { ok: true, id };
}

export type TransitionOutcome =
	| { ok: true; status: ItemStatus }
	| { ok: false; reason: 'wrong_status' | 'own_item' | 'incomplete' };

/** Moves an item one step of the workflow (`checkTransition`), audited with who, when, before and after. */
export async function transitionItem(
	db: DB,
	actor: Actor,
	id: string,
	action: Exclude<ItemAction, 'accept_calibration'>,
	now = new Date(),
	reason: string | null = null
): Promise<TransitionOutcome> {
	const row = await itemRow(db, id);
	if (!row || !(await visibleTo(db, actor, row))) throw new Forbidden();
	const language = await languageOfBank(db, row.bankId);
	const checked = checkTransition(action, {
		status: row.status,
		kind: row.kind,
		authorId: row.authorId,
		actorHolds: canAuthorFor(actor, row.ownerOrganizationId),
		actorId: actor.id,
		complete: Object.keys(checkItemDraft(draftOf(row, language, true))).length === 0
	});
	if (!checked.ok) {
		if (checked.reason === 'not_holder') throw new Forbidden();
		return { ok: false, reason: checked.reason };
	}
	await db.transaction(async (tx) => {
		const moved = await tx
			.update(testItem)
			.set({
				status: checked.to,
				...(action === 'approve' ? { approvedBy: actor.id } : {}),
				...(action === 'send_back' || action === 'reject' ? { approvedBy: null } : {}),
				updatedAt: now
			})
			.where(and(eq(testItem.id, id), eq(testItem.status, row.status)))
			.returning({ id: testItem.id });
		if (moved.length === 0) throw new BadRequest('item changed meanwhile');
		await audit(tx, {
			organizationId: row.ownerOrganizationId,
			actorId: actor.id,
			action: 'item.transition',
			subjectType: 'test_item',
			subjectId: id,
			reason,
			details: { action },
			before: { status: row.status },
			after: { status: checked.to },
			at: now
		});
	});
	return { ok: true, status: checked.to };
}

/**
 * Accepts calibrated parameters for an item the actor's organization holds (the calibration page
 * computed them): stored with who and when, pilot → calibrated, audited with the old and new values.
 */
export async function storeAcceptedParameters(
	db: DB,
	actor: Actor,
	id: string,
	params: { a: number; b: number; aSe: number; bSe: number; responses: number },
	now = new Date()
): Promise<TransitionOutcome> {
	const row = await itemRow(db, id);
	if (!row || !canAuthorFor(actor, row.ownerOrganizationId)) throw new Forbidden();
	const checked = checkTransition('accept_calibration', {
		status: row.status,
		kind: row.kind,
		authorId: row.authorId,
		actorHolds: true,
		actorId: actor.id,
		complete: true
	});
	if (!checked.ok)
		return { ok: false, reason: checked.reason === 'own_item' ? 'own_item' : 'wrong_status' };
	await db.transaction(async (tx) => {
		await tx
			.update(testItem)
			.set({
				a: params.a,
				b: params.b,
				aStandardError: params.aSe,
				bStandardError: params.bSe,
				provisional: false,
				status: checked.to,
				calibratedAt: now,
				calibratedBy: actor.id,
				calibrationResponses: params.responses,
				updatedAt: now
			})
			.where(eq(testItem.id, id));
		await audit(tx, {
			organizationId: row.ownerOrganizationId,
			actorId: actor.id,
			action: 'item.calibration',
			subjectType: 'test_item',
			subjectId: id,
			reason: null,
			details: { responses: params.responses },
			before: { status: row.status, a: row.a, b: row.b },
			after: { status: checked.to, a: params.a, b: params.b, aSe: params.aSe, bSe: params.bSe },
			at: now
		});
	});
	return { ok: true, status: checked.to };
}

/** Keeps a recorded or uploaded prompt for a listening item in the organization's media: `media:<id>`. */
export async function keepItemRecording(
	db: DB,
	actor: Actor,
	input: { organizationId: string; bytes: Uint8Array; label: string }
) {
	if (!canAuthorFor(actor, input.organizationId)) throw new Forbidden();
	const saved = await uploadToLibrary(db, actor, { ...input, kind: 'audio' });
	return saved.ok ? { ok: true as const, audio: storedItemAudio(saved.mediaId) } : saved;
}

export type ItemFilter = { language?: 'vi' | 'lo'; status?: ItemStatus; skill?: Skill };

/**
 * The items the actor's organizations hold or use, newest first: seed items only when asked by
 * language (a bank of ~150 is long); keys never in a list.
 */
export async function itemsForActor(db: DB, actor: Actor, filter: ItemFilter = {}) {
	const orgs = holdingOrganizationIds(actor);
	if (authoringOrganizationIds(actor).length === 0) throw new Forbidden();
	const rows = await db
		.select({
			id: testItem.id,
			skill: testItem.skill,
			level: testItem.level,
			kind: testItem.kind,
			status: testItem.status,
			content: testItem.content,
			ownerOrganizationId: testItem.ownerOrganizationId,
			ownerName: organization.name,
			language: itemBank.language,
			updatedAt: testItem.updatedAt
		})
		.from(testItem)
		.innerJoin(itemBank, eq(itemBank.id, testItem.bankId))
		.leftJoin(organization, eq(organization.id, testItem.ownerOrganizationId))
		.where(
			and(
				filter.language
					? and(usableBy(db, orgs), eq(itemBank.language, filter.language))
					: and(usableBy(db, orgs), isNotNull(testItem.ownerOrganizationId)),
				filter.status ? eq(testItem.status, filter.status) : undefined,
				filter.skill ? eq(testItem.skill, filter.skill) : undefined
			)
		)
		.orderBy(desc(testItem.updatedAt), asc(testItem.id));
	return rows.map(({ content, ...row }) => ({
		...row,
		prompt: (content as ItemContent).prompt,
		held: row.ownerOrganizationId !== null && orgs.includes(row.ownerOrganizationId)
	}));
}

/** The organizations that use an item (its collections' shares) and the copies made of it. */
async function usageOf(db: DB, id: string) {
	const usedBy = await db
		.selectDistinct({
			organizationId: itemCollectionShare.organizationId,
			name: organization.name,
			mode: itemCollectionShare.mode
		})
		.from(itemCollectionItem)
		.innerJoin(
			itemCollectionShare,
			eq(itemCollectionShare.collectionId, itemCollectionItem.collectionId)
		)
		.innerJoin(organization, eq(organization.id, itemCollectionShare.organizationId))
		.where(eq(itemCollectionItem.itemId, id));
	const copies = await db
		.select({ name: organization.name, n: count() })
		.from(testItem)
		.innerJoin(organization, eq(organization.id, testItem.ownerOrganizationId))
		.where(eq(testItem.copiedFromId, id))
		.groupBy(organization.name);
	const [responses] = await db
		.select({ n: count(), correct: sql<number>`coalesce(sum(${itemResponse.correct}), 0)` })
		.from(itemResponse)
		.where(eq(itemResponse.itemId, id));
	return {
		usedBy,
		copies: copies.map((c) => ({ name: c.name, count: Number(c.n) })),
		responses: Number(responses?.n ?? 0),
		correct: Number(responses?.correct ?? 0)
	};
}

/** Everything the item page shows, keys and parameters only to the holders (`canSeeKey`). */
export async function itemForEditor(db: DB, actor: Actor, id: string) {
	const row = await itemRow(db, id);
	if (!row || !(await visibleTo(db, actor, row))) throw new Forbidden();
	const language = await languageOfBank(db, row.bankId);
	const keyVisible = canSeeKey(actor, row);
	const held = canAuthorFor(actor, row.ownerOrganizationId);
	const draft = draftOf(row, language, keyVisible);
	const [owner] = row.ownerOrganizationId
		? await db
				.select({ name: organization.name })
				.from(organization)
				.where(eq(organization.id, row.ownerOrganizationId))
		: [];
	const people = await db
		.select({ id: user.id, name: user.displayName })
		.from(user)
		.where(
			inArray(
				user.id,
				[row.authorId, row.approvedBy, row.calibratedBy].filter((x): x is string => Boolean(x))
			)
		);
	const nameOf = (uid: string | null) => people.find((p) => p.id === uid)?.name ?? null;
	const copyTargets = held
		? []
		: (await copyableOrganizations(db, actor, id)).filter((org) => org !== row.ownerOrganizationId);
	const subject = {
		status: row.status,
		kind: row.kind,
		authorId: row.authorId,
		actorHolds: held,
		actorId: actor.id,
		complete: Object.keys(checkItemDraft(draft)).length === 0
	};
	const history = held
		? (await auditEntriesAbout(db, 'test_item', id)).map((e) => ({
				action: e.action,
				at: e.at,
				actorName: null as string | null,
				actorId: e.actorId,
				before: e.before as Record<string, unknown> | null,
				after: e.after as Record<string, unknown> | null
			}))
		: [];
	const actorNames = await db
		.select({ id: user.id, name: user.displayName })
		.from(user)
		.where(
			inArray(
				user.id,
				history.map((h) => h.actorId).filter((x): x is string => Boolean(x))
			)
		);
	for (const h of history) h.actorName = actorNames.find((p) => p.id === h.actorId)?.name ?? null;
	return {
		id: row.id,
		language,
		status: row.status,
		ownerOrganizationId: row.ownerOrganizationId,
		ownerName: owner?.name ?? null,
		authorName: nameOf(row.authorId),
		approvedByName: nameOf(row.approvedBy),
		calibratedByName: nameOf(row.calibratedBy),
		calibratedAt: keyVisible ? row.calibratedAt : null,
		draft,
		version: itemVersion(row),
		audioUrl: itemAudioUrl(draft.audio || undefined),
		keyVisible,
		params: keyVisible
			? {
					a: row.a,
					b: row.b,
					c: row.c,
					aSe: row.aStandardError,
					bSe: row.bStandardError,
					provisional: row.provisional,
					responses: row.calibrationResponses
				}
			: null,
		warnings: keyVisible ? itemWarnings(draft) : [],
		editable: held && canEditContent(row.status),
		held,
		actions: availableActions(subject),
		copyTargets,
		usage: held ? await usageOf(db, id) : null,
		history
	};
}

/** The actor's organizations that may copy the item: those it is shared with to copy. */
async function copyableOrganizations(db: DB, actor: Actor, id: string): Promise<string[]> {
	const orgs = authoringOrganizationIds(actor);
	if (orgs.length === 0) return [];
	const rows = await db
		.selectDistinct({ organizationId: itemCollectionShare.organizationId })
		.from(itemCollectionItem)
		.innerJoin(
			itemCollectionShare,
			eq(itemCollectionShare.collectionId, itemCollectionItem.collectionId)
		)
		.where(
			and(
				eq(itemCollectionItem.itemId, id),
				eq(itemCollectionShare.mode, 'copy'),
				inArray(itemCollectionShare.organizationId, orgs)
			)
		);
	return rows.map((r) => r.organizationId);
}

/** Copy-to-edit: a draft of the actor's organization with the shared item's content and key. */
export async function copySharedItem(
	db: DB,
	actor: Actor,
	id: string,
	organizationId: string,
	now = new Date()
): Promise<SaveOutcome> {
	const row = await itemRow(db, id);
	if (!row || !(await copyableOrganizations(db, actor, id)).includes(organizationId)) {
		throw new Forbidden();
	}
	const language = await languageOfBank(db, row.bankId);
	return createDraftItem(
		db,
		actor,
		{
			organizationId,
			draft: { ...draftOf(row, language, true), passageKey: '' },
			copiedFromId: id
		},
		now
	);
}

/** The passage groups of the actor's organizations, for the editor's "same passage as" choice. */
export async function passageGroups(db: DB, actor: Actor) {
	const orgs = authoringOrganizationIds(actor);
	if (orgs.length === 0) return [];
	const rows = await db
		.select({ key: testItem.passageKey, content: testItem.content })
		.from(testItem)
		.where(and(inArray(testItem.ownerOrganizationId, orgs), isNotNull(testItem.passageKey)))
		.orderBy(asc(testItem.passageKey));
	const groups = new Map<string, { key: string; passage: string; items: number }>();
	for (const row of rows) {
		const key = row.key!;
		const found = groups.get(key);
		if (found) found.items++;
		else groups.set(key, { key, passage: (row.content as ItemContent).passage ?? '', items: 1 });
	}
	return [...groups.values()];
}
