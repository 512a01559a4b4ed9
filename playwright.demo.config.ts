import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The demo as `npm start` seeds it (tests/e2e/demo): a server of its own with the whole demo, which
// the main suite's server leaves out (SEED_DEMO=accounts). Seeding it takes longer than a bare start.
const { SEED_DEMO: _accountsOnly, ...suiteEnv } =
	base.webServer && !Array.isArray(base.webServer) ? (base.webServer.env ?? {}) : {};

export default defineConfig({
	...base,
	testMatch: /tests\/e2e\/demo\/[^/]+\.e2e\.ts$/,
	testIgnore: [],
	projects: [{ name: 'demo' }],
	webServer: {
		...(base.webServer as object),
		command: 'rm -rf ./data/e2e-demo && node build',
		timeout: 600_000,
		// Without the main suite's fixtures (E2E_*, the extra bank): what a newcomer's first start seeds.
		env: {
			...Object.fromEntries(
				Object.entries(suiteEnv).filter(([k]) => !k.startsWith('E2E_') && !k.startsWith('EXTRA_'))
			),
			PGLITE_DIR: './data/e2e-demo'
		}
	} as typeof base.webServer
});
