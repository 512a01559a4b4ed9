import { expect, test } from '@playwright/test';
import { logIn, serviceWorkerControls } from '../helpers';

// No retry needed: the race was the wait itself (helpers.ts, serviceWorkerControls).
test.describe.configure({ retries: 0 });

test('the app shell opens offline after a first visit', async ({ page, context }) => {
	await page.goto('/');
	await serviceWorkerControls(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mittaphap');
	await expect(page.getByRole('status')).toContainText('You are offline');
	// Fonts and styles came from the precache: Lao text would render in Noto Sans Lao.
	const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
	expect(styled).toContain('Noto Sans');

	// A page never kept on the phone: our offline page, not the browser's error.
	await page.goto('/verify');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
	await expect(
		page.getByText('This page is not saved on this phone for offline use.')
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/verify');
	await context.setOffline(false);
});

test('the screening test and the API are never stored by the worker, the learner’s pages are', async ({
	page
}) => {
	await logIn(page, 'learner');
	await expect(page).toHaveURL(/\/learn$/);
	await serviceWorkerControls(page);
	await page.goto('/learn/screening');
	await page.goto('/learn/courses');
	await page.evaluate(async () => {
		await fetch('/api/health');
		await fetch('/learn/screening/__data.json');
		await fetch('/learn/__data.json');
	});
	const storedUrls = () =>
		page.evaluate(async () => {
			const urls: string[] = [];
			for (const name of await caches.keys())
				for (const request of await (await caches.open(name)).keys())
					urls.push(new URL(request.url).pathname);
			return urls;
		});
	// The worker answers first and stores the copy after (in waitUntil, once the body has arrived).
	await expect
		.poll(storedUrls)
		.toEqual(expect.arrayContaining(['/learn/courses', '/learn/__data.json', '/offline/lo']));
	const stored = await storedUrls();
	for (const path of stored) expect(path).not.toMatch(/^\/(api|learn\/screening)(\/|$)/);
});

test('the web manifest describes an installable app in the interface language', async ({
	request
}) => {
	for (const [locale, words] of [
		['lo', 'ຮຽນພາສາຫວຽດ'],
		['vi', 'Học tiếng Việt']
	] as const) {
		const html = await (
			await request.get('/', { headers: { cookie: `PARAGLIDE_LOCALE=${locale}` } })
		).text();
		const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
		expect(href).toBe(`/manifest/${locale}`);
		const response = await request.get(href!);
		expect(response.headers()['content-type']).toContain('application/manifest+json');
		const manifest = await response.json();
		expect(manifest).toMatchObject({
			short_name: 'Mittaphap',
			start_url: '/',
			display: 'standalone',
			lang: locale
		});
		expect(manifest.description).toContain(words);
		const maskable = manifest.icons.filter((i: { purpose: string }) => i.purpose === 'maskable');
		expect(maskable.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);
		for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
	}
});
