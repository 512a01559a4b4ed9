/// <reference lib="webworker" />
/**
 * The service worker's reads and writes of Cache Storage for pages, their data and media: one place
 * that knows a downloaded copy wins over a visited one, and that a fresher page refreshes both.
 */
import { CACHES } from '$lib/offline/cache-rules';

/** The stored copy of `key`: the downloaded one first (the learner chose it), else the visited one. */
export async function storedCopy(key: string): Promise<Response | undefined> {
	for (const name of [CACHES.downloads, CACHES.pages, CACHES.media]) {
		const found = await (await caches.open(name)).match(key);
		if (found) return found;
	}
	return undefined;
}

/**
 * Keeps a page or its data as it was just served: in the visited pages, and in the downloads too when
 * the learner downloaded it (a newer copy seen online replaces the downloaded one).
 */
export async function keepPage(key: string, response: Response): Promise<void> {
	const pages = await caches.open(CACHES.pages);
	const downloads = await caches.open(CACHES.downloads);
	const downloaded = Boolean(await downloads.match(key));
	if (downloaded) await downloads.put(key, response.clone());
	await pages.put(key, response);
}

/** Whether a response may be kept: a whole, successful, same-origin answer that is not a redirect. */
export const keepable = (response: Response) =>
	response.ok && response.status === 200 && !response.redirected && response.type === 'basic';
