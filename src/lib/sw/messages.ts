/// <reference lib="webworker" />
/**
 * What pages ask the worker: take over now (the learner pressed "reload" on the update prompt), and
 * forget the visited pages (logging out or switching language on a shared phone).
 */
import { CACHES } from '$lib/offline/cache-rules';

declare const self: ServiceWorkerGlobalScope;

export const SKIP_WAITING = 'skip-waiting';
export const CLEAR_PAGES = 'clear-pages';

export function handleMessage(event: ExtendableMessageEvent): void {
	if (event.data === SKIP_WAITING) event.waitUntil(self.skipWaiting());
	if (event.data === CLEAR_PAGES) event.waitUntil(caches.delete(CACHES.pages));
}
