import { expect, test } from '@playwright/test';
import { serviceWorkerControls, logIn } from './helpers';

test('debug', async ({ page, context }) => {
	page.on('console', (m) => console.log('PAGE', m.text()));
	context.on('console', (m) => console.log('CTX', m.text()));
	await logIn(page, 'learner');
	await expect(page).toHaveURL(/\/learn$/);
	await serviceWorkerControls(page);
	console.log(
		'page sees',
		await page.evaluate(async () => {
			const r = await navigator.serviceWorker.getRegistration();
			return JSON.stringify([
				r?.active?.state,
				r?.waiting?.state,
				r?.installing?.state,
				navigator.serviceWorker.controller?.scriptURL
			]);
		})
	);
	console.log('workers', context.serviceWorkers().length);
	const [sw] = context.serviceWorkers();
	await page.goto('/learn/review');
	console.log(
		'nav',
		await page.evaluate(() =>
			JSON.stringify(
				performance
					.getEntriesByType('navigation')
					.map((e) => [(e as PerformanceNavigationTiming).workerStart, e.name])
			)
		)
	);
	console.log(
		'fetch',
		await page.evaluate(async () => {
			const r = await fetch('/learn/__data.json');
			return r.status;
		})
	);
	await page.waitForTimeout(500);
	console.log(await page.evaluate(async () => (await caches.keys()).join(',')));
	console.log(
		'sw',
		await sw.evaluate(async () => {
			const s = self as unknown as ServiceWorkerGlobalScope;
			const r = s.registration;
			return JSON.stringify([
				(s as any).serviceWorker?.state,
				r.active?.state,
				r.waiting?.state,
				r.installing?.state,
				r.scope
			]);
		})
	);
	console.log(
		'mm',
		await sw.evaluate(async () => {
			try {
				const r = await fetch('/learn', { mode: 'same-origin' });
				return r.type + ' ' + r.status + ' ' + r.redirected;
			} catch (e) {
				return String(e);
			}
		})
	);
});
