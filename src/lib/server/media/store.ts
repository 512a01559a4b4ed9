import { eq } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db/client';
import { mediaBlob } from '$lib/server/db/schema';

/**
 * Where the bytes of media live. The database by default (as recordings are, so several app servers
 * share them and a backup holds everything); an object store can replace it by implementing these
 * three calls — the `media` rows (kind, type, size, hash) stay in the database either way.
 * `put` runs inside the transaction that writes the `media` row, so a failed save leaves nothing.
 */
export type MediaStore = {
	put(tx: DbOrTx, mediaId: string, bytes: Uint8Array): Promise<void>;
	get(db: DbOrTx, mediaId: string): Promise<Uint8Array<ArrayBuffer> | null>;
	remove(tx: DbOrTx, mediaId: string): Promise<void>;
};

export const databaseMediaStore: MediaStore = {
	async put(tx, mediaId, bytes) {
		await tx.insert(mediaBlob).values({ mediaId, bytes });
	},
	async get(db, mediaId) {
		const [row] = await db
			.select({ bytes: mediaBlob.bytes })
			.from(mediaBlob)
			.where(eq(mediaBlob.mediaId, mediaId));
		return row ? new Uint8Array(row.bytes) : null;
	},
	async remove(tx, mediaId) {
		await tx.delete(mediaBlob).where(eq(mediaBlob.mediaId, mediaId));
	}
};

/** The store this server uses (one place to switch). */
export const mediaStore: MediaStore = databaseMediaStore;
