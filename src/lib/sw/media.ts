/// <reference lib="webworker" />
/**
 * Versioned media (cache-rules.ts: a new recording or picture is a new URL): served from the phone when
 * it has them, fetched and kept otherwise. Range requests (audio seeking) are answered whole; Chromium
 * plays a whole 200 response.
 */
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import { CACHES, DOWNLOAD_HEADER, cacheKeyOf, isVersionedMedia } from '$lib/offline/cache-rules';
import { keepable, storedCopy } from './stores';

export function isMediaRequest({ request, url }: { request: Request; url: URL }): boolean {
	return (
		request.method === 'GET' &&
		!request.headers.has(DOWNLOAD_HEADER) &&
		url.origin === self.location.origin &&
		isVersionedMedia(url.pathname)
	);
}

export async function handleMedia({ url, event }: RouteHandlerCallbackOptions): Promise<Response> {
	const key = cacheKeyOf(url);
	const stored = await storedCopy(key);
	if (stored) return stored;
	const response = await fetch(key, { credentials: 'same-origin' });
	if (keepable(response)) {
		const copy = response.clone();
		(event as ExtendableEvent).waitUntil(
			caches.open(CACHES.media).then((cache) => cache.put(key, copy))
		);
	}
	return response;
}
