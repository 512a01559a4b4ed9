import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, logIn, uniqueUsername } from '../helpers';
import { gloss, readCourse } from './course-file';
import { messages } from './play';

/**
 * Each learner page in Lao at a small phone's width (360 px) and a laptop's (1280 px), and in
 * Vietnamese at a laptop's: nothing runs off the side of the screen, and a screenshot of each is kept
 * to look at. The course page is the one the Course tab opens (the learner's current course).
 */
const PAGES = ['/learn', '/learn/courses', '/learn/review', '/learn/me'];

async function fits(page: Page, name: string) {
	await expect(page.getByTestId('learner-tabs')).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, name).toBeLessThanOrEqual(0);
	// The course map is long: its first screen is what tells whether it reads well.
	const fullPage = !name.startsWith('learn-course-');
	await page.screenshot({ path: `test-results/${name}.png`, fullPage });
}

for (const width of [360, 1280]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: width === 360 ? 780 : 800 } });

		test(`the learner's pages fit ${width} px in Lao`, async ({ page }) => {
			const t = messages('lo');
			await logIn(page, 'learner', DEMO_PASSWORD);
			await expect(page).toHaveURL(/\/learn$/);
			await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
			for (const path of PAGES) {
				await page.goto(path);
				await fits(page, `${path.replaceAll('/', '-').slice(1)}-lo-${width}`);
			}
			// The demo learner studies Vietnamese (enrolling again is harmless): the Course tab opens it.
			const course = readCourse('vi-for-lo');
			const card = page.locator('li.card').filter({ hasText: gloss(course.title, 'lo', course) });
			await page.goto('/learn/courses');
			const enrol = card.getByRole('button', { name: t.course_enrol });
			if (await enrol.isVisible()) {
				await enrol.click();
				await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
			}
			await page.goto('/learn');
			await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_course }).click();
			await expect(page.getByTestId('all-courses')).toBeVisible();
			await fits(page, `learn-course-lo-${width}`);
		});
	});
}

test.describe('at 1280 px in Vietnamese', () => {
	test.use({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });

	test("the learner's Today, course and Me pages fit 1280 px in Vietnamese", async ({ page }) => {
		const t = messages('vi');
		const course = readCourse('lo-for-vi');
		await page.goto('/register?code=huap-2026');
		await page.locator('input[name="displayName"]').fill('Nguyễn Văn Bình');
		await page.locator('input[name="username"]').fill(uniqueUsername('screens'));
		await page.locator('input[name="password"]').fill('hanoi-vientiane-2026');
		await page.locator('main button[type=submit]').click();
		await expect(page).toHaveURL(/\/learn$/);
		await page.goto('/learn/courses');
		await page
			.locator('li.card')
			.filter({ hasText: gloss(course.title, 'vi', course) })
			.getByRole('button', { name: t.course_enrol })
			.click();
		await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
		await page.goto('/learn');
		await fits(page, 'learn-vi-1280');
		await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_course }).click();
		await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
		await fits(page, 'learn-course-vi-1280');
		await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_me }).click();
		await expect(page).toHaveURL(/\/learn\/me$/);
		await fits(page, 'learn-me-vi-1280');
	});
});
