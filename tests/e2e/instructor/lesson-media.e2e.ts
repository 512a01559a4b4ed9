import { expect, test, devices, type Browser, type Page } from '@playwright/test';
import { hydrated, lessonAudioUrl, logIn, logOut, uniqueUsername } from '../helpers';
import { messages } from '../learner/play';
import { toTelex } from '../learner/course-file';

/**
 * Lesson notes in Markdown, and media inside the exercise editor, end to end: the demo instructor
 * (phone, Vietnamese) writes a lesson whose notes mix formatting with hostile Markdown, records the
 * sentence of a speak exercise with Chromium's fake microphone and uploads a picture — both inside the
 * exercise form, which keeps what was typed — then publishes. A new learner reads the notes (formatted,
 * with nothing of the hostile part active: no script ran, no handler, no javascript: or data: URL),
 * sees the picture and hears the recording. Another school's instructor cannot record or upload for
 * the course. Screenshots of the editor and the learner's view at 390×844 and 1280×800, vi and lo,
 * under test-results/lesson-media/.
 */

const t = messages('vi');
const lo = messages('lo');
const SHOTS = 'test-results/lesson-media';
const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const NOTES = [
	'# ການທັກທາຍ',
	'',
	'**Xin chào** ແມ່ນຄຳທັກທາຍ, *ໃຊ້ໄດ້ທຸກເວລາ*.',
	'',
	'- Xin chào',
	'- Chào anh',
	'',
	'<script>window.__pwned = "script"</script>',
	'<img src="x" onerror="window.__pwned = \'img\'">',
	'[ກົດບ່ອນນີ້](javascript:window.__pwned="link")',
	'<svg onload="window.__pwned = \'svg\'"><circle r="1"/></svg>',
	'<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
	'![ຮູບ](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
	'<a href="https://example.org" onclick="window.__pwned=\'a\'">example</a>',
	'<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'math\'"></style></mglyph></table></mtext></math>'
].join('\n');

async function telex(page: Page, id: string, text: string) {
	const input = page.locator(`#${id}`);
	await input.click();
	await input.pressSequentially(toTelex(text));
	await expect(input).toHaveValue(text.normalize('NFC'));
}

/** What the rendered notes hold: the properties a hostile note must not get past. */
async function expectInertNotes(page: Page) {
	const notes = page.getByTestId('lesson-notes').first();
	await expect(notes).toBeVisible();
	// The formatting is rendered…
	await expect(notes.locator('h3')).toHaveText('ການທັກທາຍ');
	await expect(notes.locator('strong')).toHaveText('Xin chào');
	await expect(notes.locator('li')).toHaveCount(2);
	// …the HTML typed is shown as text, not parsed…
	await expect(notes).toContainText('<script>window.__pwned = "script"</script>');
	const found = await notes.evaluate((root) => {
		const elements = [...root.querySelectorAll('*')];
		return {
			pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
			tags: elements.map((e) => e.tagName.toLowerCase()),
			handlers: elements.flatMap((e) =>
				[...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)
			),
			urls: elements.flatMap((e) =>
				['href', 'src', 'action', 'formaction', 'xlink:href']
					.map((name) => e.getAttribute(name))
					.filter((v): v is string => v !== null)
			)
		};
	});
	// …and nothing ran or can run.
	expect(found.pwned).toBeNull();
	for (const tag of ['script', 'iframe', 'svg', 'math', 'img', 'style', 'object'])
		expect(found.tags, tag).not.toContain(tag);
	expect(found.handlers).toEqual([]);
	for (const url of found.urls) expect(url).not.toMatch(/^\s*(javascript|data|vbscript):/i);
	expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);
}

async function shot(page: Page, name: string) {
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Screenshots of a page in a fresh context at 1280×800, in Vietnamese and Lao (the language cookie). */
async function desktopShots(
	browser: Browser,
	origin: string,
	user: { username: string; password?: string },
	path: string,
	name: string
) {
	const context = await browser.newContext({ ...DESKTOP, baseURL: origin });
	const page = await context.newPage();
	await logIn(page, user.username, user.password);
	await expect(page).not.toHaveURL(/\/login/);
	for (const locale of ['vi', 'lo'] as const) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: origin }]);
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		const start = page.getByRole('button', { name: messages(locale).lesson_start });
		if (await start.count()) {
			await shot(page, `${name}-notes-desktop-${locale}`);
			await start.click();
			await expect(page.getByTestId('exercise-picture')).toBeVisible();
		}
		await shot(page, `${name}-desktop-${locale}`);
	}
	await context.close();
}

