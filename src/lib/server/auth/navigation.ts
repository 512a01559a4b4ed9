import type { Cookies } from '@sveltejs/kit';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime';

/** Only same-site paths: an open redirect after login would help phishing. */
export function safeRedirectTarget(target: string | null): string | null {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return null;
	}
	return target;
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
