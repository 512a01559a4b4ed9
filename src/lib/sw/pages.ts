/// <reference lib="webworker" />
/**
 * Pages and SvelteKit's `__data.json` for them, handled alike so a lesson opens offline the same way
 * from a link (client-side navigation: the data), the address bar or a reload (the page): the network
 * when it answers within 3 s (weak rural 3G), else the downloaded or last visited copy, else our offline
 * page. Pages that must never be kept (cache-rules.ts) go to the network only.
 */
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import {
	DOWNLOAD_HEADER,
	OFFLINE_FALLBACK_PATH,
	cacheKeyOf,
	isCacheablePage,
	isDataRequest,
	pagePathOf
} from '$lib/offline/cache-rules';
import { routes } from '$lib/routes';
import { offlinePage } from './offline-page';
import { keepPage, keepable, storedCopy } from './stores';

/** How long a slow network may take before the stored copy is shown (the network still refreshes it). */
const NETWORK_TIMEOUT_MS = 3000;

/** Workbox route match: navigations and data requests for same-origin pages. */
export function isPageRequest({ request, url }: { request: Request; url: URL }): boolean {
	if (request.method !== 'GET' || url.origin !== self.location.origin) return false;
	if (request.headers.has(DOWNLOAD_HEADER)) return false;
	return request.mode === 'navigate' || isDataRequest(url.pathname);
}

/**
 * What SvelteKit's client gets when a page's data is not on the phone (the root layout already sends
 * offline link clicks to a full load; this covers Back and a connection that only looks alive): a
 * redirect to an address that is no route, which the client loads in full, and the worker answers with
 * our offline page.
 */
function dataNotStored(url: URL): Response {
	const from = pagePathOf(url.pathname);
	const location = `${OFFLINE_FALLBACK_PATH}?from=${encodeURIComponent(from)}`;
	return new Response(JSON.stringify({ type: 'redirect', location }), {
		headers: { 'content-type': 'application/json' }
	});
}

/** The answer when neither the network nor a stored copy has the page or its data. */
const notStored = async (url: URL) =>
	isDataRequest(url.pathname) ? dataNotStored(url) : offlinePage(url.pathname + url.search);

const timeout = () =>
	new Promise<undefined>((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, undefined));

export async function handlePage({
	request,
	url,
	event
}: RouteHandlerCallbackOptions): Promise<Response> {
	if (url.pathname === OFFLINE_FALLBACK_PATH)
		return offlinePage(url.searchParams.get('from') ?? routes.learn.home());
	if (!isCacheablePage(url.pathname)) {
		try {
			return await fetch(request);
		} catch {
			return notStored(url);
		}
	}
	const key = cacheKeyOf(url);
	const network = fetch(request).then((response) => {
		if (keepable(response)) (event as ExtendableEvent).waitUntil(keepPage(key, response.clone()));
		return response;
	});
	// Never an unhandled rejection when the stored copy wins the race.
	const settled = network.catch(() => undefined);
	const first = await Promise.race([settled, timeout()]);
	if (first) return first;
	const stored = await storedCopy(key);
	if (stored) return stored;
	return (await settled) ?? notStored(url);
}
