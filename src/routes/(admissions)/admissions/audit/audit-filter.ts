import * as v from 'valibot';
import { AUDIT_ACTIONS, type AuditAction } from '$lib/audit/actions';
import { ICT_OFFSET_MS } from '$lib/i18n/dates';
import { optionalDay } from '$lib/validation';

/**
 * The audit log's filter, read from the address (a GET form: a filtered log can be linked, and its
 * CSV export takes the same query). Each value is checked on its own: one that does not fit is
 * dropped, the others still apply, and the page says that something was ignored (never a 500).
 */

/** The filter's fields as the form sends them; '' means "any". */
export type AuditQuery = { action: string; actor: string; from: string; to: string };

export const AUDIT_FILTER_FIELDS = ['action', 'actor', 'from', 'to'] as const;

const schemas = {
	action: v.optional(v.union([v.literal(''), v.picklist(AUDIT_ACTIONS)]), ''),
	// A person's id; whether it is someone in the reader's log is checked against `people` below.
	actor: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100)), ''),
	from: optionalDay(),
	to: optionalDay()
};

/** What the SQL query narrows to (see `AuditFilter` in `$lib/server/audit/log`). */
export type AuditFilterValues = {
	action?: AuditAction;
	actorId?: string;
	from?: Date;
	before?: Date;
};

/** Midnight at the start of a `YYYY-MM-DD` day in Indochina (UTC+7), where the schools are. */
const ictMidnight = (day: string, plusDays = 0) =>
	new Date(Date.parse(`${day}T00:00:00Z`) - ICT_OFFSET_MS + plusDays * 86_400_000);

export function readAuditFilter(
	params: URLSearchParams,
	people: readonly { id: string }[]
): { query: AuditQuery; filter: AuditFilterValues; ignored: boolean } {
	const query: AuditQuery = { action: '', actor: '', from: '', to: '' };
	let ignored = false;
	for (const name of AUDIT_FILTER_FIELDS) {
		const raw = params.get(name);
		if (raw === null) continue;
		const parsed = v.safeParse(schemas[name], raw);
		if (parsed.success) query[name] = parsed.output ?? '';
		else ignored = true;
	}
	if (query.actor && !people.some((p) => p.id === query.actor)) {
		query.actor = '';
		ignored = true;
	}
	// A range that ends before it starts: its end is dropped rather than showing nothing.
	if (query.from && query.to && query.to < query.from) {
		query.to = '';
		ignored = true;
	}
	return {
		query,
		filter: {
			action: (query.action || undefined) as AuditAction | undefined,
			actorId: query.actor || undefined,
			from: query.from ? ictMidnight(query.from) : undefined,
			// The whole last day: up to the next day's midnight.
			before: query.to ? ictMidnight(query.to, 1) : undefined
		},
		ignored
	};
}

/** The query string of a filter (what the CSV link carries), without the fields left empty. */
export function auditQueryString(query: AuditQuery): string {
	const params = new URLSearchParams();
	for (const name of AUDIT_FILTER_FIELDS) if (query[name]) params.set(name, query[name]);
	const text = params.toString();
	return text ? `?${text}` : '';
}
