/// <reference lib="webworker" />
/**
 * Our offline page, shown for any page the phone does not have: stored per interface language at
 * install, shown in the learner's language (paraglide's cookie, read through the Cookie Store API where
 * the browser has it, else the phone's languages), and filled in with the downloaded units and lessons
 * so the learner can go straight to what works.
 */
import { glossText } from '$lib/course/gloss';
import { CACHES, LOCALES, LOCALE_COOKIE, type OfflineLocale } from '$lib/offline/cache-rules';
import { allDownloads } from '$lib/offline/downloads-db';
import { routes } from '$lib/routes';

declare const self: ServiceWorkerGlobalScope & {
	cookieStore?: { get(name: string): Promise<{ value: string } | null> };
};

/**
 * Fetches the offline page in every language without cookies (it must hold nobody's session), asking
 * for the language by Accept-Language, which the server's paraglide strategy reads; and the home page.
 */
export async function storeOfflinePages(): Promise<void> {
	const cache = await caches.open(CACHES.offline);
	await Promise.all(
		LOCALES.map(async (locale) => {
			const url = routes.offline(locale);
			const response = await fetch(url, {
				credentials: 'omit',
				headers: { 'accept-language': locale }
			});
			if (!response.ok) throw new Error(`offline page ${locale}: ${response.status}`);
			await cache.put(url, response);
		})
	);
	// The home page as this person sees it, so the app opens offline even before any other visit.
	const home = await fetch(routes.home());
	if (home.ok && !home.redirected) await (await caches.open(CACHES.pages)).put(routes.home(), home);
}

const isLocale = (value: string | undefined): value is OfflineLocale =>
	(LOCALES as readonly string[]).includes(value ?? '');

/** The interface language the learner uses: the cookie, else the phone's first language we have. */
export async function learnerLocale(): Promise<OfflineLocale> {
	try {
		const cookie = await self.cookieStore?.get(LOCALE_COOKIE);
		if (isLocale(cookie?.value)) return cookie.value;
	} catch {
		// No Cookie Store here: fall through to the phone's languages.
	}
	for (const language of self.navigator.languages ?? []) {
		const base = language.slice(0, 2).toLowerCase();
		if (isLocale(base)) return base;
	}
	return 'vi';
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** The list items of every downloaded unit: the course map, then its lessons. */
async function downloadedItems(locale: OfflineLocale): Promise<string> {
	const units = await allDownloads().catch(() => []);
	return units
		.map((unit) => {
			const title = (g: Parameters<typeof glossText>[0]) =>
				escapeHtml(glossText(g, locale, unit.courseLanguage));
			const lessons = unit.lessonList
				.map((l) => `<li><a href="${escapeHtml(l.url)}">${title(l.title)}</a></li>`)
				.join('');
			return (
				`<li class="unit" data-offline-unit="${escapeHtml(unit.unitId)}">` +
				`<a href="${escapeHtml(unit.courseUrl)}">${title(unit.courseTitle)}</a> · ${title(unit.unitTitle)}` +
				`<ul>${lessons}</ul></li>`
			);
		})
		.join('');
}

/**
 * The offline page for a request that has no stored copy: status 503 (nothing was served), in the
 * learner's language, listing the downloads, its "try again" pointing at `from`.
 */
export async function offlinePage(from: string): Promise<Response> {
	const locale = await learnerLocale();
	const stored = await (await caches.open(CACHES.offline)).match(routes.offline(locale));
	if (!stored) return Response.error();
	const items = await downloadedItems(locale);
	const safeFrom = from.startsWith('/') && !from.startsWith('//') ? from : routes.learn.home();
	let html = (await stored.text())
		.replace('<!--offline-downloads-->', items)
		.replace(
			/href="[^"]*" data-offline-retry/,
			`href="${escapeHtml(safeFrom)}" data-offline-retry`
		);
	if (items)
		html = html.replace(/<p([^>]*) data-offline-none(="")?/, '<p$1 hidden data-offline-none');
	const headers = new Headers(stored.headers);
	headers.delete('content-length');
	return new Response(html, { status: 503, headers });
}
