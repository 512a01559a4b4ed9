/**
 * The one request-body guard (issue 9): what no route can store, refused before any route runs.
 * PostgreSQL refuses a NUL character in text (and PGlite with it), so a NUL in a field reached the
 * database and came back as a 500; a multipart body without its boundary, or cut short, made
 * `request.formData()` throw, another 500. Here both, and `%00` in the path or the query, are a 400
 * and nothing is stored. Pure apart from reading a copy of the body: hooks.server.ts answers.
 */

/** A NUL character, or its JSON escape (a field holding JSON, like a lesson attempt, decodes it later). */
const NUL = /\0|\\u0000/i;

/** Methods whose body a route reads. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Verdict =
	| { ok: true }
	/** `reason` is for logs and tests; the person sees the translated message of the status. */
	| { ok: false; status: 400 | 413; reason: string };

const OK: Verdict = { ok: true };

/** `%00` anywhere in the path or the query (SvelteKit decodes the path; a parameter would carry NUL). */
export function checkUrl(url: URL): Verdict {
	if (/%00/i.test(url.pathname) || /%00/i.test(url.search) || url.pathname.includes('\0'))
		return { ok: false, status: 400, reason: 'NUL in the URL' };
	return OK;
}

/** Whether any string in a parsed JSON value (keys included) holds a NUL. */
function jsonHasNul(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('\0');
	if (Array.isArray(value)) return value.some(jsonHasNul);
	if (value && typeof value === 'object')
		return Object.entries(value).some(([key, inner]) => key.includes('\0') || jsonHasNul(inner));
	return false;
}

/** The status a body stream failed with: 413 when adapter-node cut it at BODY_SIZE_LIMIT. */
function failedWith(thrown: unknown, reason: string): Verdict {
	const status = (thrown as { status?: unknown } | null)?.status;
	return status === 413
		? { ok: false, status: 413, reason: 'body too large' }
		: { ok: false, status: 400, reason };
}

/**
 * Reads a copy of the body of a form post or a JSON request (the route still reads the original)
 * and refuses one that cannot be read or holds a NUL. Other bodies (recordings, audio) are bytes and
 * are the route's to check.
 */
export async function checkBody(request: Request): Promise<Verdict> {
	if (!WITH_BODY.has(request.method) || request.body === null) return OK;
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	if (
		type.startsWith('multipart/form-data') ||
		type.startsWith('application/x-www-form-urlencoded')
	) {
		let form: FormData;
		try {
			form = await request.clone().formData();
		} catch (thrown) {
			return failedWith(thrown, 'unreadable form');
		}
		for (const [name, value] of form) {
			if (NUL.test(name)) return { ok: false, status: 400, reason: 'NUL in a field name' };
			if (typeof value === 'string' ? NUL.test(value) : value.name.includes('\0'))
				return { ok: false, status: 400, reason: `NUL in field ${name}` };
		}
		return OK;
	}
	// An HTML form may be sent as text/plain (enctype), which SvelteKit passes to the action and
	// `request.formData()` cannot read; no route of the app reads a text body.
	if (type.startsWith('text/plain')) return { ok: false, status: 400, reason: 'text/plain form' };
	if (type.startsWith('application/json') || type.startsWith('text/')) {
		let text: string;
		try {
			text = await request.clone().text();
		} catch (thrown) {
			return failedWith(thrown, 'unreadable body');
		}
		if (text.includes('\0')) return { ok: false, status: 400, reason: 'NUL in the body' };
		if (!type.startsWith('application/json')) return OK;
		try {
			if (jsonHasNul(JSON.parse(text))) return { ok: false, status: 400, reason: 'NUL in JSON' };
		} catch {
			return { ok: false, status: 400, reason: 'malformed JSON' };
		}
	}
	return OK;
}
