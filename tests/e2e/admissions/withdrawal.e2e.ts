import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { logIn, uniqueUsername } from '../helpers';

/**
 * Issue 9, staff left stranded: the officer (Vietnamese, laptop) edits a program once a candidate
 * has started (the requirement is locked, the time limit is not), withdraws a candidate who
 * registered and is in the middle of the test, and withdraws the program; the candidate (Lao, phone)
 * is told. Screenshots go to SCREENSHOT_DIR when it is set.
 */

type Messages = Record<string, string>;
const load = (locale: string): Messages =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const vi = load('vi');
const lo = load('lo');
const t = (messages: Messages, key: string, params: Record<string, string | number> = {}) =>
	messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

const PROGRAM = 'Bồi dưỡng tiếng Việt cho cán bộ nguồn';
const INTAKE = `Khoá rút ${Date.now().toString(36)}`;
const CANDIDATE = 'ເພັດສະໝອນ ວົງໄຊ';
const REASON = 'Tỉnh Hủa Phăn cử người khác thay';

async function shot(page: Page, name: string) {
	const dir = process.env.SCREENSHOT_DIR;
	if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function laoPhone(browser: Browser, baseURL: string) {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: baseURL }]);
	return { context, page: await context.newPage() };
}

test('the officer edits a program, withdraws a registered candidate and the program; the candidate is told', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const officer = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
	const o = await officer.newPage();
	await logIn(o, 'officer');
	await expect(o).not.toHaveURL(/\/login/);

	// A program and one invited candidate.
	await o.goto('/admissions/programs/new');
	await o.getByLabel(vi.adm_field_program_name, { exact: true }).fill(PROGRAM);
	await o.getByLabel(vi.adm_field_intake, { exact: true }).fill(INTAKE);
	await o.getByLabel(vi.adm_field_bank, { exact: true }).selectOption('e2e-vi');
	await o.getByRole('button', { name: vi.adm_new_program }).click();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText(PROGRAM);
	const programUrl = new URL(o.url()).pathname;
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill(CANDIDATE);
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await expect(o.getByRole('link', { name: CANDIDATE })).toBeVisible();
	await o.goto(`${programUrl}/invitations`);
	const code = (await o
		.locator('li.invitation')
		.filter({ hasText: CANDIDATE })
		.locator('.code')
		.textContent())!.trim();

	// Before anyone started, the requirement can still change: the minimum goes from 3 to 2.
	await o.goto(programUrl);
	await o.getByRole('link', { name: vi.adm_program_edit }).click();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText(vi.adm_program_edit);
	await expect(o.getByText(vi.adm_program_edit_rules)).toBeVisible();
	await o.getByLabel(vi.adm_field_min_overall, { exact: true }).selectOption('2');
	await o.getByRole('button', { name: vi.adm_program_save }).click();
	await expect(o.getByRole('status').filter({ hasText: vi.adm_program_saved })).toBeVisible();

	// The candidate registers on a phone in Lao and starts the test.
	const phone = await laoPhone(browser, baseURL!);
	const c = phone.page;
	await c.goto(`/register?code=${code}`);
	await c.getByLabel(lo.field_display_name, { exact: true }).fill(CANDIDATE);
	await c.getByLabel(lo.field_username, { exact: true }).fill(uniqueUsername('rut'));
	await c.getByLabel(lo.field_password, { exact: true }).fill('huaphan-2026');
	await c.getByRole('button', { name: lo.register_submit }).click();
	await expect(c).toHaveURL(/\/learn$/);
	await c.goto('/learn/screening');
	await c
		.getByRole('link', { name: t(lo, 'test_program', { program: PROGRAM, intake: INTAKE }) })
		.click();
	await c.getByRole('button', { name: lo.test_start }).click();
	await expect(c).toHaveURL(/\/learn\/screening\/[^/]+\/test$/);
	const testUrl = new URL(c.url()).pathname;
	const overviewUrl = testUrl.replace(/\/test$/, '');

	// Now the requirement is locked; a wrong time limit is refused with what was typed kept, a right one saved.
	await o.goto(`${programUrl}/edit`);
	await expect(o.getByText(`🔒 ${vi.adm_program_locked}`)).toBeVisible();
	await expect(o.getByLabel(vi.adm_field_min_overall, { exact: true })).toBeDisabled();
	await o.getByLabel(vi.adm_field_time_limit, { exact: true }).fill('5');
	await o.getByRole('button', { name: vi.adm_program_save }).click();
	await expect(o.getByText(t(vi, 'adm_error_number_invalid', { min: 10, max: 300 }))).toBeVisible();
	await expect(o.getByLabel(vi.adm_field_time_limit, { exact: true })).toHaveValue('5');
	await o.getByLabel(vi.adm_field_time_limit, { exact: true }).fill('90');
	await o.getByRole('button', { name: vi.adm_program_save }).click();
	await expect(o.getByRole('status').filter({ hasText: vi.adm_program_saved })).toBeVisible();
	await shot(o, 'program-edit-locked-vi-1280');
	await o.goto(programUrl);
	await expect(
		o.getByText(
			t(vi, 'adm_rules', { minutes: 90, attempts: 2, days: 14, months: 24 }).split(',')[0]
		)
	).toBeVisible();

	// The officer withdraws the registered candidate: without the confirmation, nothing happens and
	// the reason typed stays; with it, it is done.
	await o.getByRole('link', { name: CANDIDATE }).click();
	await o.getByText(vi.adm_withdraw_candidate_title).click();
	await o.getByLabel(vi.adm_withdraw_reason, { exact: true }).fill(REASON);
	await o.getByRole('button', { name: vi.adm_withdraw_candidate_submit }).click();
	await expect(o.getByText(vi.adm_confirm_needed)).toBeVisible();
	await expect(o.getByLabel(vi.adm_withdraw_reason, { exact: true })).toHaveValue(REASON);
	await expect(o.getByTestId('candidate-status')).not.toHaveText(vi.adm_status_withdrawn);
	await o.getByLabel(t(vi, 'adm_withdraw_candidate_confirm', { name: CANDIDATE })).check();
	await o.getByRole('button', { name: vi.adm_withdraw_candidate_submit }).click();
	await expect(o.getByTestId('candidate-withdrawn')).toContainText(REASON);
	await expect(o.getByTestId('candidate-status')).toHaveText(vi.adm_status_withdrawn);
	await shot(o, 'candidate-withdrawn-vi-1280');

	// The candidate's open test is closed: the test page leads back to the overview, which says why.
	await c.goto(testUrl);
	await expect(c).toHaveURL(new RegExp(`${overviewUrl}$`));
	await expect(
		c.getByRole('status').filter({ hasText: lo.test_not_eligible_withdrawn })
	).toBeVisible();
	await expect(c.getByRole('button', { name: lo.test_start })).toHaveCount(0);
	await expect(c.getByRole('button', { name: lo.test_resume })).toHaveCount(0);
	await shot(c, 'candidate-told-lo-390');
	await c.goto('/learn/screening');
	await expect(c.getByText(lo.adm_status_withdrawn)).toBeVisible();

	// The officer withdraws the program: reason and confirmation, then the program page says so.
	await o.goto(`${programUrl}/edit`);
	await o.getByText(vi.adm_program_withdraw_title, { exact: true }).first().click();
	await o
		.getByLabel(vi.adm_withdraw_reason, { exact: true })
		.fill('Khoá học bị huỷ theo đề nghị của tỉnh');
	await o.getByLabel(t(vi, 'adm_program_withdraw_confirm', { name: PROGRAM })).check();
	await shot(o, 'program-withdraw-form-vi-1280');
	await o.getByRole('button', { name: vi.adm_program_withdraw_submit }).click();
	await expect(o).toHaveURL(new RegExp(`${programUrl}$`));
	await expect(o.getByTestId('program-withdrawn')).toContainText(
		'Khoá học bị huỷ theo đề nghị của tỉnh'
	);
	await expect(o.getByRole('link', { name: vi.adm_program_edit })).toHaveCount(0);

	// Both withdrawals and the edits are in the audit log.
	await o.goto('/admissions/audit');
	for (const label of [
		vi.adm_action_program_withdrawn,
		vi.adm_action_candidate_withdrawn,
		vi.adm_action_program_edited
	])
		// In the table (the filter beside it offers the same words as options).
		await expect(
			o.getByTestId('audit-table').getByText(label, { exact: true }).first()
		).toBeVisible();

	if (process.env.SCREENSHOT_DIR) {
		// The same screens at the other width and in the other language, to look at (not asserted).
		await o.setViewportSize({ width: 390, height: 844 });
		await o.goto(`${programUrl}/edit`);
		await shot(o, 'program-withdrawn-edit-vi-390');
		await o.goto(programUrl);
		await shot(o, 'program-withdrawn-vi-390');
		await officer.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: baseURL! }]);
		await o.setViewportSize({ width: 1280, height: 800 });
		await o.goto(programUrl);
		await shot(o, 'program-withdrawn-lo-1280');
		await c.setViewportSize({ width: 1280, height: 800 });
		await c.goto(overviewUrl);
		await shot(c, 'candidate-told-lo-1280');
		await phone.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: baseURL! }]);
		await c.setViewportSize({ width: 390, height: 844 });
		await c.goto(overviewUrl);
		await shot(c, 'candidate-told-vi-390');
	}

	await phone.context.close();
	await officer.close();
});
