import { createHash } from 'node:crypto';

/** A strong ETag for a body: the same text always gets the same tag, on every server. */
export function etagOf(body: string): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Whether an If-None-Match header names the ETag: one of a list, `*`, or its weak form (`W/"…"`, as
 * `compressed()` sends it for a gzipped body and the browser then sends back).
 */
export function noneMatchHits(header: string | null, etag: string): boolean {
	if (!header) return false;
	const bare = etag.replace(/^W\//, '');
	return header
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === bare || tag === '*');
}
