import { readFileSync } from 'node:fs';
import { expect, test, devices } from '@playwright/test';
import { currentItemId, uniqueUsername, waitForNextItem } from '../helpers';
import { tabTo } from './keyboard';

/**
 * Issue 14: the screening test taken with the keyboard alone — start, every adaptive item (a radio
 * chosen with Space, sent with Enter), the written answer and the spoken one (Chromium's fake
 * microphone) — on the rated program of E2E_RATING_FIXTURE (src/lib/server/seed/e2e-rating.ts),
 * reaching each control by Tab with a visible focus.
 */

const lo = JSON.parse(readFileSync('messages/lo.json', 'utf8')) as Record<string, string>;

test('a candidate takes the whole screening test with the keyboard only', async ({ browser }) => {
	test.setTimeout(300_000);
	const context = await browser.newContext({
		...devices['Desktop Chrome'],
		viewport: { width: 1280, height: 800 },
		locale: 'lo-LA',
		permissions: ['microphone']
	});
	const page = await context.newPage();
	// Registration is not the subject here; the test is.
	await page.goto('/register?code=RATE-E2E3');
	await page.locator('input[name=displayName]').fill('ຄຳແພງ ສີສະຫວາດ');
	await page.locator('input[name=username]').fill(uniqueUsername('keys'));
	await page.locator('input[name=password]').fill('huaphan-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await page.goto('/learn/screening/e2e-rated-candidate-3');

	const start = page.getByRole('button', { name: lo.test_start });
	await tabTo(page, start);
	await page.keyboard.press('Enter');

	const onTestPage = () => new URL(page.url()).pathname.endsWith('/test');
	await expect(page).toHaveURL(/\/test$/);
	for (let i = 0; i < 65 && onTestPage(); i++) {
		const before = await currentItemId(page);
		const firstOption = page.getByRole('radio').first();
		await tabTo(page, firstOption);
		// Arrow keys move within the group and select; Space selects the focused radio.
		await page.keyboard.press('Space');
		await expect(firstOption).toBeChecked();
		await tabTo(page, page.getByRole('button', { name: lo.test_answer }));
		await page.keyboard.press('Enter');
		await waitForNextItem(page, before);
	}
	await expect(page).toHaveURL(/\/rated$/);

	const answer = page.getByLabel(lo.test_rated_answer_label);
	await tabTo(page, answer);
	await page.keyboard.type('Tôi làm việc ở Sở Nội vụ tỉnh Hủa Phăn.');
	await expect(page.getByText(lo.test_rated_saved)).toBeVisible();
	await tabTo(page, page.getByRole('button', { name: lo.test_rated_submit_writing }));
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lo.skill_speaking);
	await tabTo(page, page.getByRole('button', { name: new RegExp(lo.test_rated_record) }));
	await page.keyboard.press('Enter');
	await expect(page.getByText(lo.test_rated_recording.replace('{time}', '0:01'))).toBeVisible();
	await tabTo(page, page.getByRole('button', { name: new RegExp(lo.test_rated_stop) }), {
		back: true
	});
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('playback')).toHaveAttribute('src', /^blob:/);
	await tabTo(page, page.getByRole('button', { name: lo.test_rated_submit_recording }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: lo.test_rated_awaiting_title })).toBeVisible();
	await context.close();
});
