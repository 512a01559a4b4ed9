import { m } from '$lib/paraglide/messages';
import { refusalKind, type RefusalKind } from '$lib/offline/outbox';

/**
 * Why the server refused an outbox record, in the learner's words: one place for the list of refused
 * records (RefusedRecords.svelte) and a lesson's summary, so both say the same thing.
 */
const reasonText: Record<RefusalKind, () => string> = {
	gone: m.sync_refused_reason_gone,
	'too-old': m.sync_refused_reason_too_old,
	clock: m.sync_refused_reason_clock,
	damaged: m.sync_refused_reason_damaged,
	other: m.sync_refused_reason_other
};

export const refusalText = (reason: string | undefined) => reasonText[refusalKind(reason ?? '')]();

/** The list's anchor: a link to it opens it (RefusedRecords.svelte). */
export const REFUSED_LIST_ID = 'refused-records';
