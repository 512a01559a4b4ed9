// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own;
// installs Debian's chromium when none is there (scripts/lib/debian-tool.js). playwright.config.ts reads
// the path found.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findOrInstall } from './lib/debian-tool.js';

function findBrowser() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	try {
		const { chromium } = createRequire(import.meta.url)('playwright-core');
		candidates.push(chromium.executablePath());
	} catch {
		// playwright-core knows no browser of its own here
	}
	return candidates.find((path) => path && existsSync(path)) ?? null;
}

const browser = findOrInstall({
	what: 'Chromium for the end-to-end tests',
	find: findBrowser,
	packages: ['chromium', 'fonts-noto-core'],
	otherwise: 'set CHROMIUM_PATH to a Chromium or Chrome executable',
	cacheName: 'chromium-path'
});
console.log(`End-to-end tests use ${browser}`);
