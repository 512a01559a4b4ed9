import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxKind, OutboxPayload, OutboxRecord } from './outbox';

/**
 * The phone's offline store (IndexedDB through `idb`): the outbox, a per-device counter, play-throughs in
 * progress and the review deck. Everything is keyed by account: a phone shared by two learners keeps each
 * one's work apart.
 */
interface OfflineSchema extends DBSchema {
	outbox: { key: string; value: OutboxRecord; indexes: { account: string } };
	/** `seq` (the device counter) and `account` (the signed-in account, for Background Sync). */
	meta: { key: string; value: number | string };
	/** Key `<account>|<lesson>|<course version>`. */
	playThrough: { key: string; value: unknown };
	/** Key: the account. */
	deck: { key: string; value: unknown };
}

export const OFFLINE_DB = 'mittaphap-offline';

/** What the sync engine needs from a store; `MemoryOutboxStore` is the same in memory, for tests. */
export interface OutboxStore {
	all(accountId?: string): Promise<OutboxRecord[]>;
	add<K extends OutboxKind>(
		accountId: string,
		kind: K,
		payload: OutboxPayload[K],
		options?: { id?: string; after?: string[]; now?: number }
	): Promise<OutboxRecord<K>>;
	remove(ids: readonly string[]): Promise<void>;
	/** Writes back records that are still in the store (a record removed meanwhile stays removed). */
	update(records: readonly OutboxRecord[]): Promise<void>;
}

function build<K extends OutboxKind>(
	accountId: string,
	kind: K,
	payload: OutboxPayload[K],
	seq: number,
	options: { id?: string; after?: string[]; now?: number }
): OutboxRecord<K> {
	return {
		id: options.id ?? crypto.randomUUID(),
		accountId,
		kind,
		payload,
		createdAt: options.now ?? Date.now(),
		seq,
		tries: 0,
		notBefore: 0,
		...(options.after?.length ? { after: options.after } : {})
	} as OutboxRecord<K>;
}

export class MemoryOutboxStore implements OutboxStore {
	readonly records = new Map<string, OutboxRecord>();
	#seq = 0;
	async all(accountId?: string) {
		return [...this.records.values()].filter((r) => !accountId || r.accountId === accountId);
	}
	async add<K extends OutboxKind>(
		accountId: string,
		kind: K,
		payload: OutboxPayload[K],
		options: { id?: string; after?: string[]; now?: number } = {}
	) {
		const record = build(accountId, kind, payload, ++this.#seq, options);
		if (!this.records.has(record.id)) this.records.set(record.id, record as OutboxRecord);
		return record;
	}
	async remove(ids: readonly string[]) {
		for (const id of ids) this.records.delete(id);
	}
	async update(records: readonly OutboxRecord[]) {
		for (const r of records) if (this.records.has(r.id)) this.records.set(r.id, r);
	}
}

let opened: Promise<IDBPDatabase<OfflineSchema>> | undefined;

/** The one connection of this page (opened on first use). */
export function offlineDb(): Promise<IDBPDatabase<OfflineSchema>> {
	opened ??= openOfflineDb();
	return opened;
}

/** A new connection (tests open one per simulated page load). */
export function openOfflineDb(): Promise<IDBPDatabase<OfflineSchema>> {
	return openDB<OfflineSchema>(OFFLINE_DB, 1, {
		upgrade(db) {
			const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
			outbox.createIndex('account', 'accountId');
			db.createObjectStore('meta');
			db.createObjectStore('playThrough');
			db.createObjectStore('deck');
		}
	});
}

export class IdbOutboxStore implements OutboxStore {
	constructor(private readonly db: () => Promise<IDBPDatabase<OfflineSchema>> = offlineDb) {}

	async all(accountId?: string) {
		const db = await this.db();
		return accountId ? db.getAllFromIndex('outbox', 'account', accountId) : db.getAll('outbox');
	}

	/** Adds a record and bumps the device counter in one transaction; an id already there is kept. */
	async add<K extends OutboxKind>(
		accountId: string,
		kind: K,
		payload: OutboxPayload[K],
		options: { id?: string; after?: string[]; now?: number } = {}
	) {
		const db = await this.db();
		const tx = db.transaction(['outbox', 'meta'], 'readwrite');
		const seq = Number((await tx.objectStore('meta').get('seq')) ?? 0) + 1;
		await tx.objectStore('meta').put(seq, 'seq');
		const record = build(accountId, kind, payload, seq, options);
		const existing = await tx.objectStore('outbox').get(record.id);
		if (!existing) await tx.objectStore('outbox').add(record as OutboxRecord);
		await tx.done;
		return (existing as OutboxRecord<K> | undefined) ?? record;
	}

	async remove(ids: readonly string[]) {
		const db = await this.db();
		const tx = db.transaction('outbox', 'readwrite');
		await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
	}

	async update(records: readonly OutboxRecord[]) {
		const db = await this.db();
		const tx = db.transaction('outbox', 'readwrite');
		for (const r of records) if (await tx.store.get(r.id)) await tx.store.put(r);
		await tx.done;
	}
}

/** Play-throughs are stored under `playThroughKey(account, lesson)` ($lib/learning/continue.ts). */
export async function loadPlayThrough(key: string): Promise<unknown> {
	return (await offlineDb()).get('playThrough', key);
}

export async function savePlayThrough(key: string, snapshot: unknown): Promise<void> {
	await (await offlineDb()).put('playThrough', snapshot, key);
}

export async function forgetPlayThrough(key: string): Promise<void> {
	await (await offlineDb()).delete('playThrough', key);
}

/** Every play-through the phone keeps for the account, with its key (Today's "continue"). */
export async function playThroughsOf(
	accountId: string
): Promise<{ key: string; snapshot: unknown }[]> {
	const db = await offlineDb();
	// Keys start with `<account>|`; '\uffff' sorts after any character of a lesson id.
	const range = IDBKeyRange.bound(`${accountId}|`, `${accountId}|\uffff`);
	const tx = db.transaction('playThrough');
	const [keys, values] = await Promise.all([
		tx.store.getAllKeys(range),
		tx.store.getAll(range),
		tx.done
	]);
	return keys.map((key, i) => ({ key, snapshot: values[i] }));
}

export async function loadDeck(accountId: string): Promise<unknown> {
	return (await offlineDb()).get('deck', accountId);
}

export async function saveDeck(accountId: string, deck: unknown): Promise<void> {
	await (await offlineDb()).put('deck', deck, accountId);
}

/** The account signed in on this phone's app, for the service worker's Background Sync (null: nobody). */
export async function rememberAccount(accountId: string | null): Promise<void> {
	const db = await offlineDb();
	if (accountId) await db.put('meta', accountId, 'account');
	else await db.delete('meta', 'account');
}

export async function rememberedAccount(): Promise<string | null> {
	const value = await (await offlineDb()).get('meta', 'account');
	return typeof value === 'string' ? value : null;
}
