import { expect, test, type Page } from '@playwright/test';
import { hydrated, uniqueUsername } from '../helpers';
import { gloss, lessonWithEveryKind, readCourse } from './course-file';
import { answer, fill, messages } from './play';

/**
 * Issue 15 at a phone's size, in Lao and in Vietnamese: a new learner chooses a daily goal, plays a
 * lesson (the page's clock moves a minute before each answer, so the lesson counts minutes the way a
 * real one does; run within a quarter of an hour after midnight in Indochina, its minutes would fall
 * on the day before), sees the goal met and the streak start on the end card and on Today, reviews, and
 * finds the chart on the Me page; the text-size setting enlarges the lesson's text; the tab bar works
 * from the keyboard alone.
 */
async function register(page: Page, name: string) {
	await page.goto('/register?code=huap-2026');
	await page.locator('input[name="displayName"]').fill(name);
	await page.locator('input[name="username"]').fill(uniqueUsername('today'));
	await page.locator('input[name="password"]').fill('hanoi-vientiane-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
}

/**
 * What a Chromium browser does when the app can be installed: a `beforeinstallprompt` event with a
 * `prompt()` (stubbed here: it records the call) and the learner's answer in `userChoice`.
 */
async function browserOffersInstall(page: Page, outcome: 'accepted' | 'dismissed') {
	// The listener is added as the app's first script runs: wait until every script has.
	await hydrated(page);
	await page.evaluate((outcome) => {
		const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {
				(window as unknown as { installPrompted: number }).installPrompted =
					((window as unknown as { installPrompted?: number }).installPrompted ?? 0) + 1;
			},
			userChoice: Promise.resolve({ outcome })
		});
		window.dispatchEvent(event);
	}, outcome);
}
const installPrompted = (page: Page) =>
	page.evaluate(() => (window as unknown as { installPrompted?: number }).installPrompted ?? 0);

async function goalToStreak(page: Page, locale: 'vi' | 'lo', courseId: 'vi-for-lo' | 'lo-for-vi') {
	const t = messages(locale);
	const course = readCourse(courseId);
	const lesson = lessonWithEveryKind(course);
	// The page's clock starts as many minutes back as the lesson has exercises, and moves a minute
	// before each answer: the lesson ends about now (the server refuses work dated in the future).
	await page.clock.install({ time: Date.now() - lesson.exercises.length * 60_000 });
	await register(page, locale === 'lo' ? 'ທ້າວ ສົມພອນ' : 'Trần Thị Hoa');
	await expect(page.locator('html')).toHaveAttribute('lang', locale);

	// A new learner is asked for a goal first, and is not asked to install an app they have not used.
	await expect(page.getByTestId('goal-progress')).toHaveCount(0);
	await browserOffersInstall(page, 'dismissed');
	await expect(page.getByTestId('install-offer')).toHaveCount(0);
	await page.getByLabel(fill(t.goal_minutes, { minutes: 5 }), { exact: true }).check();
	await page.getByRole('button', { name: t.goal_save }).click();
	await expect(page.getByTestId('goal-minutes')).toHaveText(
		fill(t.goal_progress, { done: 0, goal: 5 })
	);
	await expect(page.getByTestId('streak')).toHaveText(t.streak_none);
	await page.screenshot({ path: `test-results/today-new-${locale}-390.png`, fullPage: true });

	await page.goto('/learn/courses');
	const card = page.locator('li.card').filter({ hasText: gloss(course.title, locale, course) });
	await card.getByRole('button', { name: t.course_enrol }).click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
	await page.screenshot({ path: `test-results/path-${locale}-390.png`, fullPage: true });

	await page.goto(`/learn/lessons/${course.id}.${lesson.id}`);
	for (const ex of lesson.exercises) {
		await page.clock.fastForward('01:00');
		await answer(page, course, ex, locale, t);
	}
	await expect(page.getByRole('heading', { name: t.learn_summary_title })).toBeVisible();
	await expect(page.getByTestId('words-learned')).toBeVisible();
	// A minute per exercise, at least five: the goal is met and today starts the streak.
	await expect(page.getByText(t.goal_met)).toBeVisible();
	await expect(page.getByTestId('streak')).toHaveText(
		new RegExp(fill(t.streak_days, { count: 1 }))
	);
	await expect(page.getByRole('status').filter({ hasText: t.learn_saved })).toBeVisible();
	await page.screenshot({ path: `test-results/end-card-${locale}-390.png`, fullPage: true });

	// Today says the same, from the server.
	await page.getByRole('link', { name: t.learn_back_to_map }).click();
	await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_today }).click();
	await expect(page).toHaveURL(/\/learn$/);
	await expect(page.getByTestId('streak')).toHaveText(
		new RegExp(fill(t.streak_days, { count: 1 }))
	);
	await expect(page.getByText(t.goal_met)).toBeVisible();
	await expect(page.getByTestId('due-minutes')).toBeVisible();

	// After the first lesson, where the browser can install the app, Today offers it once.
	await browserOffersInstall(page, 'dismissed');
	const offer = page.getByTestId('install-offer');
	await expect(offer).toBeVisible();
	await page.screenshot({ path: `test-results/today-${locale}-390.png`, fullPage: true });
	await offer.getByRole('button', { name: t.install_not_now }).click();
	await expect(offer).toHaveCount(0);
	expect(await installPrompted(page)).toBe(0);
	// "Not now" holds: another visit, the browser offering again, and no offer.
	await page.reload();
	await browserOffersInstall(page, 'accepted');
	await expect(page.getByTestId('continue')).toBeVisible();
	await expect(offer).toHaveCount(0);
	// Me keeps "Install app": the browser's own dialog opens, and the app says it is installed.
	await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_me }).click();
	const install = page.getByTestId('install-app');
	await install.getByRole('button', { name: t.install_button }).click();
	await expect(install.getByRole('status')).toHaveText(`✔ ${t.install_installed}`);
	expect(await installPrompted(page)).toBe(1);
	await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_today }).click();

	// One review, then the Me page with its chart and figures. The phone's clock is a little ahead
	// now (well within the server's allowance), so the lesson's new cards are due on it too.
	await page.clock.fastForward('02:00');
	await page.getByRole('link', { name: t.review_start }).click();
	await page.getByText(t.review_show_meaning).click();
	// The review goes to the outbox after the card turns: Me reads it from the server once it is sent.
	const sent = page.waitForResponse(
		(r) => r.url().endsWith('/api/sync') && r.request().method() === 'POST' && r.ok()
	);
	await page.getByRole('button', { name: t.review_good, exact: true }).click();
	await expect(page.getByTestId('review-remaining')).toBeVisible();
	await sent;
	await page.getByTestId('learner-tabs').getByRole('link', { name: t.tab_me }).click();
	await expect(page).toHaveURL(/\/learn\/me$/);
	await expect(page.getByTestId('progress-chart')).toBeVisible();
	await expect(page.getByTestId('review-accuracy')).toHaveText('100%');
	await expect(page.getByTestId('time-studied')).not.toHaveText(
		fill(t.me_time_value, { hours: 0, minutes: 0 })
	);
	await page.screenshot({ path: `test-results/me-${locale}-390.png`, fullPage: true });
	return { t, course, lesson };
}

