import { error } from '@sveltejs/kit';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { env } from '$env/dynamic/private';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { requireOwnCandidacy } from '$lib/server/screening/candidate-guard';
import { openAttempt } from '$lib/server/screening/context';
import { currentItemAudio } from '$lib/server/screening/delivery';
import { AUDIO_DIR } from '$lib/server/placement/banks';

/** Where recordings live: the committed banks', then the test-only extra banks' (EXTRA_ITEM_BANKS_DIR). */
function audioPath(name: string): string | null {
	const dirs = [
		AUDIO_DIR,
		...(env.EXTRA_ITEM_BANKS_DIR ? [join(env.EXTRA_ITEM_BANKS_DIR, 'audio')] : [])
	];
	return dirs.map((dir) => join(dir, basename(name))).find((path) => existsSync(path)) ?? null;
}

/**
 * The recording of the candidate's current item, and of no other item: asking for another item
 * (`?item=`) is refused rather than answered with the current recording.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = await requireOwnCandidacy(event);
	const row = await openAttempt(db, ctx.candidate.id);
	const asked = event.url.searchParams.get('item');
	if (!row || (asked !== null && asked !== row.pendingItemId)) error(404, m.error_not_found());
	const name = await currentItemAudio(db, row);
	const path = name && audioPath(name);
	if (!path) error(404, m.error_not_found());
	const body = await readFile(path);
	return new Response(body, {
		headers: { 'content-type': 'audio/ogg', 'cache-control': 'private, no-store' }
	});
};
