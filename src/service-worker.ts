/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker, wiring only: what may be kept is decided in `$lib/offline/cache-rules.ts`, how
 * pages, data and media are answered in `$lib/sw/`. A new version waits until the learner presses
 * "reload" (UpdatePrompt.svelte) instead of changing the app under their hands.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CACHES } from '$lib/offline/cache-rules';
import { handleMedia, isMediaRequest } from '$lib/sw/media';
import { storeOfflinePages } from '$lib/sw/offline-page';
import { handlePage, isPageRequest } from '$lib/sw/pages';
import { handleMessage } from '$lib/sw/messages';
import { OUTBOX_SYNC_TAG, syncFromWorker } from '$lib/offline/background-sync';

declare let self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: (string | { url: string; revision: string | null })[] | undefined;
};

// The first worker takes the open pages at once (nothing to replace); a later one waits (messages.ts).
clientsClaim();
cleanupOutdatedCaches();

// The app shell: JS, CSS, fonts and icons listed by Workbox at build time.
precacheAndRoute(self.__WB_MANIFEST ?? []);
registerRoute(isMediaRequest, handleMedia);
registerRoute(isPageRequest, handlePage);

self.addEventListener('install', (event) => {
	event.waitUntil(storeOfflinePages());
});

self.addEventListener('activate', (event) => {
	// Our caches of names no longer used (a renamed -v2) go; Workbox cleans its own precache, and any
	// other cache (another module's) is not ours to touch.
	const current = new Set<string>(Object.values(CACHES));
	const ours = /^(pages|media|downloads|offline)-v\d+$/;
	event.waitUntil(
		caches
			.keys()
			.then((names) =>
				Promise.all(
					names
						.filter((name) => ours.test(name) && !current.has(name))
						.map((name) => caches.delete(name))
				)
			)
	);
});

self.addEventListener('message', (event) => handleMessage(event));

/** Background Sync (Chromium): not in TypeScript's worker types yet. */
type SyncEvent = ExtendableEvent & { tag: string };

// Where the browser has Background Sync, the outbox is also sent when the connection returns after
// the app was closed (the page's own triggers cover the app while it is open).
self.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(syncFromWorker());
});
