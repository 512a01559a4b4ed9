/**
 * What the service worker may keep on the phone, and under which key: pure rules over paths, shared by
 * the worker (src/lib/sw) and the page (downloads), and unit-tested in cache-rules.spec.ts. Imports only
 * the route and role registries, which import nothing of SvelteKit at run time.
 */
import { ROLES, ROLE_AREAS } from '$lib/roles';
import { API_ROOT, routes } from '$lib/routes';

/** Cache Storage names. A new name (-v2) is a clean start; the worker deletes names it no longer uses. */
export const CACHES = {
	/** Pages and their `__data.json` as last seen online (network first). */
	pages: 'pages-v1',
	/** Versioned media (`/media/<id>`, recorded sound): a new version is a new URL, so cache first. */
	media: 'media-v1',
	/** What the learner chose to download for offline (lessons, their data, audio, pictures). */
	downloads: 'downloads-v1',
	/** Our translated offline page, one copy per interface language. */
	offline: 'offline-v1'
} as const;

/**
 * Set on the requests of a download (downloads.svelte.ts), which stores what it fetches itself: the
 * worker lets them through to the network instead of keeping a second copy.
 */
export const DOWNLOAD_HEADER = 'x-offline-download';

export const LOCALES = ['vi', 'lo', 'en'] as const;
export type OfflineLocale = (typeof LOCALES)[number];

/**
 * The address the worker sends SvelteKit's client to when a page's data is not on the phone: it is no
 * route of the app (so the client loads it in full instead of routing it), and the worker answers it
 * with our offline page, whose "try again" leads to `?from=`. Never reaches the server.
 */
export const OFFLINE_FALLBACK_PATH = '/offline/unavailable';

/** The cookie paraglide keeps the interface language in (project.inlang, strategy `cookie`). */
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

const DATA_SUFFIX = '/__data.json';

/** Matches `path` and everything under it (`/learn/screening`, `/learn/screening/x`, not `/learn/screeningx`). */
const under = (prefix: string) => (path: string) =>
	path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : prefix + '/');

/**
 * Never kept on the device, neither visited nor downloaded: the screening test (answers, timing and
 * keys stay on the server), staff areas (candidates' data, authoring drafts, ratings, administration),
 * authentication, the language switch, public verification (validity is today's), the health checks
 * (`/healthz`, `/readyz`: a stored answer would say a dead server is up) and every API.
 */
const NEVER = [
	routes.logout(),
	routes.login(),
	routes.register(),
	routes.language(),
	routes.learn.screening.list(),
	...ROLES.filter((role) => !ROLE_AREAS[role].keptOffline).map((role) => ROLE_AREAS[role].prefix),
	routes.verify.form(),
	routes.healthz(),
	routes.readyz(),
	API_ROOT
].map(under);

/**
 * The page a SvelteKit request is about: `/learn/x/__data.json` (client-side navigation) is the data of
 * `/learn/x`, and `/__data.json` that of `/`. Anything else is itself.
 */
export function pagePathOf(pathname: string): string {
	if (!pathname.endsWith(DATA_SUFFIX)) return pathname;
	return pathname.slice(0, -DATA_SUFFIX.length) || '/';
}

/** Whether the request is SvelteKit's data for a client-side navigation. */
export const isDataRequest = (pathname: string) => pathname.endsWith(DATA_SUFFIX);

/** The `__data.json` address of a page, as SvelteKit's client asks for it (without its query). */
export const dataPathOf = (pagePath: string) =>
	pagePath === '/' ? DATA_SUFFIX : pagePath.replace(/\/$/, '') + DATA_SUFFIX;

/** Whether a page (or its data) may be kept for offline use. */
export function isCacheablePage(pathname: string): boolean {
	const page = pagePathOf(pathname);
	return !NEVER.some((rule) => rule(page));
}

/**
 * Media whose URL changes with its content: `/media/<id>` (a new recording or picture is a new id) and
 * the app's own sounds under `/audio/`. Served cache first.
 */
export function isVersionedMedia(pathname: string): boolean {
	return /^\/media\/[0-9a-f-]{36}$/i.test(pathname) || pathname.startsWith('/audio/');
}

/**
 * The key a page or its data is stored under: the path without the query, because SvelteKit adds
 * `x-sveltekit-invalidated` and `x-sveltekit-trailing-slash` to data requests, and a lesson opened from a
 * link, the address bar or "next lesson" is the same page.
 */
export function cacheKeyOf(url: URL): string {
	return url.origin + url.pathname;
}

/** The interface language named in a Cookie header (or `document.cookie`), if it is one we have. */
export function localeFromCookie(cookie: string | null | undefined): OfflineLocale | null {
	const value = /(?:^|;\s*)PARAGLIDE_LOCALE=([^;]*)/.exec(cookie ?? '')?.[1];
	return (LOCALES as readonly string[]).includes(value ?? '') ? (value as OfflineLocale) : null;
}
