import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { attempt } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { requireOwnCandidacy } from '$lib/server/screening/candidate-guard';
import { currentItemAudio } from '$lib/server/screening/delivery';
import { AUDIO_DIR } from '$lib/server/placement/banks';

/** The recording of the candidate's current item, and of no other item. */
export const GET: RequestHandler = async (event) => {
	const ctx = await requireOwnCandidacy(event);
	const [row] = await db
		.select()
		.from(attempt)
		.where(and(eq(attempt.candidateId, ctx.candidate.id), eq(attempt.status, 'in_progress')));
	const name = row && (await currentItemAudio(db, row));
	if (!name) error(404, m.error_not_found());
	const body = await readFile(join(AUDIO_DIR, name));
	return new Response(body, {
		headers: { 'content-type': 'audio/ogg', 'cache-control': 'private, no-store' }
	});
};
