import { m } from '$lib/paraglide/messages';
import type { Actor } from '$lib/server/auth/actor';
import type { DB } from '$lib/server/db/client';
import { keepItemRecording } from '$lib/server/placement/items';
import type { ItemDraft } from '$lib/placement/item-workflow';

/**
 * A recording posted with the editor's form is stored first, even when the rest of the form is
 * refused, so it is not lost: the draft then refers to it (`media:<id>`). Returns the draft and the
 * recording's problem, translated, if it was refused.
 */
export async function withPostedRecording(
	db: DB,
	actor: Actor,
	file: File | null,
	draft: ItemDraft,
	organizationId: string
): Promise<{ draft: ItemDraft; problem: string | null }> {
	if (!file || draft.skill !== 'listening') return { draft, problem: null };
	const kept = await keepItemRecording(db, actor, {
		organizationId,
		bytes: new Uint8Array(await file.arrayBuffer()),
		label: file.name
	});
	if (kept.ok) return { draft: { ...draft, audio: kept.audio }, problem: null };
	const problem =
		kept.problem === 'too_large'
			? m.media_error_too_large()
			: kept.problem === 'wrong_type'
				? m.media_error_wrong_type()
				: m.media_error_empty();
	return { draft, problem };
}
