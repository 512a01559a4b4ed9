import {
	expect,
	test,
	devices,
	type Browser,
	type BrowserContext,
	type Page
} from '@playwright/test';
import { logIn, uniqueUsername } from '../helpers';
import { gloss, lessonWithEveryKind, readCourse } from '../learner/course-file';
import { answer, escape, fill, messages } from '../learner/play';

/**
 * A class end to end: the demo instructor (laptop, Vietnamese) creates a class, assigns the
 * Vietnamese course, enrols a learner one by one and another from a CSV list (a wrong list first:
 * nobody enrolled, the text kept), and a third registers with the class's code; the first learner (phone, Lao) plays a lesson with a spoken
 * sentence; the instructor on a phone follows the class (table, chart, CSV export) and rates the
 * sentence in the rating queue (source "lesson"); the learner reads the level and comment. An
 * instructor of another organization is refused the class by URL, form post and export.
 * CLASSES_SCREENSHOTS=1 saves screenshots in vi and lo at both sizes under tmp/classes/.
 */

const vi = messages('vi');
const lo = messages('lo');
const SCREENSHOTS = process.env.CLASSES_SCREENSHOTS === '1';
const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } };
const LAPTOP = { viewport: { width: 1280, height: 800 } };

async function shoot(context: BrowserContext, page: Page, name: string, locale: string) {
	if (!SCREENSHOTS) return;
	const origin = new URL(page.url()).origin;
	for (const l of ['vi', 'lo']) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: l, url: origin }]);
		await page.reload();
		await page.screenshot({ path: `tmp/classes/${name}-${l}.png`, fullPage: true });
	}
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: origin }]);
	await page.reload();
}

