/**
 * Draws the app's maskable PNG icons from static/icon.svg in Chromium (the browser the tests already
 * use), so no image library is needed: `npx tsx scripts/make-icons.ts`. The rings inside the central 80 % circle Android's masks keep (the "safe
 * zone" of the W3C manifest spec, §purpose maskable), on a full-bleed background. The PNGs are committed.
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

const svg = readFileSync('static/icon.svg', 'utf8');
const executablePath =
	process.env.CHROMIUM_PATH ??
	(existsSync('node_modules/.cache/chromium-path')
		? readFileSync('node_modules/.cache/chromium-path', 'utf8').trim()
		: '/usr/bin/chromium');

/** Maskable: the SVG's background colour to every edge, the drawing scaled into the safe zone. */
const maskable = (size: number) => `
	<body style="margin:0;background:#1f4e79;width:${size}px;height:${size}px;display:grid;place-items:center">
		<div style="width:${size * 0.72}px;height:${size * 0.72}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>
	</body>`;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
for (const size of [192, 512]) {
	const name = `static/icon-maskable-${size}.png`;
	const page = await browser.newPage({ viewport: { width: size, height: size } });
	await page.setContent(maskable(size));
	await page.screenshot({ path: name });
	await page.close();
	console.log(`wrote ${name}`);
}
await browser.close();
