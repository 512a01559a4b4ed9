import { expect, test, type Page } from '@playwright/test';
import type { Course, Lesson } from '../../../src/lib/course/types';
import { hydrated, serviceWorkerControls, uniqueUsername } from '../helpers';
import { gloss, readCourse } from './course-file';
import { openOffline } from './offline';
import { answer, fill, messages, type Messages } from './play';

/**
 * Issue 15's remaining shell parts at a phone's size: the Course tab opens the learner's current
 * course (all courses one tap away), Today continues the lesson in progress on the phone with how far
 * along it is (offline too), and the typing method chosen in Me is the one lessons start with.
 */
test.use({ viewport: { width: 390, height: 844 } });

async function register(page: Page, name: string) {
	await page.goto('/register?code=huap-2026');
	await page.locator('input[name="displayName"]').fill(name);
	await page.locator('input[name="username"]').fill(uniqueUsername('shell'));
	await page.locator('input[name="password"]').fill('hanoi-vientiane-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
}

async function enrol(page: Page, course: Course, locale: 'vi' | 'lo', t: Messages) {
	await page.goto('/learn/courses');
	const card = page.locator('li.card').filter({ hasText: gloss(course.title, locale, course) });
	await card.getByRole('button', { name: t.course_enrol }).click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
}

const lessonOf = (course: Course, id: string): Lesson =>
	course.units.flatMap((u) => u.lessons).find((l) => l.id === id)!;

/** Plays the lesson's first `count` exercises (the page keeps the play-through after each). */
async function playFirst(
	page: Page,
	course: Course,
	lesson: Lesson,
	count: number,
	locale: 'vi' | 'lo',
	t: Messages
) {
	await page.goto(`/learn/lessons/${course.id}.${lesson.id}`);
	for (const ex of lesson.exercises.slice(0, count)) await answer(page, course, ex, locale, t);
}

test.describe('in Lao', () => {
	test.use({ locale: 'lo-LA' });

	test('the Course tab opens the current course; Today continues the lesson in progress, offline too', async ({
		page,
		context
	}) => {
		test.setTimeout(90_000);
		const t = messages('lo');
		const course = readCourse('vi-for-lo');
		const first = course.units[0].lessons[0];
		await register(page, 'ນາງ ບົວພັນ');
		const tabs = page.getByTestId('learner-tabs');
		const courseTab = tabs.getByRole('link', { name: t.tab_course });
		// No course yet: the tab opens the list of courses.
		await expect(courseTab).toHaveAttribute('href', '/learn/courses');

		await enrol(page, course, 'lo', t);
		await page.goto('/learn');
		await expect(courseTab).toHaveAttribute('href', `/learn/courses/${course.id}`);
		// Today names the next lesson of the path before any is started.
		await expect(page.getByTestId('continue-lesson')).toHaveText(
			fill(t.today_next_lesson, { title: gloss(first.title, 'lo', course) })
		);
		await courseTab.click();
		await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
		await expect(courseTab).toHaveAttribute('aria-current', 'page');
		await page.screenshot({ path: 'test-results/shell-course-lo-390.png' });
		await page.getByRole('link', { name: t.course_all_courses }).click();
		await expect(page).toHaveURL(/\/learn\/courses$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.course_list_title);

		// Two exercises of the first lesson, then Today: that lesson, two of its exercises done.
		await playFirst(page, course, first, 2, 'lo', t);
		await page.goto('/learn');
		const inProgress = fill(t.today_lesson_in_progress, {
			title: gloss(first.title, 'lo', course)
		});
		const done = fill(t.today_exercises_done, { done: 2, total: first.exercises.length });
		await expect(page.getByTestId('continue-lesson')).toHaveText(inProgress);
		await expect(page.getByTestId('continue-progress')).toHaveText(done);
		await page.screenshot({ path: 'test-results/shell-continue-lo-390.png', fullPage: true });
		await page.getByRole('link', { name: t.learn_continue }).click();
		await expect(
			page.getByText(fill(t.learn_lesson_progress, { n: 3, total: first.exercises.length }))
		).toBeVisible();

		// Offline, Today (the worker's copy) still says where the learner left off: it reads the phone.
		await page.goto('/learn');
		await serviceWorkerControls(page);
		await page.goto('/learn');
		await context.setOffline(true);
		await openOffline(page, '/learn');
		await expect(page.getByTestId('continue-lesson')).toHaveText(inProgress);
		await expect(page.getByTestId('continue-progress')).toHaveText(done);
		await context.setOffline(false);
	});

	test('Telex, VNI or the phone keyboard: the method chosen in Me is the one a lesson starts with', async ({
		page
	}) => {
		test.setTimeout(90_000);
		const t = messages('lo');
		const course = readCourse('vi-for-lo');
		await register(page, 'ທ້າວ ວັນໄຊ');
		await enrol(page, course, 'lo', t);
		await page.goto('/learn/me');
		await hydrated(page);
		// A learner of Vietnamese is asked how to type Vietnamese only.
		await expect(page.getByRole('group', { name: t.settings_input_lao })).toHaveCount(0);
		const method = page.getByRole('group', { name: t.settings_input_vietnamese });
		await method.getByLabel(t.kb_vni, { exact: true }).check();
		await page.screenshot({ path: 'test-results/shell-me-input-lo-390.png', fullPage: true });
		await page.getByRole('button', { name: t.settings_save }).click();
		await expect(page.getByText(t.settings_saved)).toBeVisible();
		await expect(method.getByLabel(t.kb_vni, { exact: true })).toBeChecked();

		// u1-l3 types its fourth exercise (listen and type).
		const lesson = lessonOf(course, 'u1-l3');
		await playFirst(page, course, lesson, 3, 'lo', t);
		const field = page.locator(`#answer-${lesson.exercises[3].id}`);
		await expect(field).toBeVisible();
		await expect(page.getByRole('button', { name: t.kb_vni, exact: true })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await field.click();
		await field.pressSequentially('Vie65t');
		await expect(field).toHaveValue('Việt');
	});
});

test.describe('in Vietnamese', () => {
	test.use({ locale: 'vi-VN' });

	test('the on-screen Lao keyboard opens shown or not as chosen in Me', async ({ page }) => {
		test.setTimeout(90_000);
		const t = messages('vi');
		const course = readCourse('lo-for-vi');
		await register(page, 'Phạm Thu Hà');
		await enrol(page, course, 'vi', t);
		await page.goto('/learn/me');
		await hydrated(page);
		await expect(page.getByRole('group', { name: t.settings_input_vietnamese })).toHaveCount(0);
		const keyboard = page.getByRole('group', { name: t.settings_input_lao });
		await expect(keyboard.getByLabel(t.settings_lao_keyboard_on)).toBeChecked();
		await keyboard.getByLabel(t.settings_lao_keyboard_off).check();
		await page.getByRole('button', { name: t.settings_save }).click();
		await expect(page.getByText(t.settings_saved)).toBeVisible();
		await page.screenshot({ path: 'test-results/shell-me-input-vi-390.png', fullPage: true });

		// u3-l1 types its third exercise (translate into Lao).
		const lesson = lessonOf(course, 'u3-l1');
		await playFirst(page, course, lesson, 2, 'vi', t);
		const field = page.locator(`#answer-${lesson.exercises[2].id}`);
		await expect(field).toBeVisible();
		const toggle = page.getByRole('button', { name: t.kb_lao_keyboard });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await expect(page.locator('.keyboard')).toHaveCount(0);
		await expect(field).toHaveAttribute('inputmode', 'text');

		// Shown again from Me: the same exercise opens with the keyboard (the play-through resumes).
		await page.goto('/learn/me');
		await hydrated(page);
		await keyboard.getByLabel(t.settings_lao_keyboard_on).check();
		await page.getByRole('button', { name: t.settings_save }).click();
		await expect(page.getByText(t.settings_saved)).toBeVisible();
		await page.goto(`/learn/lessons/${course.id}.${lesson.id}`);
		await expect(field).toBeVisible();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect(page.locator('.keyboard')).toBeVisible();
	});
});
