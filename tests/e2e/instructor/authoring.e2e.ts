import { expect, test, type Page } from '@playwright/test';
import type { Course } from '../../../src/lib/course/types';
import { chooseLanguage, hydrated, logIn, logOut, uniqueUsername } from '../helpers';
import { answer, fill, messages } from '../learner/play';
import { toTelex } from '../learner/course-file';

const t = messages('vi');
const lo = messages('lo');
const SHOTS = 'test-results/authoring';

/** Types Vietnamese into an input with Telex, as an instructor without a Vietnamese keyboard does. */
async function telex(page: Page, id: string, text: string) {
	const input = page.locator(`#${id}`);
	await input.click();
	await input.pressSequentially(toTelex(text));
	await expect(input).toHaveValue(text.normalize('NFC'));
}

async function newExercise(page: Page, kind: string) {
	await page.getByLabel(t.author_add_exercise).selectOption(kind);
	await page.getByRole('button', { name: t.author_add_exercise_button }).click();
	await expect(page).toHaveURL(/\/exercises\/new\?kind=/);
	await hydrated(page);
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('an instructor writes a course in the browser, previews, publishes; a learner plays it; another school is refused', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
	page.on('console', (msg) => msg.type() === 'error' && console.log('CONSOLE', msg.text()));
	await logIn(page, 'instructor');
	await expect(page).toHaveURL(/\/author$/);
	await page.getByRole('link', { name: t.author_courses_link }).click();

	// A new course: Vietnamese for Lao speakers, written with Lao explanations.
	await page.getByLabel(t.author_field_target_language).selectOption('vi');
	await page.getByLabel(t.author_field_interface_language).selectOption('lo');
	await page.getByLabel(t.author_field_title, { exact: true }).fill('ພາສາຫວຽດ ສຳລັບການປະຊຸມ');
	await page.getByLabel(t.author_field_description, { exact: true }).fill('ຄຳເວົ້າທີ່ໃຊ້ໃນກອງປະຊຸມ');
	await page.getByRole('button', { name: t.author_create_course }).click();
	await expect(page).toHaveURL(/\/author\/courses\/vi-[0-9a-f]{8}$/);
	const courseUrl = page.url();
	const courseId = courseUrl.split('/').pop()!;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ພາສາຫວຽດ ສຳລັບການປະຊຸມ');

	await page.getByLabel(t.author_field_unit_title).fill('ທັກທາຍ');
	await page.getByRole('button', { name: t.author_add_unit }).click();
	await expect(page.getByTestId('unit')).toHaveCount(1);
	await page.getByText(t.author_add_lesson, { exact: true }).first().click();
	await page.getByLabel(t.author_field_lesson_title).fill('ສະບາຍດີ');
	await page.getByLabel(t.author_field_goal, { exact: true }).fill('ທັກທາຍເປັນພາສາຫວຽດໄດ້');
	await page.getByRole('button', { name: t.author_add_lesson }).click();
	await expect(page).toHaveURL(/\/lessons\/l[0-9a-f]{8}$/);
	const lessonUrl = page.url();

	// Multiple choice: first saved without marking the right option, refused, what was typed kept.
	await newExercise(page, 'choice');
	await telex(page, 'field-prompt', 'Xin chào');
	await page.locator('#field-options').fill('ສະບາຍດີ\nຂອບໃຈ');
	await page.getByRole('button', { name: t.author_save_exercise }).click();
	await expect(page.getByRole('alert')).toHaveText(t.author_exercise_incomplete);
	await expect(page.locator('#field-prompt')).toHaveValue('Xin chào');
	await expect(page.locator('#field-options')).toHaveValue('ສະບາຍດີ\nຂອບໃຈ');
	await expect(page.getByTestId('preview-waiting')).toBeVisible();
	await page.locator('#field-options').fill('*ສະບາຍດີ\nຂອບໃຈ');
	// The live preview is the learner's own player.
	const preview = page.locator('.preview form.exercise[data-kind="choice"]');
	await expect(preview.locator('label.option').first()).toContainText('ສະບາຍດີ');
	await shot(page, 'exercise-phone-vi');
	await page.getByRole('button', { name: t.author_save_exercise }).click();
	await expect(page).toHaveURL(lessonUrl);

	// Translate, with two accepted answers typed with the learners' Telex input.
	await newExercise(page, 'translate');
	await page.locator('#field-promptGloss').fill('ຂອບໃຈ');
	await telex(page, 'type-answers', 'Cảm ơn');
	await page.getByRole('button', { name: t.author_add_line }).click();
	await telex(page, 'type-answers', 'Cám ơn');
	await page.getByRole('button', { name: t.author_add_line }).click();
	await expect(page.locator('#field-answers')).toHaveValue('Cảm ơn\nCám ơn');
	await page.getByRole('button', { name: t.author_save_exercise }).click();
	await expect(page).toHaveURL(lessonUrl);

	// Match pairs, and a sentence to say (recorded by the learner).
	await newExercise(page, 'match_pairs');
	await page.locator('#field-pairs').fill('xin chào = ສະບາຍດີ\ncảm ơn = ຂອບໃຈ\ntạm biệt = ລາກ່ອນ');
	await page.getByRole('button', { name: t.author_save_exercise }).click();
	await expect(page).toHaveURL(lessonUrl);
	await newExercise(page, 'speak');
	await telex(page, 'field-text', 'Xin chào');
	await page.locator('#field-meaning').fill('ສະບາຍດີ');
	await page.getByRole('button', { name: t.author_save_exercise }).click();
	await expect(page).toHaveURL(lessonUrl);
	await expect(page.getByTestId('exercise')).toHaveCount(4);

	// Reorder with the keyboard's buttons: match pairs moves above translate.
	await page
		.getByRole('button', { name: `${t.author_move_up}: 3. ${t.author_kind_match_pairs}` })
		.click();
	await expect(page.getByTestId('exercise').nth(1)).toContainText(t.author_kind_match_pairs);

	// A word for the learners' review deck.
	await telex(page, 'word-term', 'xin chào');
	await page.locator('#word-meaning').fill('ສະບາຍດີ');
	await page.getByRole('button', { name: t.author_add_word }).first().click();
	await expect(page.locator('table')).toContainText('xin chào');
	await shot(page, 'lesson-phone-vi');

	// Preview the whole lesson in the learner's player (recording with the fake microphone).
	const exported = async () =>
		(await (await page.request.get(`${courseUrl}/export.json`)).json()) as Course;
	let course = await exported();
	const lesson = course.units[0].lessons[0];
	await page.getByRole('link', { name: new RegExp(t.author_preview_lesson) }).click();
	// A client-side navigation: on a slow machine the player's code may take a while to arrive.
	await page.waitForURL(/\/preview$/);
	for (const ex of lesson.exercises) await answer(page, course, ex, 'vi', t);
	await expect(page.getByTestId('preview-summary')).toContainText(
		fill(t.author_preview_score, { right: 4, total: 4 })
	);

	// Publish.
	await page.goto(courseUrl);
	await page.getByRole('button', { name: t.author_publish_button }).click();
	await expect(page.getByRole('status')).toHaveText(fill(t.author_published, { version: 1 }));
	await shot(page, 'course-phone-vi');

	// Export, then import the file back: the course is exactly the same.
	const before = await (await page.request.get(`${courseUrl}/export.json`)).text();
	await page.goto('/author/courses');
	await page.getByLabel(t.author_import_file).setInputFiles({
		name: `${courseId}.json`,
		mimeType: 'application/json',
		buffer: Buffer.from(before)
	});
	await page.getByRole('button', { name: t.author_import_button }).click();
	await expect(page).toHaveURL(courseUrl);
	expect(await (await page.request.get(`${courseUrl}/export.json`)).text()).toBe(before);
	// A broken file changes nothing and says why.
	await page.goto('/author/courses');
	await page.getByLabel(t.author_import_file).setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from(before.replace('"answer": 0', '"answer": 5'))
	});
	await page.getByRole('button', { name: t.author_import_button }).click();
	await expect(page.getByRole('alert')).toContainText(t.author_import_failed);
	expect(await (await page.request.get(`${courseUrl}/export.json`)).text()).toBe(before);
	course = await exported();
	await logOut(page);

	// A new learner (not the shared demo learner, whose due words other tests count) enrols and plays
	// the published lesson, recording the sentence.
	// The language chosen on the page, as a learner does (the server sets it), not a cookie planted
	// beside the one the instructor's login left.
	await page.goto('/register?code=HUAP-2026');
	await hydrated(page);
	await page.getByRole('banner').getByRole('combobox').selectOption('lo');
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	await page.locator('input[name=displayName]').fill('ສົມພອນ ແກ້ວ');
	await page.locator('input[name=username]').fill(uniqueUsername('author-learner'));
	await page.locator('input[name=password]').fill('huaphan-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await page.goto('/learn/courses');
	// By its id: a course of the same title may be left by an earlier run of this test.
	const card = page.locator('li.card').filter({ has: page.locator(`input[value="${courseId}"]`) });
	await expect(card).toContainText('ພາສາຫວຽດ ສຳລັບການປະຊຸມ');
	await card.getByRole('button', { name: lo.course_enrol }).click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${courseId}$`));
	await page
		.getByRole('link', { name: /ສະບາຍດີ/ })
		.first()
		.click();
	for (const ex of course.units[0].lessons[0].exercises) await answer(page, course, ex, 'lo', lo);
	await expect(page.getByRole('heading', { name: lo.learn_summary_title })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: lo.learn_saved })).toBeVisible();
	await logOut(page);

	// An instructor of another school can neither read, edit, publish nor export it.
	const other = await browser.newContext({ baseURL: new URL(courseUrl).origin });
	const intruder = await other.newPage();
	await logIn(intruder, 'instructor.laichau');
	await expect(intruder).toHaveURL(/\/author$/);
	await intruder.goto('/author/courses');
	await expect(intruder.getByTestId('authored-course')).toHaveCount(0);
	for (const path of [courseUrl, `${courseUrl}/export.json`, `${lessonUrl}/preview`]) {
		const response = await intruder.request.get(path);
		expect(response.status(), path).toBe(403);
	}
	for (const action of ['publish', 'addUnit', 'restore']) {
		const response = await intruder.request.post(`${courseUrl}?/${action}`, {
			form: { title: 'x', level: '1', version: '1' },
			headers: { origin: new URL(courseUrl).origin }
		});
		expect(response.status(), action).toBe(403);
	}
	const edit = await intruder.request.post('/author/courses?/edit', {
		form: { courseId },
		headers: { origin: new URL(courseUrl).origin }
	});
	expect(edit.status()).toBe(403);
	await other.close();
});

test('the editor at 1280×800 in Vietnamese and Lao', async ({ browser }) => {
	test.setTimeout(180_000);
	for (const locale of ['vi', 'lo'] as const) {
		const base = test.info().project.use.baseURL!;
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			baseURL: base
		});
		const page = await context.newPage();
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: base }]);
		await logIn(page, 'instructor');
		await expect(page).toHaveURL(/\/author$/);
		// Logging in applies the account's language (Vietnamese, unless an earlier run stopped before
		// switching it back): switch as an instructor would.
		const current = await page.locator('html').getAttribute('lang');
		if (current !== locale)
			await chooseLanguage(page, current === 'lo' ? lo.language_label : t.language_label, locale);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await page.goto('/author/courses');
		await shot(page, `courses-desktop-${locale}`);
		// The seed course: start editing it, then open a lesson and an exercise.
		const seed = page.locator(
			'[data-testid=authored-course]:has(input[value="vi-for-lo"]), [data-testid=authored-course]:has(a[href$="/vi-for-lo"])'
		);
		const open = seed.getByRole('link');
		if (await open.count()) await open.click();
		else await seed.getByRole('button').click();
		await expect(page).toHaveURL(/\/author\/courses\/vi-for-lo$/);
		await shot(page, `course-desktop-${locale}`);
		await page.locator('ol.lessons a').first().click();
		await expect(page).toHaveURL(/\/lessons\/[^/]+$/);
		await shot(page, `lesson-desktop-${locale}`);
		await page.getByTestId('exercise').nth(0).getByRole('link').click();
		await expect(page).toHaveURL(/\/exercises\//);
		await hydrated(page);
		await shot(page, `exercise-desktop-${locale}`);
		// The switch is saved on the account: leave the shared demo instructor in Vietnamese, as found.
		if (locale === 'lo') {
			await chooseLanguage(page, lo.language_label, 'vi');
			await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		}
		await context.close();
	}
});
