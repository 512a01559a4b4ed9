import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, logIn } from '../helpers';

/**
 * Each learner page in Lao at a small phone's width (360 px) and a laptop's (1280 px): nothing runs
 * off the side of the screen, and a screenshot of each is kept to look at.
 */
const PAGES = ['/learn', '/learn/courses', '/learn/review', '/learn/me'];

for (const width of [360, 1280]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: width === 360 ? 780 : 800 } });

		test(`the learner's pages fit ${width} px in Lao`, async ({ page }) => {
			await logIn(page, 'learner', DEMO_PASSWORD);
			await expect(page).toHaveURL(/\/learn$/);
			await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
			for (const path of PAGES) {
				await page.goto(path);
				await expect(page.getByTestId('learner-tabs')).toBeVisible();
				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				expect(overflow, path).toBeLessThanOrEqual(0);
				const name = path.replaceAll('/', '-').slice(1);
				await page.screenshot({ path: `test-results/${name}-lo-${width}.png`, fullPage: true });
			}
		});
	});
}
