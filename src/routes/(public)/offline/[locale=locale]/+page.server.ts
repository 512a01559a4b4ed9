import type { PageServerLoad } from './$types';
import type { OfflineLocale } from '$lib/offline/cache-rules';

/**
 * The page the service worker shows for any page not kept on the phone: stored once per interface
 * language when the worker installs (fetched without cookies, so it holds nobody's data), and filled in
 * by the worker with what is downloaded. Static: no client script, so it needs nothing but itself.
 */
export const csr = false;

export const load: PageServerLoad = ({ params }) => ({ locale: params.locale as OfflineLocale });
