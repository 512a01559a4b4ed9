import { defineConfig, devices } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

// scripts/find-browser.js (run by `npm run test:e2e`) writes the browser it found here.
const FOUND = 'node_modules/.cache/chromium-path';
const executablePath =
	process.env.CHROMIUM_PATH ??
	(existsSync(FOUND) ? readFileSync(FOUND, 'utf8').trim() : '/usr/bin/chromium');

/** The whole demo's test: a server of its own (playwright.demo.config.ts). A regex, not a glob: a checkout may sit in a folder named "demo". */
const DEMO = /tests\/e2e\/demo\//;

/** The authorization table, the fuzz suite and the accessibility scan (see the `probes` project). */
const PROBES = ['**/authorization/*.e2e.ts', '**/fuzz/*.e2e.ts', '**/a11y/*.e2e.ts'];

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	// The whole demo has a server of its own (playwright.demo.config.ts, `npm run test:e2e:demo`).
	testIgnore: DEMO,
	workers: 1,
	// One retry, reported as "flaky" in the output: Chromium's service worker sometimes does not answer
	// the first offline navigation after activation, and a slow first hydration can swallow a click on
	// a busy 2-core machine. A test that fails twice still fails the run.
	retries: 1,
	reporter: process.env.CI ? 'list' : 'line',
	timeout: 60_000,
	webServer: {
		command: 'rm -rf ./data/e2e && node build',
		port: PORT,
		// E2E_REUSE=1: a server already started by hand (same env) while working on one spec.
		reuseExistingServer: process.env.E2E_REUSE === '1',
		timeout: 120_000,
		env: {
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			PGLITE_DIR: './data/e2e',
			// Recordings are uploaded whole (up to 3 MB); adapter-node refuses bodies over 512 kB by default.
			BODY_SIZE_LIMIT: '4M',
			// The demo's organizations and accounts without its programs, class and study: the tests
			// count what the demo accounts see (tests/e2e/demo has a server with the whole demo).
			SEED_DEMO: 'accounts',
			// tests/e2e/instructor/rating.e2e.ts: a program with rated writing and speaking.
			E2E_RATING_FIXTURE: '1',
			// tests/e2e/instructor/recording-queue.e2e.ts: an instructor of another school.
			E2E_MEDIA_FIXTURE: '1',
			// tests/e2e/authorization, tests/e2e/fuzz: two organizations of their own.
			E2E_AUTHZ_FIXTURE: '1',
			// tests/e2e/instructor/authoring.e2e.ts: an instructor of a second organization.
			E2E_AUTHORING_FIXTURE: '1',
			// tests/e2e/instructor/item-bank.e2e.ts: a second instructor; simulated answers to calibrate.
			E2E_ITEMS_FIXTURE: '1',
			// A small deterministic bank (the correct option reads "Đáp án đúng") for the screening e2e.
			EXTRA_ITEM_BANKS_DIR: 'tests/e2e/fixtures/banks'
		}
	},
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		headless: true,
		launchOptions: {
			executablePath,
			// Without the background-networking flags Chromium keeps calling hosts this network refuses.
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				// Speaking tasks and exercises record from a fake microphone (a tone), without a permission prompt.
				'--use-fake-ui-for-media-stream',
				'--use-fake-device-for-media-stream'
			]
		}
	},
	projects: [
		{
			name: 'phone',
			use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } },
			testIgnore: [...PROBES, DEMO]
		},
		// The hostile probes run last: their wrong invitation and verification codes lock the test
		// client's address for 15 minutes (the code throttle), which would stop later registrations.
		{
			name: 'probes',
			use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } },
			testMatch: PROBES,
			dependencies: ['phone']
		}
	]
});
