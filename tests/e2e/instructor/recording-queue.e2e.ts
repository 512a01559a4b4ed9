import { expect, test, devices, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, lessonAudioUrl, logIn, uniqueUsername } from '../helpers';

/**
 * The recording queue, end to end: the demo instructor (phone, Vietnamese) opens the Lao course's queue,
 * reads the first text, records it with Chromium's fake microphone, listens, trims the silence, keeps it
 * and gets the next text; skips one; the coverage shows what was recorded. The demo learner, enrolled
 * in the Lao course, gets the recordings in the lesson (served from the media store, cached for a year).
 * An instructor of another school is refused the queue by URL and by form post. Screenshots in vi and
 * lo at 390×844 and 1280×800 when MEDIA_SCREENSHOTS=1 (under tmp/media/).
 */

type Messages = Record<string, string>;
const messages = (locale: string): Messages =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const vi = messages('vi');
const lo = messages('lo');
const fill = (text: string, values: Record<string, string | number>) =>
	text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const SCREENSHOTS = process.env.MEDIA_SCREENSHOTS === '1';
const LAO_COURSE = 'lo-for-vi';

async function shoot(context: BrowserContext, page: Page, name: string) {
	if (!SCREENSHOTS) return;
	const origin = new URL(page.url()).origin;
	for (const l of ['vi', 'lo']) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: l, url: origin }]);
		await page.reload();
		await page.screenshot({ path: `tmp/media/${name}-${l}.png`, fullPage: true });
	}
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: origin }]);
	await page.reload();
}

async function recordAndKeep(page: Page, screenshot?: string) {
	await page.getByRole('button', { name: vi.rec_record }).click();
	await expect(page.getByRole('button', { name: vi.rec_stop })).toBeVisible();
	await page.waitForTimeout(2500);
	await page.getByRole('button', { name: vi.rec_stop }).click();
	await expect(page.getByTestId('playback')).toBeVisible();
	await page.getByRole('button', { name: vi.media_trim }).click();
	await expect(page.getByTestId('trimmed')).toBeVisible();
	if (SCREENSHOTS && screenshot) await page.screenshot({ path: screenshot, fullPage: true });
	await page.getByRole('button', { name: vi.media_keep_next }).click();
}

