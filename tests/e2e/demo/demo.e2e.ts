import { expect, test, type Browser } from '@playwright/test';
import { logIn } from '../helpers';
import { escape, fill, messages } from '../learner/play';
import {
	CLASS_LEARNERS,
	CURRENT_CANDIDATES,
	DEMO_CLASS_NAME,
	DEMO_INTAKES,
	HISTORY_LEARNER
} from '../../../src/lib/server/seed/demo-people';

/**
 * The whole demo as a newcomer meets it on a first start (playwright.demo.config.ts: a server of its
 * own, seeded as `npm start` seeds): the officer's programs and this intake's candidates at every
 * stage, the instructor's class with its learners' progress, and the history learner's Today and Me.
 * DEMO_SCREENSHOTS=1 writes the pages to test-results/demo/.
 */
const vi = messages('vi');
const lo = messages('lo');
const SHOTS = process.env.DEMO_SCREENSHOTS === '1';
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function as(browser: Browser, username: string, viewport: typeof LAPTOP, locale: string) {
	const context = await browser.newContext({ viewport, locale });
	const page = await context.newPage();
	await logIn(page, username);
	await expect(page).not.toHaveURL(/\/login/);
	return { context, page };
}

test('the officer finds both intakes and this one’s candidates at every stage', async ({
	browser
}) => {
	const { context, page } = await as(browser, 'officer', LAPTOP, 'vi-VN');
	await page.goto('/admissions');
	await expect(page.getByText(DEMO_INTAKES.past).first()).toBeVisible();
	await expect(page.getByText(DEMO_INTAKES.current).first()).toBeVisible();
	if (SHOTS)
		await page.screenshot({ path: 'test-results/demo/programs-vi-1280.png', fullPage: true });
	await page
		.getByRole('link')
		.filter({ has: page.getByText(DEMO_INTAKES.current) })
		.or(page.locator('li, tr').filter({ hasText: DEMO_INTAKES.current }).getByRole('link'))
		.first()
		.click();
	await expect(page.locator('p.intake')).toHaveText(DEMO_INTAKES.current);
	const rows = page.getByRole('table', { name: vi.adm_candidates }).locator('tbody tr');
	await expect(rows).toHaveCount(CURRENT_CANDIDATES.length);
	for (const c of CURRENT_CANDIDATES) await expect(rows.filter({ hasText: c.name })).toHaveCount(1);
	for (const status of [
		vi.adm_status_invited,
		vi.adm_status_testing,
		vi.adm_status_awaiting_rating,
		vi.adm_status_passed,
		vi.adm_status_failed
	])
		await expect(rows.filter({ hasText: status }).first()).toBeVisible();
	if (SHOTS)
		await page.screenshot({ path: 'test-results/demo/program-vi-1280.png', fullPage: true });
	await context.close();
});

test('the instructor’s class shows each learner’s progress and the writing waiting to be rated', async ({
	browser
}) => {
	const { context, page } = await as(browser, 'instructor', LAPTOP, 'vi-VN');
	await page.goto('/author');
	const awaiting = CURRENT_CANDIDATES.filter((c) => c.stage === 'awaiting_rating').length;
	await expect(page.getByTestId('ratings-waiting')).toHaveText(
		fill(vi.rate_queue_count, { count: awaiting })
	);
	await page.goto('/author/classes');
	await page.getByRole('link', { name: DEMO_CLASS_NAME }).click();
	const learners = page.getByTestId('class-learners').locator('tbody tr');
	await expect(learners).toHaveCount(CLASS_LEARNERS.length);
	for (const l of CLASS_LEARNERS) await expect(learners.filter({ hasText: l.name })).toHaveCount(1);
	// Lessons done differ from learner to learner; nobody is at zero.
	const done = await learners.locator('td:nth-of-type(1)').allTextContents();
	expect(new Set(done).size).toBeGreaterThan(3);
	for (const d of done) expect(d).toMatch(/^[1-9]\d*\/\d+$/);
	await expect(page.getByTestId('class-chart')).toBeVisible();
	if (SHOTS) await page.screenshot({ path: 'test-results/demo/class-vi-1280.png', fullPage: true });
	await context.close();
});

test('the history learner’s Today and Me show weeks of study, in Lao', async ({ browser }) => {
	const { context, page } = await as(browser, HISTORY_LEARNER, PHONE, 'lo-LA');
	await expect(page).toHaveURL(/\/learn$/);
	// The goal was chosen weeks ago: Today shows the streak, not the first question.
	await expect(page.getByRole('button', { name: lo.goal_save })).toBeHidden();
	await expect(
		page.getByText(new RegExp(escape(lo.streak_days).replace('\\{count\\}', '\\d+')))
	).toBeVisible();
	await expect(
		page
			.getByText(
				new RegExp(
					escape(lo.learn_lessons_done)
						.replace('\\{done\\}', '[1-9]\\d*')
						.replace('\\{total\\}', '\\d+')
				)
			)
			.first()
	).toBeVisible();
	if (SHOTS) await page.screenshot({ path: 'test-results/demo/today-lo-390.png', fullPage: true });
	await page.goto('/learn/me');
	await expect(page.getByTestId('words-known')).not.toHaveText('0');
	await expect(page.getByTestId('chart-empty')).toHaveCount(0);
	await expect(page.getByText(lo.me_placement_none)).toHaveCount(0);
	if (SHOTS) await page.screenshot({ path: 'test-results/demo/me-lo-390.png', fullPage: true });
	await context.close();
});
