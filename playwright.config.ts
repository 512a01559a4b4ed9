import { defineConfig, devices } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

// scripts/find-browser.js (run by `npm run test:e2e`) writes the browser it found here.
const FOUND = 'node_modules/.cache/chromium-path';
const executablePath =
	process.env.CHROMIUM_PATH ??
	(existsSync(FOUND) ? readFileSync(FOUND, 'utf8').trim() : '/usr/bin/chromium');

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? 'list' : 'line',
	timeout: 60_000,
	webServer: {
		command: 'rm -rf ./data/e2e && node build',
		port: PORT,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { PORT: String(PORT), ORIGIN: `http://localhost:${PORT}`, PGLITE_DIR: './data/e2e' }
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
				// The lesson e2e records speech: a fake microphone (a tone) that needs no permission prompt.
				'--use-fake-ui-for-media-stream',
				'--use-fake-device-for-media-stream'
			]
		}
	},
	projects: [
		{ name: 'phone', use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } } }
	]
});
