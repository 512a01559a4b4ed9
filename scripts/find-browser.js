// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own.
// As root on Debian with none of them, installs Debian's chromium (saying so). Otherwise fails loudly:
// the e2e suite never skips silently. The path found is written for playwright.config.ts to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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

function installDebianChromium() {
	console.log("No Chromium found: installing Debian's chromium and fonts-noto-core with apt-get…");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', 'chromium', 'fonts-noto-core']
	]) {
		if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) {
			console.error(`apt-get ${args[0]} failed.`);
			process.exit(1);
		}
	}
}

let browser = findBrowser();
if (!browser && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
	installDebianChromium();
	browser = findBrowser();
}
if (!browser) {
	console.error(
		'No Chromium for the end-to-end tests. Install one, e.g. `sudo apt-get install -y chromium fonts-noto-core`,\n' +
			'or set CHROMIUM_PATH to a Chromium or Chrome executable.'
	);
	process.exit(1);
}
mkdirSync('node_modules/.cache', { recursive: true });
writeFileSync('node_modules/.cache/chromium-path', browser);
console.log(`End-to-end tests use ${browser}`);
