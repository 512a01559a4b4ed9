import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { env } from '$env/dynamic/private';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { requireOwnCandidacy } from '$lib/server/screening/candidate-guard';
import { openAttempt } from '$lib/server/screening/context';
import { playCurrentRecording } from '$lib/server/screening/delivery';
import { AUDIO_DIR } from '$lib/server/placement/banks';
import { itemAudioMediaId } from '$lib/server/placement/items';
import { mediaForServing } from '$lib/server/media/service';

/**
 * A recording's bytes from where recordings live: the committed banks', then the test-only extra
 * banks' (EXTRA_ITEM_BANKS_DIR). Read directly (no existence check first: one file system call per
 * request); null when no directory has it.
 */
async function readRecording(name: string): Promise<Buffer | null> {
	const dirs = [
		AUDIO_DIR,
		...(env.EXTRA_ITEM_BANKS_DIR ? [join(env.EXTRA_ITEM_BANKS_DIR, 'audio')] : [])
	];
	for (const dir of dirs) {
		try {
			return await readFile(join(dir, basename(name)));
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
		}
	}
	return null;
}

/**
 * The recording of the candidate's current item (`?item=` its public id), and of no other item, at
 * most PLAYS_PER_RECORDING times per attempt: the server counts each recording it sends, so a fresh
 * browser or a copied request does not get more plays. `x-plays-left` tells the page what is left.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = await requireOwnCandidacy(event);
	const row = await openAttempt(db, ctx.candidate.id);
	if (!row) error(404, m.error_not_found());
	const play = await playCurrentRecording(db, row, event.url.searchParams.get('item') ?? '');
	if (!play.ok && play.reason === 'no_plays_left') error(403, m.test_no_plays_left());
	if (!play.ok) error(404, m.error_not_found());
	// An item written in the browser: its recording is in the media store.
	const mediaId = itemAudioMediaId(play.audio);
	if (mediaId) {
		const stored = await mediaForServing(db, mediaId);
		if (!stored) error(404, m.error_not_found());
		return new Response(new Uint8Array(stored.bytes), {
			headers: {
				'content-type': stored.mimeType,
				'cache-control': 'private, no-store',
				'x-plays-left': String(play.playsLeft)
			}
		});
	}
	const body = await readRecording(play.audio);
	if (!body) error(404, m.error_not_found());
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'audio/ogg',
			'cache-control': 'private, no-store',
			'x-plays-left': String(play.playsLeft)
		}
	});
};
