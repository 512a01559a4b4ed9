import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { answerItem, logIn, uniqueUsername } from '../helpers';
import { escape, fill, messages } from '../learner/play';

/**
 * A class's exit test end to end. A cadre placed by a test (the deterministic e2e bank, whose correct
 * option reads "Đáp án đúng", answered wrongly: a low entry level) registers on a phone in Lao and
 * joins the instructor's class with its code (a wrong code first: a translated error, what was typed
 * kept). The instructor (laptop, Vietnamese) opens the exit test without rated parts; the learner
 * finds it on the home page and takes it at 390×844 in Lao on the screening's own test pages,
 * answering rightly: a result per skill, no pass mark, no verification code. The class page shows
 * entry → exit per skill and the class's gain. EXIT_SCREENSHOTS=1 saves vi and lo screenshots at
 * 390 and 1280 under tmp/exit/.
 */

const vi = messages('vi');
const lo = messages('lo');
const CORRECT = 'Đáp án đúng';
const SCREENSHOTS = process.env.EXIT_SCREENSHOTS === '1';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
const NAME = 'ບຸນມີ ສີສຸວັນ';

async function shoot(context: BrowserContext, page: Page, name: string, locale: 'vi' | 'lo') {
	if (!SCREENSHOTS) return;
	const origin = new URL(page.url()).origin;
	for (const size of [PHONE.viewport, LAPTOP.viewport]) {
		await page.setViewportSize(size);
		for (const l of ['vi', 'lo']) {
			await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: l, url: origin }]);
			await page.reload();
			await page.screenshot({ path: `tmp/exit/${name}-${size.width}-${l}.png`, fullPage: true });
		}
	}
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: origin }]);
	await page.reload();
}

const onTestPage = (page: Page) => new URL(page.url()).pathname.endsWith('/test');

/** Answers every item (rightly or wrongly) until the test page gives way to the result. */
async function finishTest(page: Page, right: boolean) {
	for (let i = 0; i < 45 && onTestPage(page); i++) {
		const options = page.locator('label.option');
		const choice = right
			? options.filter({ hasText: CORRECT })
			: options.filter({ hasNotText: CORRECT }).first();
		await answerItem(page, choice, lo.test_answer);
	}
	expect(onTestPage(page)).toBe(false);
}

/** The officer invites one candidate to a placement program on the e2e bank; returns their code. */
async function placementInvitation(browser: Browser): Promise<string> {
	const context = await browser.newContext({ ...LAPTOP });
	const o = await context.newPage();
	await logIn(o, 'officer');
	await o.goto('/admissions/programs/new');
	await o.getByLabel(vi.adm_field_program_name, { exact: true }).fill('Kiểm tra xếp lớp');
	await o
		.getByLabel(vi.adm_field_intake, { exact: true })
		.fill(`Đầu khoá ${Date.now().toString(36)}`);
	await o.getByLabel(vi.adm_field_bank, { exact: true }).selectOption('e2e-vi');
	await o.getByLabel(vi.adm_field_min_overall, { exact: true }).selectOption('1');
	await o.getByRole('button', { name: vi.adm_new_program }).click();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra xếp lớp');
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill(NAME);
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await expect(o.getByRole('link', { name: NAME })).toBeVisible();
	await o.goto(`${new URL(o.url()).pathname}/invitations`);
	const code = (await o
		.locator('li.invitation')
		.filter({ hasText: NAME })
		.locator('.code')
		.textContent())!.trim();
	await context.close();
	return code;
}

