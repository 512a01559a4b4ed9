import { resolve } from 'node:path';

/**
 * The import-circle check of `npm run check`: no module under src/ may reach itself again through
 * its imports, and no folder either (a domain importing one that imports it back, as rating and
 * screening once did). Type-only imports count too (a circle of types is a circle of knowledge),
 * and `.svelte` files are read with the Svelte compiler.
 * @type {import('dependency-cruiser').IConfiguration}
 */
export default {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment:
				'An import circle: the modules on it cannot be understood, tested or moved one at a time.',
			from: {},
			to: { circular: true }
		},
		{
			name: 'no-circular-folders',
			severity: 'error',
			comment:
				'Folders importing each other: one should call the other back through a registered hook.',
			scope: 'folder',
			from: {},
			to: { circular: true }
		}
	],
	options: {
		// Generated code is read where it is imported, never followed into.
		doNotFollow: { path: ['node_modules', '^\\.svelte-kit/', '^src/lib/paraglide/'] },
		tsPreCompilationDeps: true,
		// `$lib`, as webpack's resolve.alias: SvelteKit's generated tsconfig declares it without a
		// baseUrl, which the tsconfig-paths resolver of dependency-cruiser places one folder too high.
		webpackConfig: { fileName: resolve(import.meta.dirname, 'svelte-kit.aliases.js') },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['svelte', 'import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte', '.json']
		}
	}
};
