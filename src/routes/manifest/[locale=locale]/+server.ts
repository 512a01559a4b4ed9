import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { webManifest } from '$lib/offline/web-manifest';

/** The web app manifest in the language the address names; public (the browser fetches it without cookies). */
export const GET: RequestHandler = ({ params }) => {
	const locale = params.locale as 'vi' | 'lo' | 'en';
	const manifest = webManifest({
		locale,
		description: m.offline_manifest_description({}, { locale })
	});
	return new Response(JSON.stringify(manifest), {
		headers: {
			'content-type': 'application/manifest+json; charset=utf-8',
			'cache-control': 'public, max-age=86400'
		}
	});
};