test('an instructor opens the exit test; a learner who joined by code takes it; the class page shows the gain', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);

	// The cadre registers with the placement invitation and takes the test weakly (the entry level).
	const code = await placementInvitation(browser);
	const phone = await browser.newContext({ ...PHONE });
	await phone.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: baseURL! }]);
	const learner = await phone.newPage();
	await learner.goto(`/register?code=${code}`);
	await learner.getByLabel(lo.field_display_name, { exact: true }).fill(NAME);
	await learner.getByLabel(lo.field_username, { exact: true }).fill(uniqueUsername('exit'));
	await learner.getByLabel(lo.field_password, { exact: true }).fill('huaphan-2026');
	await learner.getByRole('button', { name: lo.register_submit }).click();
	await expect(learner).toHaveURL(/\/learn$/);
	await learner.getByTestId('placement-tests').click();
	await learner.locator('main a[href^="/learn/screening/"]').first().click();
	await learner.getByRole('button', { name: lo.test_start }).click();
	await finishTest(learner, false);

	// The instructor creates the class.
	const desk = await browser.newContext({ ...LAPTOP, locale: 'vi-VN' });
	const instructor = await desk.newPage();
	await logIn(instructor, 'instructor');
	await expect(instructor).toHaveURL(/\/author$/);
	await instructor.goto('/author/classes');
	const className = `Lớp Lào khoá 7 · ${Date.now().toString(36)}`;
	await instructor.getByLabel(vi.class_field_name).fill(className);
	await instructor.getByRole('button', { name: vi.class_create_submit }).click();
	await expect(instructor.getByRole('heading', { level: 1 })).toHaveText(className);
	const classUrl = new URL(instructor.url()).pathname;
	const classCode = (await instructor.getByTestId('class-code').textContent())!.trim();

	// The learner, already registered, joins by the code: a wrong one first, then the right one twice.
	await learner.goto('/learn');
	const codeField = learner.getByLabel(lo.join_code_label, { exact: true });
	await codeField.fill('ZZZZ-ZZZZ');
	await learner.getByRole('button', { name: lo.join_submit }).click();
	await expect(learner.getByText(lo.join_error_code_invalid)).toBeVisible();
	await expect(codeField).toHaveValue('ZZZZ-ZZZZ');
	await codeField.fill(classCode.toLowerCase().replace('-', ''));
	await learner.getByRole('button', { name: lo.join_submit }).click();
	await expect(learner.getByTestId('join-done')).toHaveText(
		fill(lo.join_done, { name: className })
	);
	await codeField.fill(classCode);
	await learner.getByRole('button', { name: lo.join_submit }).click();
	await expect(learner.getByTestId('join-done')).toHaveText(
		fill(lo.join_already, { name: className })
	);
	await expect(learner.getByTestId('exit-tests')).toHaveCount(0);

	// The instructor opens the exit test on the same bank, without rated parts.
	await instructor.reload();
	const levels = instructor.getByTestId('class-levels');
	await expect(levels.locator('tbody tr')).toHaveCount(1);
	await expect(levels).toContainText(vi.exit_source_placement);
	await instructor.getByLabel(vi.exit_bank).selectOption('e2e-vi');
	await instructor.getByRole('button', { name: vi.exit_open }).click();
	await expect(instructor.getByRole('status').filter({ hasText: vi.exit_opened })).toBeVisible();
	await expect(instructor.getByTestId('exit-status')).toContainText(
		vi.exit_status_open.split('{')[0].trim()
	);

	// The learner finds it on the home page and takes it on the screening's test pages.
	await learner.goto('/learn');
	const card = learner.getByTestId('exit-tests');
	await expect(card).toContainText(className);
	await card.getByRole('button', { name: lo.exit_home_start }).click();
	await expect(learner).toHaveURL(/\/learn\/screening\/[^/]+$/);
	await expect(learner.getByRole('heading', { level: 1 })).toHaveText(
		fill(lo.exit_test_heading, { name: className })
	);
	await learner.getByRole('button', { name: lo.test_start }).click();
	await expect(learner).toHaveURL(/\/test$/);
	await finishTest(learner, true);
	await expect(learner.getByRole('heading', { name: lo.test_result_title })).toBeVisible();
	// A measurement for the class: no pass mark, no verification code, no second sitting.
	await expect(learner.getByTestId('verdict')).toHaveCount(0);
	await expect(learner.getByText(lo.test_result_code.split('{')[0].trim())).toHaveCount(0);
	await expect(learner.getByRole('button', { name: lo.test_start })).toHaveCount(0);
	if (SCREENSHOTS)
		await learner.screenshot({ path: 'tmp/exit/learner-result-390-lo.png', fullPage: true });
	await learner.goto('/learn');
	await expect(
		learner.getByTestId('exit-tests').getByRole('link', { name: lo.exit_home_open })
	).toBeVisible();
	await shoot(phone, learner, 'learner-home', 'lo');

	// The class page: entry → exit per skill and the class's gain.
	await instructor.reload();
	const row = levels.locator('tbody tr').first();
	const overall = (await row.locator('td[data-area=overall]').textContent())!.trim();
	const [entry, exit] = overall.split('→').map((s) => Number(s.trim()));
	expect(entry).toBeGreaterThanOrEqual(1);
	expect(exit).toBeGreaterThan(entry);
	const gainRow = instructor.getByTestId('class-gain').locator('tr[data-area=overall]');
	await expect(gainRow.locator('td').nth(0)).toHaveText(String(entry));
	await expect(gainRow.locator('td').nth(1)).toHaveText(String(exit));
	await expect(gainRow.locator('td').nth(2)).toHaveText(`+${(exit - entry).toFixed(1)}`);
	await expect(gainRow.locator('td').nth(3)).toHaveText('1');
	// Each skill: the gain is its exit − entry, or no gain where either level is missing.
	for (const skill of ['listening', 'reading', 'vocabulary_grammar']) {
		const cell = (await row.locator(`td[data-area=${skill}]`).textContent())!.trim();
		const [e, x] = cell.split('→').map((s) => Number(s.trim()));
		const gain = instructor.getByTestId('class-gain').locator(`tr[data-area=${skill}] td`).nth(2);
		if (Number.isNaN(e) || Number.isNaN(x)) await expect(gain).toHaveText('—');
		else {
			const sign = x > e ? '+' : x < e ? '−' : '';
			await expect(gain).toHaveText(new RegExp(`^${escape(sign + Math.abs(x - e).toFixed(1))}$`));
		}
	}
	await shoot(desk, instructor, 'class', 'vi');

	// Closing the window: nobody new starts, the learner keeps their result.
	await instructor.getByRole('button', { name: vi.exit_close }).click();
	await expect(instructor.getByRole('status').filter({ hasText: vi.exit_closed })).toBeVisible();
	await learner.goto('/learn');
	await expect(
		learner.getByTestId('exit-tests').getByRole('link', { name: lo.exit_home_result })
	).toBeVisible();
	expect(classUrl).toMatch(/^\/author\/classes\//);
	await phone.close();
	await desk.close();
});
