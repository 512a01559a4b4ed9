import {
	refusedRecords,
	waitingCount,
	type OutboxKind,
	type OutboxPayload,
	type OutboxRecord
} from './outbox';
import { IdbOutboxStore, rememberAccount, type OutboxStore } from './outbox-store';
import { flushOutbox, type SyncTransport } from './sync-engine';
import { OUTBOX_SYNC_TAG, fetchTransport } from './transport';

/**
 * The learner's outbox as the pages see it: how many records wait, whether they are being sent, and the
 * triggers that send them (app start, `online`, the page coming back into view, Background Sync where the
 * browser has it, and a timer for the back-off). One instance per page (`outbox` below).
 */
export class Outbox {
	/** The signed-in account, or null: records are kept but nobody's are sent. */
	accountId = $state<string | null>(null);
	waiting = $state(0);
	sending = $state(false);
	/** The server said the session is gone: nothing is sent until the same learner logs in again. */
	signedOut = $state(false);
	/** Records the server refused, kept on the phone (never sent again) until the learner deletes them. */
	refused = $state<OutboxRecord[]>([]);

	readonly #store: OutboxStore;
	readonly #transport: SyncTransport;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#again = false;
	#listening = false;

	constructor(
		store: OutboxStore = new IdbOutboxStore(),
		transport: SyncTransport = fetchTransport
	) {
		this.#store = store;
		this.#transport = transport;
	}

	/** Called by the layout with the signed-in account (or null): counts and sends its records. */
	start(accountId: string | null) {
		if (accountId !== this.accountId) this.signedOut = false;
		this.accountId = accountId;
		void rememberAccount(accountId).catch(() => {});
		if (typeof window !== 'undefined' && !this.#listening) {
			this.#listening = true;
			window.addEventListener('online', () => void this.flush());
			document.addEventListener('visibilitychange', () => {
				if (document.visibilityState === 'visible') void this.flush();
			});
			navigator.serviceWorker?.addEventListener('message', (event) => {
				if (event.data === OUTBOX_SYNC_TAG) void this.flush();
			});
		}
		void this.flush();
	}

	/** Puts a piece of work in the outbox (always first, online or not) and tries to send it. */
	async add<K extends OutboxKind>(
		kind: K,
		payload: OutboxPayload[K],
		options: { id?: string; after?: string[] } = {}
	): Promise<OutboxRecord<K>> {
		if (!this.accountId) throw new Error('no account to keep work for');
		const record = await this.#store.add(this.accountId, kind, payload, options);
		await this.#count();
		return record;
	}

	/** Whether the record is still waiting (not acknowledged by the server). */
	async has(id: string): Promise<boolean> {
		return (await this.#store.all(this.accountId ?? undefined)).some((r) => r.id === id);
	}

	/** Sends what waits, once at a time (a call during a send runs again after it). */
	async flush(): Promise<void> {
		const accountId = this.accountId;
		if (!accountId) return;
		if (this.sending) {
			this.#again = true;
			return;
		}
		await this.#count();
		if (this.waiting === 0) return;
		// Known to be offline: nothing can go, and each failed try would push the records' next try
		// further (back-off, up to 10 minutes), keeping them waiting long after the connection returns
		// from days offline. The `online` event sends them.
		if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
		this.sending = true;
		try {
			const report = await flushOutbox(this.#store, this.#transport, accountId);
			this.signedOut = report.stopped === 'signed-out';
		} catch {
			// IndexedDB unavailable (private mode) or closed: the records stay where they are.
		} finally {
			this.sending = false;
			await this.#count();
		}
		if (this.#again) {
			this.#again = false;
			return this.flush();
		}
		void this.#schedule();
		this.#askForBackgroundSync();
	}

	/** Deletes this account's waiting records: only after the learner said so (the logout warning). */
	async discard(): Promise<void> {
		if (!this.accountId) return;
		const mine = await this.#store.all(this.accountId);
		await this.#store.remove(mine.map((r) => r.id));
		await this.#count();
	}

	/** Deletes one record the server refused: the learner has seen it and let it go. */
	async forget(id: string): Promise<void> {
		if (!this.refused.some((r) => r.id === id)) return;
		await this.#store.remove([id]);
		await this.#count();
	}

	async #count() {
		const mine = this.accountId ? await this.#store.all(this.accountId) : [];
		this.waiting = this.accountId ? waitingCount(mine, this.accountId) : 0;
		this.refused = this.accountId ? refusedRecords(mine, this.accountId) : [];
	}

	/** While records wait and the session is good, look again after the earliest back-off ends. */
	async #schedule() {
		clearTimeout(this.#timer);
		if (!this.accountId || this.signedOut || this.waiting === 0) return;
		const records = await this.#store.all(this.accountId);
		const next = Math.min(...records.filter((r) => !r.refused).map((r) => r.notBefore));
		this.#timer = setTimeout(() => void this.flush(), Math.max(1_000, next - Date.now()));
	}

	#askForBackgroundSync() {
		if (this.waiting === 0 || typeof navigator === 'undefined') return;
		void navigator.serviceWorker?.ready
			.then((registration) => {
				const sync = (registration as { sync?: { register(tag: string): Promise<void> } }).sync;
				return sync?.register(OUTBOX_SYNC_TAG);
			})
			.catch(() => {});
	}
}

export const outbox = new Outbox();
