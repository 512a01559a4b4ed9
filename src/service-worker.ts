/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { ROLES, ROLE_AREAS } from '$lib/roles';
import { API_ROOT, routes } from '$lib/routes';

declare let self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: (string | { url: string; revision: string | null })[] | undefined;
};

const PAGES_CACHE = 'pages-v1';

/** Matches every path that starts with `prefix`. */
const startingWith = (prefix: string) =>
	new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/**
 * Pages never kept offline: placement tests must always hit the server (answers, timing, keys),
 * and authentication pages must never show a stale form or session. Each entry is a path prefix.
 */
const NEVER_CACHED = [
	routes.logout(),
	routes.language(),
	routes.learn.screening.list(),
	// Areas whose pages must always be current (roles.ts says which).
	...ROLES.filter((role) => !ROLE_AREAS[role].keptOffline).map((role) => ROLE_AREAS[role].prefix),
	// Candidates' answers and recordings under rating: always fresh, never kept on the device.
	routes.author.ratings(),
	// Public verification must show a certificate's validity today, never a stale copy.
	routes.verify.form(),
	`${API_ROOT}/`
].map(startingWith);

void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();

// The app shell: JS, CSS, fonts and icons listed by Workbox at build time.
precacheAndRoute(self.__WB_MANIFEST ?? []);

// Server-rendered pages are not in the precache, so this route is what lets a visited page open offline:
// the network when it answers within 3 s (weak rural 3G), the last copy otherwise.
registerRoute(
	new NavigationRoute(new NetworkFirst({ cacheName: PAGES_CACHE, networkTimeoutSeconds: 3 }), {
		denylist: NEVER_CACHED
	})
);

self.addEventListener('install', (event) => {
	event.waitUntil(caches.open(PAGES_CACHE).then((cache) => cache.add(routes.home())));
});

// Logging out must not leave one person's pages for the next user of a shared phone.
self.addEventListener('message', (event) => {
	if (event.data === 'clear-pages') event.waitUntil(caches.delete(PAGES_CACHE));
});