test('notes in Markdown stay inert; a sentence recorded and a picture attached inside the exercise form reach the learner', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const context = await browser.newContext({ ...PHONE, permissions: ['microphone'] });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.log('PAGEERROR', e.stack));
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await logIn(page, 'instructor');
	await expect(page).toHaveURL(/\/author$/);
	const origin = new URL(page.url()).origin;
	await page.goto('/author/courses');
	await page.getByLabel(t.author_field_target_language).selectOption('vi');
	await page.getByLabel(t.author_field_interface_language).selectOption('lo');
	await page.getByLabel(t.author_field_title, { exact: true }).fill('ພາສາຫວຽດ ມີຮູບ ແລະ ສຽງ');
	await page.getByLabel(t.author_field_description, { exact: true }).fill('ບົດຮຽນທົດລອງ');
	await page.getByRole('button', { name: t.author_create_course }).click();
	await expect(page).toHaveURL(/\/author\/courses\/vi-[0-9a-f]{8}$/);
	const courseUrl = page.url();
	const courseId = courseUrl.split('/').pop()!;
	await page.getByLabel(t.author_field_unit_title).fill('ທັກທາຍ');
	await page.getByRole('button', { name: t.author_add_unit }).click();
	await page.getByText(t.author_add_lesson, { exact: true }).first().click();
	await page.getByLabel(t.author_field_lesson_title).fill('ສະບາຍດີ');
	await page.getByLabel(t.author_field_goal, { exact: true }).fill('ທັກທາຍເປັນພາສາຫວຽດໄດ້');
	await page.getByRole('button', { name: t.author_add_lesson }).click();
	await expect(page).toHaveURL(/\/lessons\/l[0-9a-f]{8}$/);
	const lessonUrl = page.url();
	const lessonId = lessonUrl.split('/').pop()!;

	// The lesson's notes: formatting and hostile Markdown; the editor's preview renders them inert.
	await hydrated(page);
	await page.getByText(t.author_lesson_details).click();
	await page.locator('#field-notes').fill(NOTES);
	await expect(page.getByTestId('notes-preview')).toBeVisible();
	await expectInertNotes(page);
	// The save's request answered before the page is read again.
	const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.ok());
	await page.getByRole('button', { name: t.author_save, exact: true }).first().click();
	await saved;
	await page.reload();
	await expect(page.locator('#field-notes')).toHaveValue(NOTES);
	await shot(page, 'lesson-notes-phone-vi');

	// A sentence to say: typed, then recorded inside the exercise form.
	await page.getByLabel(t.author_add_exercise).selectOption('speak');
	await page.getByRole('button', { name: t.author_add_exercise_button }).click();
	await expect(page).toHaveURL(/\/exercises\/new\?kind=speak/);
	await hydrated(page);
	await telex(page, 'field-text', 'Xin chào');
	await page.locator('#field-meaning').fill('ສະບາຍດີ');
	const textAudio = page.getByTestId('field-audio-text');
	await expect(textAudio).toContainText(t.author_audio_none);
	await textAudio.getByText(t.author_audio_record).click();
	await textAudio.getByRole('button', { name: t.rec_record }).click();
	await expect(textAudio.getByRole('button', { name: t.rec_stop })).toBeVisible();
	await page.waitForTimeout(2000);
	await textAudio.getByRole('button', { name: t.rec_stop }).click();
	await expect(textAudio.getByTestId('playback')).toBeVisible();
	await textAudio.getByRole('button', { name: t.author_audio_keep }).click();
	await expect(
		textAudio
			.getByRole('status')
			.filter({ hasText: t.author_audio_kept.replace('{text}', 'Xin chào') })
	).toBeVisible();
	await expect(textAudio.locator('audio[src^="/media/"]')).toHaveCount(1);
	// Nothing typed was lost.
	await expect(page.locator('#field-text')).toHaveValue('Xin chào');
	await expect(page.locator('#field-meaning')).toHaveValue('ສະບາຍດີ');

	// A picture, uploaded inside the form: added to the library and chosen; its description is required.
	await page.locator('#field-imageAlt').fill('ສອງຄົນທັກທາຍກັນ');
	await page.locator('#picture-file').setInputFiles('static/icon-192.png');
	await page.getByRole('button', { name: t.author_image_upload_button }).click();
	await expect(
		page
			.getByTestId('picture-field')
			.getByRole('status')
			.filter({ hasText: t.author_image_uploaded })
	).toBeVisible();
	const chosen = page.locator('input[name=image]:checked');
	await expect(chosen).toHaveValue(/^[0-9a-f-]{36}$/);
	await expect(page.locator('#field-text')).toHaveValue('Xin chào');
	await expect(page.locator('#field-imageAlt')).toHaveValue('ສອງຄົນທັກທາຍກັນ');
	const preview = page.locator('.preview');
	await expect(preview.getByTestId('exercise-picture')).toHaveAttribute('alt', 'ສອງຄົນທັກທາຍກັນ');
	await page.locator('#field-imageAlt').fill('');
	await expect(page.getByTestId('picture-field')).toContainText(t.author_problem_no_alt);
	await page.locator('#field-imageAlt').fill('ສອງຄົນທັກທາຍກັນ');
	await shot(page, 'exercise-media-phone-vi');
	const exerciseSaved = page.waitForURL(lessonUrl);
	await page.getByRole('button', { name: t.author_save_exercise }).click();
	await exerciseSaved;
	await page.getByTestId('exercise').first().getByRole('link').click();
	await expect(page).toHaveURL(/\/exercises\/x/);
	const exerciseUrl = page.url();
	await expect(page.locator('input[name=image]:checked')).toHaveValue(/^[0-9a-f-]{36}$/);
	await expect(page.getByTestId('field-audio-text').locator('audio[src^="/media/"]')).toHaveCount(
		1
	);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: origin }]);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	await shot(page, 'exercise-media-phone-lo');
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: origin }]);

	// Publish; the instructor's pages never ran the hostile notes either.
	await page.goto(courseUrl);
	await page.getByRole('button', { name: t.author_publish_button }).click();
	await expect(page.getByRole('status')).toHaveText(t.author_published.replace('{version}', '1'));
	expect(dialogs).toEqual([]);
	await logOut(page);

	// Another school's instructor can neither record nor upload a picture for this course.
	const other = await browser.newContext({ baseURL: origin });
	const intruder = await other.newPage();
	await logIn(intruder, 'instructor.laichau');
	await expect(intruder).toHaveURL(/\/author$/);
	for (const action of ['record', 'picture', 'save']) {
		const response = await intruder.request.post(`${exerciseUrl}?/${action}`, {
			multipart: {
				kind: 'speak',
				text: 'Xin chào',
				meaning: 'x',
				recordFor: 'text',
				'audio-text': { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') },
				pictureFile: { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') }
			},
			headers: { origin }
		});
		expect(response.status(), action).toBe(403);
	}
	await other.close();

	// A new learner (Lao interface) reads the notes, then sees the picture and hears the sentence.
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: origin }]);
	const username = uniqueUsername('media-learner');
	const password = 'huaphan-2026';
	await page.goto('/register?code=HUAP-2026');
	await page.locator('input[name=displayName]').fill('ບຸນມີ ສີສະຫວັດ');
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await page.goto('/learn/courses');
	await page
		.locator('li.card')
		.filter({ hasText: 'ພາສາຫວຽດ ມີຮູບ ແລະ ສຽງ' })
		.getByRole('button', { name: lo.course_enrol })
		.click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${courseId}$`));
	const learnerLesson = `/learn/lessons/${courseId}.${lessonId}`;
	await page.goto(learnerLesson);
	await expect(page.locator('#lesson-title')).toHaveText('ສະບາຍດີ');
	await expectInertNotes(page);
	await shot(page, 'learner-notes-phone-lo');
	await page.getByRole('button', { name: lo.lesson_start }).click();
	const picture = page.getByTestId('exercise-picture');
	await expect(picture).toHaveAttribute('alt', 'ສອງຄົນທັກທາຍກັນ');
	await expect(picture).toHaveAttribute('loading', 'lazy');
	await expect
		.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0);
	const pictureResponse = await page.request.get((await picture.getAttribute('src'))!);
	expect(pictureResponse.headers()['content-type']).toBe('image/png');
	expect(pictureResponse.headers()['cache-control']).toContain('immutable');
	// The recording made in the editor is the sentence's model.
	const audioUrl = await lessonAudioUrl(page, `${courseId}.${lessonId}`, 'Xin chào');
	expect(audioUrl).toMatch(/^\/media\/[0-9a-f-]{36}$/);
	const model = page.locator(`audio[src="${audioUrl}"]`);
	await expect(model).toHaveCount(1);
	await page.getByRole('button', { name: lo.ex_speak_model }).click();
	await expect
		.poll(() => model.evaluate((a: HTMLAudioElement) => a.ended || a.currentTime > 0))
		.toBe(true);
	await shot(page, 'learner-exercise-phone-lo');
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: origin }]);
	await page.goto(learnerLesson);
	await shot(page, 'learner-notes-phone-vi');
	await page.getByRole('button', { name: t.lesson_start }).click();
	await shot(page, 'learner-exercise-phone-vi');
	expect(dialogs).toEqual([]);
	await context.close();

	// The same screens at 1280×800, in Vietnamese and Lao.
	await desktopShots(browser, origin, { username: 'instructor' }, exerciseUrl, 'exercise');
	await desktopShots(browser, origin, { username, password }, learnerLesson, 'learner');
});
