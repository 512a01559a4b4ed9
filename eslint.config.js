import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Pure engines import nothing from the framework, the server or the database (style guide §5). */
const PURE_ENGINE_RESTRICTIONS = {
	patterns: [
		{
			group: ['svelte', 'svelte/*', '$app/*', '$env/*', '@sveltejs/*'],
			message: 'Pure engines stay framework-free.'
		},
		{
			group: ['$lib/server/*', 'drizzle-orm', 'drizzle-orm/*'],
			message: 'Pure engines do not touch the database.'
		}
	]
};

export default ts.config(
	{
		ignores: [
			'tmp/',
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks this better, with types (typescript-eslint's advice)
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// The app is served at the site root (no `paths.base`), so plain hrefs are already resolved.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		ignores: ['*.config.ts', 'scripts/**', 'src/service-worker.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	{
		files: ['src/lib/placement/**', 'src/lib/language/**', 'src/lib/srs/**'],
		rules: { 'no-restricted-imports': ['error', PURE_ENGINE_RESTRICTIONS] }
	},
	{
		// The registries are loaded by drizzle-kit (schema) and the service worker too: types only from
		// SvelteKit (the generated route list), and no messages (roles-labels.ts has them).
		files: ['src/lib/roles.ts', 'src/lib/routes.ts', 'src/params/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						...PURE_ENGINE_RESTRICTIONS.patterns.map((p) => ({ ...p, allowTypeImports: true })),
						{ group: ['$lib/paraglide/*'], message: 'Labels live in roles-labels.ts.' }
					]
				}
			]
		}
	}
);
