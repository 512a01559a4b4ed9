import { defineConfig } from 'vitest/config';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';

// $env/dynamic/private is a snapshot of process.env taken when this config loads (test.env is too late).
if (process.env.VITEST) process.env.PGLITE_DIR ??= 'memory://';

export const paraglideStrategy = ['cookie', 'preferredLanguage', 'baseLocale'] as const;

export default defineConfig(({ command }) => ({
	plugins: [
		sveltekit(),
		// Dev server only: build, vitest and svelte-check use the output of `npm run i18n`, because the
		// plugin's in-process compile keeps the process alive ~25 s after it is done (stack notes, gotcha 2).
		...(command === 'serve' && !process.env.VITEST
			? [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: [...paraglideStrategy],
						outputStructure: 'message-modules'
					})
				]
			: []),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			injectRegister: false,
			manifest: {
				name: 'Mittaphap — Tiếng Việt · ພາສາລາວ',
				short_name: 'Mittaphap',
				description: 'Vietnamese–Lao language training and placement',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f4e79',
				background_color: '#ffffff',
				icons: [
					{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }
				]
			},
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}']
			},
			devOptions: { enabled: false }
		})
	],
	test: {
		expect: { requireAssertions: true },
		environment: 'node',
		include: [
			'src/**/*.{test,spec}.{js,ts}',
			'tests/integration/**/*.{test,spec}.ts',
			'tests/content/**/*.{test,spec}.ts'
		],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
}));