test('a speaker records the Lao course on a phone and learners get the recordings', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({
		...PHONE,
		locale: 'vi-VN',
		permissions: ['microphone']
	});
	const page = await context.newPage();
	await logIn(page, 'instructor', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/author$/);
	await page.getByRole('link', { name: vi.media_home_queue }).click();
	await expect(page).toHaveURL(/\/author\/recording-queue$/);

	const card = page.getByTestId(`coverage-${LAO_COURSE}`);
	const total = Number(/\/(\d+)/.exec((await card.locator('p strong').innerText()) ?? '')![1]);
	await expect(card.locator('p strong')).toHaveText(
		fill(vi.media_coverage, { recorded: 0, total })
	);
	// The Vietnamese course's synthesized recordings were imported at first start.
	await expect(page.getByTestId('coverage-vi-for-lo').locator('p strong')).not.toHaveText(/^0\//);
	await shoot(context, page, 'coverage-phone');

	await card.getByRole('link', { name: vi.media_queue_start }).click();
	const text = page.getByTestId('queue-text');
	const first = await text.innerText();
	await shoot(context, page, 'queue-phone');
	await recordAndKeep(page, 'tmp/media/queue-recorded-phone-vi.png');
	await expect(page.getByTestId('queue-progress')).toHaveText(
		fill(vi.media_coverage, { recorded: 1, total })
	);
	await expect(text).not.toHaveText(first);
	const second = await text.innerText();
	await recordAndKeep(page);
	await expect(page.getByTestId('queue-progress')).toHaveText(
		fill(vi.media_coverage, { recorded: 2, total })
	);
	const third = await text.innerText();
	expect(new Set([first, second, third]).size).toBe(3);
	await page.getByRole('link', { name: vi.media_skip }).click();
	await expect(text).not.toHaveText(third);
	await expect(page.getByTestId('queue-progress')).toHaveText(
		fill(vi.media_coverage, { recorded: 2, total })
	);

	await page.goto('/author/recording-queue');
	await expect(card.locator('p strong')).toHaveText(
		fill(vi.media_coverage, { recorded: 2, total })
	);
	await expect(card.getByText(first)).toBeVisible();
	await shoot(context, page, 'coverage-recorded-phone');

	// Desktop, the same queue.
	const desk = await browser.newContext({
		...DESKTOP,
		locale: 'vi-VN',
		permissions: ['microphone']
	});
	const deskPage = await desk.newPage();
	await logIn(deskPage, 'instructor', DEMO_PASSWORD);
	await deskPage.goto(`/author/recording-queue/${LAO_COURSE}`);
	await expect(deskPage.getByTestId('queue-text')).toHaveText(third);
	await shoot(desk, deskPage, 'queue-desktop');
	await deskPage.getByRole('button', { name: vi.rec_record }).click();
	await deskPage.waitForTimeout(1500);
	await deskPage.getByRole('button', { name: vi.rec_stop }).click();
	await deskPage.getByRole('button', { name: vi.media_trim }).click();
	await expect(deskPage.getByTestId('trimmed')).toBeVisible();
	// A recording lives in the page until kept: a screenshot without reloading, in Vietnamese.
	if (SCREENSHOTS) await deskPage.screenshot({ path: 'tmp/media/queue-recorded-desktop-vi.png' });
	await desk.close();

	// A new learner (the demo learner must stay out of the Lao course: lesson.e2e.ts) enrols in it;
	// its first lesson carries the recordings.
	const learnerContext = await browser.newContext({ ...PHONE, locale: 'lo-LA' });
	const learner = await learnerContext.newPage();
	await learner.goto('/register?code=huap-2026');
	await learner.locator('input[name="displayName"]').fill('ບຸນມີ ສີສະຫວັດ');
	await learner.locator('input[name="username"]').fill(uniqueUsername('hear'));
	await learner.locator('input[name="password"]').fill('huaphan-2026');
	await learner.locator('main button[type=submit]').click();
	await expect(learner).toHaveURL(/\/learn$/);
	await learner.goto('/learn/courses');
	await learner
		.locator(`form:has(input[name="courseId"][value="${LAO_COURSE}"])`)
		.getByRole('button', { name: lo.course_enrol })
		.click();
	await expect(learner).toHaveURL(new RegExp(`/learn/courses/${LAO_COURSE}$`));
	for (const recorded of [first, second]) {
		const url = await lessonAudioUrl(learner, `${LAO_COURSE}.u1-l1`, recorded);
		expect(url, recorded).toMatch(/^\/media\/[0-9a-f-]{36}$/);
		const response = await learner.request.get(url!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('audio/wav');
		expect(response.headers()['cache-control']).toContain('immutable');
		expect((await response.body()).subarray(0, 4).toString()).toBe('RIFF');
	}
	expect(await lessonAudioUrl(learner, `${LAO_COURSE}.u1-l1`, third)).toBeUndefined();
	await learnerContext.close();

	// A picture for the school's library: checked by its bytes, listed, served.
	await page.goto('/author');
	await page.getByRole('link', { name: vi.media_home_library }).click();
	await expect(page).toHaveURL(/\/author\/media$/);
	await page.getByLabel(vi.media_image_label).fill('Biểu tượng');
	await page.getByLabel(vi.media_image_file).setInputFiles({
		name: 'notes.png',
		mimeType: 'image/png',
		buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
	});
	await page.getByRole('button', { name: vi.media_upload, exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(vi.media_error_image_type);
	await expect(page.getByLabel(vi.media_image_label)).toHaveValue('Biểu tượng');
	await page.getByLabel(vi.media_image_file).setInputFiles('static/icon-192.png');
	await page.getByRole('button', { name: vi.media_upload, exact: true }).click();
	const picture = page.getByRole('img', { name: 'Biểu tượng' });
	await expect(picture).toBeVisible();
	const src = await picture.getAttribute('src');
	const served = await page.request.get(src!);
	expect(served.headers()['content-type']).toBe('image/png');
	await shoot(context, page, 'pictures-phone');
	await context.close();
});

test('an instructor of another school is refused the queue, by URL and by form post', async ({
	browser
}) => {
	const context = await browser.newContext({ ...PHONE, locale: 'vi-VN' });
	const page = await context.newPage();
	await logIn(page, 'instructor.laichau', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/author$/);
	await page.goto('/author/recording-queue');
	await expect(page.getByText(vi.media_no_courses)).toBeVisible();
	const response = await page.goto(`/author/recording-queue/${LAO_COURSE}`);
	expect(response?.status()).toBe(403);
	const post = await page.request.post(`/author/recording-queue/${LAO_COURSE}?/keep`, {
		multipart: {
			key: '0123456789abcdef',
			source: 'uploaded',
			audio: { name: 'a.wav', mimeType: 'audio/wav', buffer: Buffer.from('RIFF') }
		},
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
	await context.close();
});
