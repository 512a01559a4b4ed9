import { json, type Cookies, type HttpError, type Redirect } from '@sveltejs/kit';
import errorTemplate from '../../../error.html?raw';

/**
 * SvelteKit's own answer to a redirect or an HTTP error thrown by a handle before `resolve` (the role
 * gate's login redirect, the request guard's 400 and 413, the database-away 503), made here as
 * SvelteKit makes it (`respond.js`: `redirect_response`, `redirect_json_response`,
 * `action_json_redirect`; `handle_fatal_error`: JSON or the static `error.html`), so that the
 * outermost handle can add its headers — SvelteKit's answer to those passes through no handle.
 */
export function thrownResponse(
	event: { request: Request; isDataRequest: boolean },
	thrown: Redirect | HttpError,
	setCookies: Iterable<string>
): Response {
	if ('location' in thrown) {
		const response =
			event.isDataRequest || isActionJsonRequest(event.request)
				? json(
						event.isDataRequest
							? { type: 'redirect', location: thrown.location }
							: { type: 'redirect', status: thrown.status, location: thrown.location },
						{ headers: { 'cache-control': 'no-store' } }
					)
				: new Response(undefined, {
						status: thrown.status,
						headers: { location: thrown.location }
					});
		// As SvelteKit does for a redirect: the cookies set before it (a stale session cookie removed).
		for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
		return response;
	}
	const accept = event.request.headers.get('accept') || 'text/html';
	if (
		event.isDataRequest ||
		prefers(accept, ['application/json', 'text/html']) === 'application/json'
	)
		return json(thrown.body, { status: thrown.status });
	const page = errorTemplate
		.replaceAll('%sveltekit.status%', String(thrown.status))
		.replaceAll('%sveltekit.error.message%', escapeHtml(thrown.body.message));
	return new Response(page, {
		status: thrown.status,
		headers: { 'content-type': 'text/html; charset=utf-8' }
	});
}

/**
 * Keeps the `set-cookie` line of each cookie a handle sets or deletes (the last one per name wins, as
 * in SvelteKit), for `thrownResponse`: `Cookies` has no way to list them.
 */
export function recordCookies(cookies: Cookies): Map<string, string> {
	const lines = new Map<string, string>();
	const set = cookies.set.bind(cookies);
	const remove = cookies.delete.bind(cookies);
	cookies.set = (name, value, options) => {
		set(name, value, options);
		lines.set(name, cookies.serialize(name, value, options));
	};
	cookies.delete = (name, options) => {
		remove(name, options);
		lines.set(name, cookies.serialize(name, '', { ...options, maxAge: 0 }));
	};
	return lines;
}

function isActionJsonRequest(request: Request): boolean {
	return (
		request.method === 'POST' &&
		prefers(request.headers.get('accept') ?? '*/*', ['application/json', 'text/html']) ===
			'application/json'
	);
}

/** SvelteKit's content negotiation (`utils/http.js` `negotiate`): the type the client ranks first. */
export function prefers(accept: string, types: string[]): string | undefined {
	const parts: { type: string; subtype: string; q: number; i: number }[] = [];
	accept.split(',').forEach((part, i) => {
		const match = /^[ \t]*([^/ \t]+)\/([^; \t]+)[ \t]*(?:;[ \t]*q=([0-9.]+))?/.exec(part);
		if (match) parts.push({ type: match[1], subtype: match[2], q: Number(match[3] ?? '1'), i });
	});
	parts.sort(
		(a, b) =>
			b.q - a.q ||
			Number(a.subtype === '*') - Number(b.subtype === '*') ||
			Number(a.type === '*') - Number(b.type === '*') ||
			a.i - b.i
	);
	let chosen: string | undefined;
	let best = Infinity;
	for (const mime of types) {
		const [type, subtype] = mime.split('/');
		const at = parts.findIndex(
			(p) => (p.type === type || p.type === '*') && (p.subtype === subtype || p.subtype === '*')
		);
		if (at !== -1 && at < best) [chosen, best] = [mime, at];
	}
	return chosen;
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}
