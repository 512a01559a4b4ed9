import { expect, test } from '@playwright/test';

test('the app shell opens offline after a first visit', async ({ page, context }) => {
	await page.goto('/');
	// Wait until the worker controls the page and the shell this page needs (its CSS and JS) is in
	// Cache Storage: `ready` can resolve while the precache is still filling.
	await page.waitForFunction(
		async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			if (registration?.active?.state !== 'activated' || !navigator.serviceWorker.controller)
				return false;
			const assets = [
				...document.querySelectorAll<HTMLLinkElement>(
					'link[rel=stylesheet], link[rel=modulepreload]'
				)
			].map((l) => l.href);
			const cached = await Promise.all(
				assets.map((url) => caches.match(url, { ignoreSearch: true }))
			);
			return assets.length > 0 && cached.every(Boolean);
		},
		undefined,
		{ timeout: 30_000, polling: 250 }
	);
	// A navigation the worker handled and stored proves its fetch handler is live.
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.waitForFunction(
		async () => Boolean(await caches.match('/login', { cacheName: 'pages-v1' })),
		undefined,
		{
			timeout: 30_000
		}
	);

	// Chromium answers offline navigations from a just-activated worker only after about a second
	// (seen here with every check the page can make already true), and a failed offline navigation
	// spoils that tab: let the registration settle, then open the app offline in a new tab, as a
	// learner does, trying a fresh tab again if Chromium's worker was not ready for the first.
	await page.waitForTimeout(2000);
	await context.setOffline(true);
	await expect(async () => {
		const offline = await context.newPage();
		try {
			await offline.goto('/');
			await expect(offline.getByRole('heading', { level: 1 })).toHaveText('Mittaphap');
			await expect(offline.getByRole('status')).toContainText('You are offline');
			// Fonts and styles came from the precache: Lao text would render in Noto Sans Lao.
			const styled = await offline.evaluate(() => getComputedStyle(document.body).fontFamily);
			expect(styled).toContain('Noto Sans');
		} finally {
			await offline.close();
		}
	}).toPass({ timeout: 30_000, intervals: [1000, 2000, 4000] });
	await context.setOffline(false);
});

test('the web manifest describes an installable app', async ({ request }) => {
	const html = await (await request.get('/')).text();
	const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
	expect(href).toBeTruthy();
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({
		short_name: 'Mittaphap',
		start_url: '/',
		display: 'standalone'
	});
	expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
		expect.arrayContaining(['192x192', '512x512'])
	);
});
