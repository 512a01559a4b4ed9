/**
 * The web app manifest (installing Mittaphap to a phone's home screen), one per interface language so
 * `lang` and the description match what the learner reads. Icons: the SVG, the plain PNGs and maskable
 * PNGs (scripts/make-icons.ts) whose drawing stays inside the safe zone Android's masks keep.
 */
export type WebManifestText = { locale: 'vi' | 'lo' | 'en'; description: string };

export const THEME_COLOR = '#1f4e79';

export function webManifest({ locale, description }: WebManifestText) {
	return {
		id: '/',
		name: 'Mittaphap — Tiếng Việt · ພາສາລາວ',
		short_name: 'Mittaphap',
		description,
		lang: locale,
		dir: 'ltr',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		orientation: 'portrait',
		theme_color: THEME_COLOR,
		background_color: '#ffffff',
		icons: [
			{ src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{ src: '/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
			{ src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
			{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }
		]
	};
}