test.describe('in Lao', () => {
	test.use({ locale: 'lo-LA', viewport: { width: 390, height: 844 } });

	test('a new learner sets a goal, does a lesson, sees goal and streak, reviews and sees the chart; text size enlarges the lesson', async ({
		page
	}) => {
		// A whole lesson, a review and the settings: longer than one page's test.
		test.setTimeout(120_000);
		const { t, course, lesson } = await goalToStreak(page, 'lo', 'vi-for-lo');
		const lessonUrl = `/learn/lessons/${course.id}.${lesson.id}`;

		await page.goto(lessonUrl);
		const step = page.locator('main a.quit');
		await expect(step).toBeVisible();
		const before = await step.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

		await page.goto('/learn/me');
		await hydrated(page);
		await page.getByLabel(t.text_size_largest, { exact: true }).check();
		await page.screenshot({ path: 'test-results/me-settings-lo-390.png', fullPage: true });
		await page.getByRole('button', { name: t.settings_save }).press('Enter');
		await expect(page.getByText(t.settings_saved)).toBeVisible();
		await expect(page.locator('html')).toHaveClass(/text-3/);

		await page.goto(lessonUrl);
		await expect(step).toBeVisible();
		const after = await step.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(after).toBeGreaterThan(before * 1.4);
		await page.screenshot({ path: 'test-results/lesson-largest-lo-390.png', fullPage: true });
	});
});

test.describe('in Vietnamese', () => {
	test.use({ locale: 'vi-VN', viewport: { width: 390, height: 844 } });

	test('a new learner sets a goal, does a lesson, sees goal and streak, reviews and sees the chart', async ({
		page
	}) => {
		await goalToStreak(page, 'vi', 'lo-for-vi');
	});

	test('the tab bar works with the keyboard alone and says where the learner is', async ({
		page
	}) => {
		const t = messages('vi');
		await register(page, 'Lê Văn Nam');
		const tabs = page.getByTestId('learner-tabs');
		await expect(tabs.getByRole('link', { name: t.tab_today })).toHaveAttribute(
			'aria-current',
			'page'
		);
		// Each tab is at least 44 px square: a finger, not a mouse.
		for (const link of await tabs.getByRole('link').all()) {
			const box = (await link.boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(44);
			expect(box.width).toBeGreaterThanOrEqual(44);
		}
		// Tab from the top of the page until the "Me" tab has the focus, then Enter.
		const me = tabs.getByRole('link', { name: t.tab_me });
		await page.locator('body').focus();
		for (let i = 0; i < 30; i++) {
			await page.keyboard.press('Tab');
			if (await me.evaluate((el) => el === document.activeElement)) break;
		}
		await expect(me).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/learn\/me$/);
		await expect(tabs.getByRole('link', { name: t.tab_me })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(tabs.getByRole('link', { name: t.tab_today })).not.toHaveAttribute(
			'aria-current',
			'page'
		);
	});
});
