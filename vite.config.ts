import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';

// $env/dynamic/private is a snapshot of process.env taken when this config loads (test.env is too late).
if (process.env.VITEST) process.env.PGLITE_DIR ??= 'memory://';

/**
 * Paraglide's one-module-per-message output and the shared components made ~60 chunks of under 1 kB per
 * page; each is a request a slow connection pays a round trip for. Small chunks of the browser's build
 * are merged where that runs no other code. Not the server's build: its route modules are entry points
 * SvelteKit reads the exports of (SvelteKit's plugin, before this one, marks that build `ssr`).
 */
function mergeSmallChunks(): Plugin {
	return {
		name: 'mittaphap:merge-small-chunks',
		apply: 'build',
		config: (config) =>
			config.build?.ssr
				? undefined
				: { build: { rollupOptions: { output: { experimentalMinChunkSize: 5_000 } } } }
	};
}

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
		mergeSmallChunks(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			injectRegister: false,
			// Served per interface language by src/routes/manifest/[locale] ($lib/offline/web-manifest.ts).
			manifest: false,
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
