/**
 * Client-side navigation while offline: SvelteKit's client would fetch the page's `__data.json`; when
 * the phone has it (downloaded or visited), the navigation goes ahead and the worker answers it; when
 * not, the page is loaded in full so the worker shows our offline page under the page's own address.
 */
import { cacheKeyOf, dataPathOf } from './cache-rules';

/** Whether the data of the page at `url` is stored on the phone (any of our caches). */
export async function hasStoredData(url: URL): Promise<boolean> {
	if (typeof caches === 'undefined') return false;
	const data = new URL(dataPathOf(url.pathname), url);
	return Boolean(await caches.match(cacheKeyOf(data)));
}