async function registerLearner(browser: Browser, name: string) {
	const context = await browser.newContext({
		...PHONE,
		locale: 'lo-LA',
		permissions: ['microphone']
	});
	const page = await context.newPage();
	const username = uniqueUsername('cadre');
	await page.goto('/register?code=HUAP-2026');
	await page.locator('input[name=displayName]').fill(name);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill('huaphan-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	return { context, page, username };
}

test('an instructor runs a class: enrols, assigns, follows progress, rates a spoken sentence', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const course = readCourse('vi-for-lo');
	const lesson = lessonWithEveryKind(course);
	const bounmy = await registerLearner(browser, 'ບຸນມີ ສີສຸວັນ');
	const khamla = await registerLearner(browser, 'ຄຳຫຼ້າ ວົງສາ');

	// The instructor, on a laptop in Vietnamese, creates the class.
	const desk = await browser.newContext({ ...LAPTOP, locale: 'vi-VN' });
	const instructor = await desk.newPage();
	await logIn(instructor, 'instructor');
	await expect(instructor).toHaveURL(/\/author$/);
	await instructor.getByRole('link', { name: vi.class_home_link }).click();
	await expect(instructor.getByRole('heading', { level: 1 })).toHaveText(vi.class_list_title);
	await instructor.getByRole('button', { name: vi.class_create_submit }).click();
	// The browser's own check stops an empty name; a blank one reaches the server and comes back.
	await instructor.getByLabel(vi.class_field_name).fill('   ');
	await instructor.getByRole('button', { name: vi.class_create_submit }).click();
	await expect(instructor.getByText(vi.class_error_name_required)).toBeVisible();
	const className = `Lớp Lào khoá 6 · ${Date.now().toString(36)}`;
	await instructor.getByLabel(vi.class_field_name).fill(className);
	await instructor.getByRole('button', { name: vi.class_create_submit }).click();
	await expect(instructor.getByRole('heading', { level: 1 })).toHaveText(className);
	const classUrl = new URL(instructor.url()).pathname;
	expect(classUrl).toMatch(/^\/author\/classes\/[0-9a-f-]{36}$/);

	await instructor.getByLabel(vi.class_assign_label, { exact: true }).selectOption('vi-for-lo');
	await instructor.getByRole('button', { name: vi.class_assign }).click();
	await expect(instructor.getByTestId('class-courses')).toContainText(
		gloss(course.title, 'vi', course)
	);

	await instructor.getByLabel(vi.field_username, { exact: true }).fill(bounmy.username);
	await instructor.getByRole('button', { name: vi.class_enrol_submit }).first().click();
	await expect(
		instructor.getByText(fill(vi.class_enrolled, { added: 1, already: 0 })).first()
	).toBeVisible();

	// A list with an unknown name: nobody is enrolled and the list stays to be corrected.
	const csv = instructor.getByLabel(vi.class_enrol_csv_paste);
	await csv.fill(`Tên đăng nhập\nkhong-co-ai\n${khamla.username}`);
	await instructor.getByRole('button', { name: vi.class_enrol_submit }).nth(1).click();
	await expect(instructor.getByRole('alert')).toContainText('khong-co-ai');
	await expect(csv).toHaveValue(`Tên đăng nhập\nkhong-co-ai\n${khamla.username}`);
	await expect(instructor.getByTestId('class-learners')).not.toContainText(khamla.username);
	await csv.fill(`Tên đăng nhập\n${khamla.username}\n${bounmy.username}`);
	await instructor.getByRole('button', { name: vi.class_enrol_submit }).nth(1).click();
	await expect(
		instructor.getByText(fill(vi.class_enrolled, { added: 1, already: 1 })).first()
	).toBeVisible();
	// A third learner registers on their phone with the class's own invitation code.
	const classCode = (await instructor.getByTestId('class-code').textContent())!.trim();
	const joined = await browser.newContext({ ...PHONE, locale: 'lo-LA' });
	const joiner = await joined.newPage();
	const joinerName = uniqueUsername('joiner');
	await joiner.goto(`/register?code=${classCode}`);
	await joiner.locator('input[name=displayName]').fill('ວັນນາ ແກ້ວມະນີ');
	await joiner.locator('input[name=username]').fill(joinerName);
	await joiner.locator('input[name=password]').fill('huaphan-2026');
	await joiner.locator('main button[type=submit]').click();
	await expect(joiner).toHaveURL(/\/learn$/);
	await expect(
		joiner.getByRole('heading', { name: gloss(course.title, 'lo', course) })
	).toBeVisible();
	await joined.close();

	await instructor.reload();
	const table = instructor.getByTestId('class-learners');
	await expect(table).toContainText(bounmy.username);
	await expect(table).toContainText(khamla.username);
	await expect(table).toContainText(joinerName);
	await shoot(desk, instructor, 'class-laptop', 'vi');

	// The learner finds the class's course on the phone, already enrolled, and plays a lesson.
	await bounmy.page.goto('/learn');
	await expect(
		bounmy.page.getByRole('heading', { name: gloss(course.title, 'lo', course) })
	).toBeVisible();
	await bounmy.page.goto(`/learn/lessons/${course.id}.${lesson.id}`);
	for (const ex of lesson.exercises) await answer(bounmy.page, course, ex, 'lo', lo);
	await expect(bounmy.page.getByRole('status').filter({ hasText: lo.learn_saved })).toBeVisible();
	await bounmy.page.goto('/learn');
	await expect(bounmy.page.getByTestId('speaking-ratings')).toContainText(lo.learn_rating_pending);

	// The instructor on a phone: progress, chart and export.
	const pocket = await browser.newContext({ ...PHONE, locale: 'vi-VN' });
	const phone = await pocket.newPage();
	await logIn(phone, 'instructor');
	await phone.goto(classUrl);
	const row = phone
		.getByTestId('class-learners')
		.locator('tr')
		.filter({ hasText: bounmy.username });
	await expect(row.locator('td').first()).toHaveText(/^1\/\d+$/);
	await expect(phone.getByTestId('class-chart')).toBeVisible();
	await shoot(pocket, phone, 'class-phone', 'vi');
	const exported = await phone.request.get(`${classUrl}/export.csv`);
	expect(exported.status()).toBe(200);
	expect(exported.headers()['content-type']).toContain('text/csv');
	const text = await exported.text();
	expect(text).toContain(vi.class_col_streak);
	expect(text.split('\r\n').find((l) => l.includes(bounmy.username))).toMatch(/,1,\d+,/);

	// The spoken sentences wait in the school's queue as lesson answers; the instructor rates them.
	const speaks = lesson.exercises.filter((e) => e.kind === 'speak');
	expect(speaks.length).toBeGreaterThan(0);
	for (let n = 0; n < speaks.length; n++) {
		await phone.goto('/author/ratings');
		const item = phone.locator('ol.queue li').filter({ hasText: vi.rate_source_lesson }).first();
		await item.getByRole('link', { name: vi.rate_open }).click();
		await expect(phone.locator('.prompt')).toHaveText(
			new RegExp(speaks.map((s) => (s.kind === 'speak' ? escape(s.text) : '')).join('|'))
		);
		if (n === 0) await shoot(pocket, phone, 'rating-lesson-phone', 'vi');
		const fieldsets = phone.locator('form fieldset');
		for (let i = 0; i < (await fieldsets.count()); i++)
			await fieldsets.nth(i).locator('label.band').last().click();
		await phone.getByLabel(vi.rate_comment).fill('Thanh điệu rất tốt, nói chậm hơn một chút.');
		await phone.getByRole('button', { name: vi.rate_submit }).click();
		await expect(phone.getByRole('status').first()).toContainText(vi.rate_saved.split('{')[0]);
	}
	await phone.goto('/author/ratings');
	await expect(phone.locator('ol.queue li').filter({ hasText: vi.rate_source_lesson })).toHaveCount(
		0
	);

	// The learner reads the level and the comment on their progress page.
	await bounmy.page.goto('/learn');
	const ratings = bounmy.page.getByTestId('speaking-ratings');
	await expect(ratings).toContainText('Thanh điệu rất tốt, nói chậm hơn một chút.');
	await expect(ratings).toContainText(lo.learn_rating_level.split('{')[0].trim());
	await expect(ratings).not.toContainText(lo.learn_rating_pending);
	await shoot(bounmy.context, bounmy.page, 'learner-ratings-phone', 'lo');

	// An instructor of another school (an administrator's invitation code) is refused everything.
	const admin = await (await browser.newContext()).newPage();
	await logIn(admin, 'admin');
	await admin.goto('/admin/organizations/org-lai-chau-college');
	await admin.locator('#code-role').selectOption('instructor');
	await admin.getByRole('button', { name: vi.admin_create_code }).click();
	const status = admin.getByRole('status').filter({ hasText: vi.admin_code_created.split('{')[0] });
	const code = (await status.textContent())!
		.replace(vi.admin_code_created.split('{')[0], '')
		.trim();
	const outsider = await (await browser.newContext({ ...LAPTOP, locale: 'vi-VN' })).newPage();
	await outsider.goto(`/register?code=${code}`);
	await outsider.locator('input[name=displayName]').fill('Giáo viên Lai Châu');
	await outsider.locator('input[name=username]').fill(uniqueUsername('laichau'));
	await outsider.locator('input[name=password]').fill('lai-chau-2026');
	await outsider.locator('main button[type=submit]').click();
	await expect(outsider).toHaveURL(/\/author$/);
	await outsider.goto('/author/classes');
	await expect(outsider.getByText(className)).toHaveCount(0);
	expect((await outsider.goto(classUrl))?.status()).toBe(403);
	expect((await outsider.request.get(`${classUrl}/export.csv`)).status()).toBe(403);
	const post = await outsider.request.post(`${classUrl}?/enrolOne`, {
		form: { username: 'learner' },
		headers: { origin: new URL(outsider.url()).origin },
		maxRedirects: 0
	});
	expect(post.status()).toBe(403);
	await phone.goto(classUrl);
	expect(await phone.getByTestId('class-learners').locator('tbody tr').count()).toBe(3);

	await instructor.goto('/author/classes');
	await shoot(desk, instructor, 'classes-list-laptop', 'vi');
	for (const c of [desk, pocket, bounmy.context, khamla.context]) await c.close();
});
