import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { recording } from '$lib/server/db/schema';
import { NotAllowed } from './errors';
import { canReadRecording } from './policy';

/** A recording for its owner; NotAllowed for anyone else, null when there is none. */
export async function readOwnRecording(db: DB, actorId: string, recordingId: string) {
	const [row] = await db
		.select({
			ownerId: recording.ownerId,
			mimeType: recording.mimeType,
			bytes: recording.bytes
		})
		.from(recording)
		.where(eq(recording.id, recordingId));
	if (!row) return null;
	if (!canReadRecording(actorId, row.ownerId)) throw new NotAllowed();
	return { mimeType: row.mimeType, bytes: row.bytes };
}
