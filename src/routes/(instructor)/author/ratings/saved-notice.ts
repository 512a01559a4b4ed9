import { BELOW_LEVEL_1 } from '$lib/screening/rubric';

/**
 * The "saved" confirmation after a rating, from the page's query: the level given (0–6, 0 = below
 * level 1) and the request it was given to, offered to be taken back ("undo"). The undo form posts to
 * that request's `reopen` action, which checks everything again.
 */
export function savedNotice(url: URL): { savedLevel: number | null; undoId: string | null } {
	const raw = url.searchParams.get('saved');
	const saved = raw === null || raw === '' ? NaN : Number(raw);
	const undo = url.searchParams.get('undo');
	return {
		savedLevel: Number.isInteger(saved) && saved >= BELOW_LEVEL_1 && saved <= 6 ? saved : null,
		undoId: undo && /^[0-9a-f-]{36}$/i.test(undo) ? undo : null
	};
}
