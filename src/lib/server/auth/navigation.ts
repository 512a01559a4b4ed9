import type { Cookies } from '@sveltejs/kit';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime';

/** Any base will do: only whether a target stays on it matters. `.invalid` never resolves (RFC 2606). */
const SAME_SITE = 'http://same-site.invalid';

/**
 * The one check of a redirect target that came from a request (login's `redirectTo`, the language
 * switch's `returnTo`): a path of this site, or `fallback`. An open redirect after login helps phishing.
 *
 * Browsers drop tabs and line breaks from a URL and read `\` as `/`, so `/\t/evil.example` and
 * `/\\evil.example` reach them as `//evil.example`, another site; a line break in a `Location` header
 * makes the server fail (500). So any control character or backslash refuses the target, the rest is
 * resolved as the browser would, and only the path, query and fragment of a same-site result go on,
 * percent-encoded (ASCII only, safe in a header). A path that resolves to `//…` (`/.//evil.example`)
 * would be read as another site again, so it is refused too.
 */
export function safeRedirectTarget(target: unknown, fallback: string): string {
	if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
	if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
	let url: URL;
	try {
		url = new URL(target, SAME_SITE);
	} catch {
		return fallback;
	}
	const path = url.pathname + url.search + url.hash;
	if (url.origin !== SAME_SITE || path.startsWith('//')) return fallback;
	return path;
}

/** The browser remembers the language in paraglide's cookie (read by its cookie strategy). */
export function rememberLocale(cookies: Cookies, locale: string): void {
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false, // paraglide's client runtime reads it
		sameSite: 'lax'
	});
}
