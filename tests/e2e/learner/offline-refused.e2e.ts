import { expect, test, type Page } from '@playwright/test';
import { gloss, readCourse } from './course-file';
import { answer, messages, type Messages } from './play';
import { newLaoLearner, type Outcome } from './offline';

const course = readCourse('vi-for-lo');
const [lesson1, lesson2] = course.units[0].lessons;
const DAY_MS = 24 * 60 * 60_000;

test.use({ locale: 'lo-LA', viewport: { width: 390, height: 844 } });
test.setTimeout(180_000);

/** Plays a whole lesson and waits for its summary's word on where the result is. */
async function finish(page: Page, lesson: typeof lesson1, locale: 'lo' | 'vi', t: Messages) {
	await page.goto(`/learn/lessons/${course.id}.${lesson.id}`);
	for (const ex of lesson.exercises) await answer(page, course, ex, locale, t);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.learn_summary_title);
}

test('a finished lesson the server refused says so on its summary, with the reason and a link to the list', async ({
	page,
	context
}) => {
	const t = messages('lo');
	const outcomes: Outcome[] = [];
	context.on('response', async (response) => {
		if (new URL(response.url()).pathname !== '/api/sync' || !response.ok()) return;
		outcomes.push(...(((await response.json().catch(() => null))?.results ?? []) as Outcome[]));
	});
	await newLaoLearner(
		page,
		{ id: course.id, title: gloss(course.title, 'lo', course) },
		t.course_enrol
	);

	// The phone's clock runs two days ahead: the lesson is "finished" in the future, which the
	// server refuses (a wrong clock or a forged record), online as well as after a sync.
	await page.clock.install({ time: new Date(Date.now() + 2 * DAY_MS) });
	await finish(page, lesson1, 'lo', t);

	const refused = page.getByTestId('save-refused');
	await expect(refused).toContainText(t.learn_save_refused);
	await expect(refused).toContainText(t.sync_refused_reason_clock);
	// Never the comforting "saved on this phone — will be sent".
	await expect(page.getByTestId('saved-on-phone')).toHaveCount(0);
	expect(outcomes.filter((o) => o.status === 'refused').map((o) => o.reason)).toEqual([
		'time in the future'
	]);
	await page.screenshot({ path: 'test-results/refused-summary-lo-390.png', fullPage: true });

	// The link opens the list of what could not be saved, with this lesson and a delete button.
	const list = page.getByTestId('sync-refused');
	await expect(list).not.toHaveAttribute('open', /.*/);
	await refused.getByRole('link', { name: t.learn_save_refused_list }).click();
	await expect(list).toHaveAttribute('open', '');
	await expect(list).toContainText(t.sync_refused_kind_attempt);
	await expect(list).toContainText(t.sync_refused_reason_clock);
	await expect(list.getByRole('button', { name: t.sync_refused_delete })).toBeVisible();
	await page.screenshot({ path: 'test-results/refused-list-lo-390.png' });

	// The server kept nothing of it: the lesson is not done on the course map.
	await page.goto(`/learn/courses/${course.id}`);
	await expect(page.getByText(t.course_lesson_done)).toHaveCount(0);

	// The same on a laptop in Vietnamese.
	const vi = messages('vi');
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: new URL(page.url()).origin }
	]);
	await page.setViewportSize({ width: 1280, height: 800 });
	await finish(page, lesson2, 'vi', vi);
	await expect(page.getByTestId('save-refused')).toContainText(vi.learn_save_refused);
	await expect(page.getByTestId('save-refused')).toContainText(vi.sync_refused_reason_clock);
	await page.screenshot({ path: 'test-results/refused-summary-vi-1280.png' });
});
