import type { DB } from '$lib/server/db/client';
import { recordingById } from '$lib/server/rating/repository';
import { NotAllowed } from './errors';
import { canReadRecording } from './policy';

/** A recording for its owner; NotAllowed for anyone else, null when there is none. */
export async function readOwnRecording(db: DB, actorId: string, recordingId: string) {
	const row = await recordingById(db, recordingId);
	if (!row) return null;
	if (!canReadRecording(actorId, row.ownerId)) throw new NotAllowed();
	return { mimeType: row.mimeType, bytes: row.bytes };
}
