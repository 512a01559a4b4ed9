import { expect, test } from '@playwright/test';
import { serviceWorkerControls, uniqueUsername } from '../helpers';
import { gloss, readCourse } from './course-file';
import { escape, fill, messages } from './play';
import { newLaoLearner } from './offline';

const t = messages('lo');
const course = readCourse('vi-for-lo');
const [unit1, unit2] = course.units;
const lessonTitle = (i: number, unit = unit1) => gloss(unit.lessons[i].title, 'lo', course);
const lessonUrl = (i: number, unit = unit1) => `/learn/lessons/${course.id}.${unit.lessons[i].id}`;
/** "ຂະໜາດປະມານ {size}. ບ່ອນຫວ່າງໃນເຄື່ອງ {free}." with sizes such as "1,2 MB". */
const sizePattern = new RegExp(
	escape(t.offline_download_size)
		.replace('\\{size\\}', '[\\d,]+ (B|KB|MB)')
		.replace('\\{free\\}', '[\\d,.]+ (KB|MB|GB)')
);

test.use({ locale: 'lo-LA' });
test.setTimeout(180_000);

test('a Lao learner downloads a unit, opens it offline by link and address bar, with audio, and removes it', async ({
	page,
	context
}) => {
	await page.goto('/register?code=huap-2026');
	await page.locator('input[name="displayName"]').fill('ບຸນມີ ອອບລາຍ');
	await page.locator('input[name="username"]').fill(uniqueUsername('offline'));
	await page.locator('input[name="password"]').fill('huaphan-offline-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');

	await page.goto('/learn/courses');
	// The course map asks nothing of the offline manifest until the learner downloads: the sizes come
	// with the map.
	const manifestRequests: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.pathname.endsWith('/offline.json')) manifestRequests.push(url.pathname + url.search);
	});
	await page
		.locator('li.card')
		.filter({ hasText: gloss(course.title, 'lo', course) })
		.getByRole('button', { name: t.course_enrol })
		.click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
	await serviceWorkerControls(page);

	// The size before starting, next to the phone's free space.
	await expect(page.getByTestId('download-size')).toHaveText(sizePattern);
	const firstUnit = page.locator('li.card').filter({ hasText: gloss(unit1.title, 'lo', course) });
	const unitButton = firstUnit.getByRole('button', {
		name: new RegExp(escape(t.offline_download_unit))
	});
	await expect(unitButton).toContainText(/\([\d,]+ (KB|MB)\)/);
	const manifestUrl = `/learn/courses/${course.id}/offline.json`;
	// Nor while the learner looks at the map (a reactive loop once asked ~35 times a second, on the
	// learner's paid data).
	await page.waitForTimeout(2000);
	expect(manifestRequests).toEqual([]);
	// Unchanged, it answers 304 with no body to a browser that has it (the check at each connection).
	const manifest = await page.request.get(manifestUrl);
	expect(manifest.status()).toBe(200);
	const etag = manifest.headers()['etag'];
	expect(etag).toBeTruthy();
	const again = await page.request.get(manifestUrl, { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);

	// Hold the recordings until the progress bar has been seen (in the page: routing with
	// page.route would make Chromium bypass the service worker for the rest of the test).
	await page.evaluate(() => {
		const w = window as unknown as { releaseDownload: () => void };
		const held = new Promise<void>((resolve) => (w.releaseDownload = resolve));
		const fetch = window.fetch;
		window.fetch = async (input, init) => {
			if (String(input).startsWith('/media/')) await held;
			return fetch(input, init);
		};
	});
	await unitButton.click();
	await expect.poll(() => manifestRequests).toContain(manifestUrl);
	const progress = page.getByTestId('download-progress');
	await expect(progress).toContainText(
		new RegExp(
			escape(fill(t.offline_download_progress, { done: 'X', total: 'Y' }))
				.replace('X', '\\d+')
				.replace('Y', '\\d+')
		)
	);
	await expect(progress.locator('progress')).toHaveAttribute('max', /^[1-9]\d*$/);
	await page.evaluate(() =>
		(window as unknown as { releaseDownload: () => void }).releaseDownload()
	);
	// Each lesson page is rendered by the server: a unit takes a while on a busy 2-core machine.
	await expect(firstUnit.getByTestId('unit-download')).toHaveAttribute('data-downloaded', 'true', {
		timeout: 60_000
	});
	await expect(firstUnit.getByText(t.offline_download_done)).toBeVisible();

	const audioUrl = await page.evaluate(async () => {
		const cache = await caches.open('downloads-v1');
		const keys = await cache.keys();
		return keys.map((r) => new URL(r.url).pathname).find((p) => p.startsWith('/media/'));
	});
	expect(audioUrl).toBeTruthy();

	// Offline: the course map comes back on reload, a downloaded lesson opens by a link (client-side).
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		gloss(course.title, 'lo', course)
	);
	await expect(firstUnit.getByTestId('unit-download')).toHaveAttribute('data-downloaded', 'true');
	// Offline the map offers no download (its stored copy's sizes are not shown) and says why.
	await expect(page.getByText(t.offline_download_needs_connection)).toBeVisible();
	await expect(page.getByTestId('download-size')).toHaveCount(0);
	const secondUnit = page.locator('li.card').filter({ hasText: gloss(unit2.title, 'lo', course) });
	await expect(secondUnit.getByTestId('unit-download').getByRole('button')).toHaveCount(0);
	await page.getByRole('link', { name: new RegExp(escape(lessonTitle(0))) }).click();
	await expect(page).toHaveURL(new RegExp(`${escape(lessonUrl(0))}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(lessonTitle(0));

	// Its audio comes from the phone and decodes as sound.
	const seconds = await page.evaluate(async (url) => {
		const response = await fetch(url);
		const bytes = await response.arrayBuffer();
		const audio = await new AudioContext().decodeAudioData(bytes);
		return audio.duration;
	}, audioUrl!);
	expect(seconds).toBeGreaterThan(0.2);

	// By the address bar: another lesson of the unit.
	await page.goto(lessonUrl(1));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(lessonTitle(1));

	// A lesson not downloaded, by a link from the course map (client-side) and by the address bar:
	// our offline page in Lao, naming what is available.
	await page.goto(`/learn/courses/${course.id}`);
	await page.getByRole('link', { name: new RegExp(escape(lessonTitle(0, unit2))) }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.offline_page_title);
	await expect(page).toHaveURL(new RegExp(`${escape(lessonUrl(0, unit2))}$`));
	await expect(page.getByText(t.offline_page_lead)).toBeVisible();
	await expect(page.getByRole('link', { name: lessonTitle(0) })).toBeVisible();
	await page.goto('/learn/review');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.offline_page_title);
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	// From the offline page, a downloaded lesson opens.
	await page.getByRole('link', { name: lessonTitle(1) }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(lessonTitle(1));

	// Online again: remove the download; its lessons leave the phone.
	await context.setOffline(false);
	await page.goto(`/learn/courses/${course.id}`);
	await firstUnit.getByRole('button', { name: t.offline_download_remove }).click();
	await expect(firstUnit.getByTestId('unit-download')).toHaveAttribute('data-downloaded', 'false');
	const left = await page.evaluate(async (url) => {
		const cache = await caches.open('downloads-v1');
		return Boolean(await cache.match(url));
	}, lessonUrl(0));
	expect(left).toBe(false);
});

test('the course map does not move when it offers its downloads, and asks the server nothing for them', async ({
	page
}) => {
	await newLaoLearner(
		page,
		{ id: course.id, title: gloss(course.title, 'lo', course) },
		t.course_enrol
	);

	// The sizes come with the map and are shown once the phone has said what it holds and how much
	// space is free: that answer held back until the map has been drawn (the buttons are there,
	// disabled, in their place).
	await page.addInitScript(() => {
		const w = window as unknown as { releaseEstimate: () => void };
		const held = new Promise<void>((resolve) => (w.releaseEstimate = resolve));
		const estimate = navigator.storage.estimate.bind(navigator.storage);
		navigator.storage.estimate = async () => {
			await held;
			return estimate();
		};
	});
	const manifestRequests: string[] = [];
	page.on('request', (request) => {
		if (new URL(request.url()).pathname.endsWith('/offline.json'))
			manifestRequests.push(request.url());
	});
	await page.reload();
	const firstLesson = page.getByRole('link', { name: new RegExp(escape(lessonTitle(0))) });
	const unitButton = page
		.locator('li.card')
		.filter({ hasText: gloss(unit1.title, 'lo', course) })
		.getByRole('button', { name: new RegExp(escape(t.offline_download_unit)) });
	await expect(unitButton).toBeDisabled();
	const before = await firstLesson.boundingBox();
	await page.evaluate(() =>
		(window as unknown as { releaseEstimate: () => void }).releaseEstimate()
	);
	await expect(page.getByTestId('download-size')).toHaveText(sizePattern);
	await expect(unitButton).toBeEnabled();
	await expect(unitButton).toContainText(/\([\d,]+ (KB|MB)\)/);
	expect(await firstLesson.boundingBox()).toEqual(before);
	expect(manifestRequests).toEqual([]);
});
