import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { logIn, uniqueUsername } from '../helpers';
import { fill, messages } from '../learner/play';

/**
 * Staff pages at desk width (issue 15): on a 1280×800 laptop no page is wider than the screen, the
 * candidates' table is wide on the left with their filter and level chart beside it, every column
 * of the table is in view without scrolling sideways, and the header row stays in view while a long table scrolls; on a 390×844 phone no page
 * is wider than the screen either (a wide table scrolls in its own box). In Vietnamese and Lao: the
 * words differ in length. The data is made through the pages: a program with 40 invited candidates
 * (sending organizations with long names), a class with a learner.
 */

const vi = messages('vi');
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const LOCALES = ['vi', 'lo'] as const;
const RUN = Date.now().toString(36);
const ORGANIZATIONS = [
	'Sở Giáo dục và Thể thao tỉnh U Đôm Xay',
	'Ban Tổ chức Tỉnh uỷ Hủa Phăn',
	'ພະແນກສຶກສາທິການ ແລະ ກິລາ ແຂວງອຸດົມໄຊ'
];
const CANDIDATES = Array.from({ length: 40 }, (_, i) =>
	i % 2 ? `ສົມສັກ ແກ້ວມະນີ ${RUN}-${i}` : `Nguyễn Văn Thành ${RUN}-${i}`
);

/** How far the page reaches past the right edge of the window (0 when it fits). */
const pageOverflow = (page: Page) =>
	page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

async function staffContext(browser: Browser, username: string) {
	const context = await browser.newContext({ viewport: DESK });
	const page = await context.newPage();
	await logIn(page, username);
	await expect(page).not.toHaveURL(/\/login/);
	return { context, page };
}

/** Each page at both widths in both interface languages: never wider than the window. */
async function expectNoOverflow(page: Page, paths: string[]) {
	const origin = new URL(page.url()).origin;
	for (const viewport of [DESK, PHONE]) {
		await page.setViewportSize(viewport);
		for (const locale of LOCALES) {
			await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: origin }]);
			for (const path of paths) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				expect.soft(await pageOverflow(page), `${path}, ${locale}, ${viewport.width} px`).toBe(0);
			}
		}
	}
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: origin }]);
	await page.setViewportSize(DESK);
}

/** The page's main column uses a laptop's width (a reading column is 44rem, about 750 px). */
async function expectDeskWidth(page: Page) {
	const main = (await page.locator('main').boundingBox())!;
	expect.soft(main.width, `${new URL(page.url()).pathname} uses the width`).toBeGreaterThan(1100);
}

/** A table's box shows all its columns: nothing to scroll sideways to. */
const fitsSideways = (region: Locator) =>
	region.evaluate((box) => box.scrollWidth <= box.clientWidth);

test('officer pages fit a laptop: filter beside the candidates, every column in view, the header row stays; no page wider than a phone', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const { context, page } = await staffContext(browser, 'officer');

	await page.goto('/admissions/programs/new');
	await page
		.getByLabel(vi.adm_field_program_name, { exact: true })
		.fill('Trung cấp lý luận chính trị');
	await page.getByLabel(vi.adm_field_intake, { exact: true }).fill(`Lớp Lào khoá ${RUN}`);
	await page.getByLabel(vi.adm_field_bank, { exact: true }).selectOption('e2e-vi');
	await page.getByLabel(vi.adm_field_min_overall, { exact: true }).selectOption('3');
	await page.getByRole('button', { name: vi.adm_new_program }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trung cấp lý luận chính trị');
	const programUrl = new URL(page.url()).pathname;
	const list = CANDIDATES.map((name, i) => `${name},${ORGANIZATIONS[i % 3]}`).join('\n');
	await page.getByLabel(vi.adm_csv_paste).fill(`Họ và tên,Đơn vị cử\n${list}\n`);
	await page.getByRole('button', { name: vi.adm_csv_submit }).click();
	await expect(
		page.getByRole('status').filter({ hasText: fill(vi.adm_invited_count, { count: 40 }) })
	).toBeVisible();

	// At 1280 px: the table wide on the left; the status filter and the level chart in a column on its right, level with it.
	await page.goto(programUrl);
	await expectDeskWidth(page);
	const region = page.getByRole('region', { name: vi.adm_candidates });
	await expect(region.locator('tbody tr')).toHaveCount(CANDIDATES.length);
	const filter = page
		.getByRole('navigation', { name: vi.adm_filter_status })
		.or(page.getByLabel(vi.adm_filter_status, { exact: true }));
	const filterBox = (await filter.boundingBox())!;
	const tableBox = (await region.boundingBox())!;
	expect
		.soft(tableBox.x + tableBox.width, 'the table ends where the filter begins')
		.toBeLessThanOrEqual(filterBox.x);
	const chartBox = (await page.getByRole('heading', { name: vi.adm_chart_title }).boundingBox())!;
	expect
		.soft(chartBox.x, 'the chart is in the filter’s column')
		.toBeGreaterThanOrEqual(filterBox.x - 1);
	expect.soft(chartBox.y, 'under the filter').toBeGreaterThan(filterBox.y + filterBox.height - 1);
	expect.soft(chartBox.x + chartBox.width).toBeLessThanOrEqual(DESK.width);
	expect
		.soft(filterBox.y, 'the filter is level with the table')
		.toBeLessThan(tableBox.y + tableBox.height);
	expect.soft(tableBox.y).toBeLessThan(filterBox.y + filterBox.height);
	// Every column in view: the table needs no sideways scrolling, and ends inside the window.
	expect.soft(await fitsSideways(region), 'all the columns fit at 1280 px').toBe(true);
	expect.soft(tableBox.x + tableBox.width).toBeLessThanOrEqual(DESK.width);

	// The officer scrolls down the long table with the mouse wheel: the header row stays in view.
	await region.scrollIntoViewIfNeeded();
	const header = region.locator('thead th').first();
	await region.locator('tbody tr').first().hover();
	await page.mouse.wheel(0, 700);
	// The first row goes up under the header row (it would go up with it if the page scrolled instead).
	await expect
		.soft(async () => {
			const row = (await region.locator('tbody tr').first().boundingBox())!;
			expect(row.y).toBeLessThan((await header.boundingBox())!.y);
		})
		.toPass({ timeout: 5_000 });
	const headerBox = (await header.boundingBox())!;
	const regionBox = (await region.boundingBox())!;
	expect.soft(headerBox.y, 'the header row is still in the window').toBeGreaterThanOrEqual(0);
	expect.soft(headerBox.y + headerBox.height).toBeLessThanOrEqual(DESK.height);
	expect
		.soft(headerBox.y, 'the header row sits at the top of the table')
		.toBeGreaterThanOrEqual(regionBox.y - 1);
	expect.soft(headerBox.y).toBeLessThanOrEqual(regionBox.y + 4);

	await page.getByRole('link', { name: CANDIDATES[0] }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(CANDIDATES[0]);
	const candidateUrl = new URL(page.url()).pathname;

	await expectNoOverflow(page, [
		'/admissions',
		'/admissions/programs/new',
		programUrl,
		`${programUrl}?status=invited&sort=name&dir=desc`,
		`${programUrl}/edit`,
		`${programUrl}/invitations`,
		candidateUrl,
		'/admissions/audit',
		'/admissions/raters'
	]);
	await context.close();
});

test('administrator pages are never wider than a laptop or a phone', async ({ browser }) => {
	const { context, page } = await staffContext(browser, 'admin');
	await page.goto('/admin');
	await page.locator('main a[href^="/admin/organizations/"]').first().click();
	await expect(page).toHaveURL(/\/admin\/organizations\//);
	await expectNoOverflow(page, ['/admin', new URL(page.url()).pathname]);
	await context.close();
});

test('an instructor’s class tables fit a laptop and stay inside a phone’s width', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// A learner registers (on a phone, in Lao) so that the class has a row in its tables.
	const phone = await browser.newContext({ viewport: PHONE, locale: 'lo-LA' });
	const learnerPage = await phone.newPage();
	const username = uniqueUsername('desk');
	await learnerPage.goto('/register?code=HUAP-2026');
	await learnerPage.locator('input[name=displayName]').fill('ບຸນມີ ສີສຸວັນ');
	await learnerPage.locator('input[name=username]').fill(username);
	await learnerPage.locator('input[name=password]').fill('huaphan-2026');
	await learnerPage.locator('main button[type=submit]').click();
	await expect(learnerPage).toHaveURL(/\/learn$/);
	await phone.close();

	const { context, page } = await staffContext(browser, 'instructor');
	await page.goto('/author/classes');
	const className = `Lớp tiếng Việt cho cán bộ Lào · ${RUN}`;
	await page.getByLabel(vi.class_field_name).fill(className);
	await page.getByRole('button', { name: vi.class_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(className);
	const classUrl = new URL(page.url()).pathname;
	await page.getByLabel(vi.field_username, { exact: true }).fill(username);
	await page.getByRole('button', { name: vi.class_enrol_submit }).first().click();
	await expect(page.getByTestId('class-learners')).toContainText(username);

	// At 1280 px the learners' table shows every column without sideways scrolling.
	await page.goto(classUrl);
	await expectDeskWidth(page);
	// The table's own scrolling box.
	const learners = page.getByTestId('class-learners').locator('xpath=..');
	expect.soft(await fitsSideways(learners), 'the learners table fits at 1280 px').toBe(true);
	await expectNoOverflow(page, ['/author/classes', classUrl]);
	await context.close();
});
