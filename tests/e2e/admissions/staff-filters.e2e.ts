import { expect, test, type Page } from '@playwright/test';
import { logIn, uniqueUsername } from '../helpers';
import { fill, messages } from '../learner/play';

/**
 * Issue 15: the audit log's filter (kind of action, person, dates) and the administrator's role
 * filter are in the address and applied by the server: a filter that the server ignored would show
 * rows it should have left out, which these checks would see. Values no form sends are ignored with
 * a notice, never a server error. The audit log's CSV takes the page's filter.
 */

const vi = messages('vi');
const RUN = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };
/** The demo's organization whose learners register with HUAP-2026. */
const ORGANIZATION = '/admin/organizations/org-huaphan-organization-committee';

/** The text of one column (0-based) in every body row of a table. */
const column = (page: Page, testid: string, index: number) =>
	page
		.getByTestId(testid)
		.locator('tbody tr')
		.evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim() ?? ''), index);

test('the audit log is filtered by the server by kind, person and dates, and its CSV follows', async ({
	page
}) => {
	test.setTimeout(120_000);
	await logIn(page, 'officer');
	await expect(page).not.toHaveURL(/\/login/);
	// Something in the log: a program and two invited candidates.
	await page.goto('/admissions/programs/new');
	await page.getByLabel(vi.adm_field_program_name, { exact: true }).fill(`Lọc nhật ký ${RUN}`);
	await page.getByLabel(vi.adm_field_intake, { exact: true }).fill(`Khoá ${RUN}`);
	await page.getByLabel(vi.adm_field_bank, { exact: true }).selectOption('e2e-vi');
	await page.getByRole('button', { name: vi.adm_new_program }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lọc nhật ký ${RUN}`);
	await page.getByLabel(vi.adm_csv_paste).fill(`Họ và tên\nKhamla ${RUN}\nBounmy ${RUN}\n`);
	await page.getByRole('button', { name: vi.adm_csv_submit }).click();
	await expect(
		page.getByRole('status').filter({ hasText: fill(vi.adm_invited_count, { count: 2 }) })
	).toBeVisible();

	// The filter's form, by kind of action: the URL carries it, every row is of that kind.
	await page.goto('/admissions/audit');
	const filter = page.getByTestId('audit-filter');
	await filter.getByLabel(vi.adm_audit_filter_action).selectOption('candidates_invited');
	await filter.getByRole('button', { name: vi.items_filter_submit }).click();
	await expect(page).toHaveURL(/[?&]action=candidates_invited/);
	const actions = await column(page, 'audit-table', 2);
	expect(actions.length).toBeGreaterThan(0);
	expect(new Set(actions)).toEqual(new Set([vi.audit_action_candidates_invited]));
	// (Whether other kinds are in the log depends on the tests before this one; that each filter leaves
	// out what it should is checked on fixed data in tests/integration/admissions-officer.spec.ts.)

	// By person: the officer's own name; every row is theirs.
	await page.goto('/admissions/audit');
	const who = filter.getByLabel(vi.adm_col_who);
	const officerOption = who.locator('option').filter({ hasNotText: vi.adm_all_statuses }).first();
	const officerName = (await officerOption.textContent())!.trim();
	await who.selectOption({ label: officerName });
	await filter.getByRole('button', { name: vi.items_filter_submit }).click();
	await expect(page).toHaveURL(/[?&]actor=/);
	expect(new Set(await column(page, 'audit-table', 1))).toEqual(new Set([officerName]));

	// By dates: a range long before the app existed holds nothing; today holds the invitations.
	await page.goto('/admissions/audit?from=2001-01-01&to=2001-12-31');
	await expect(page.getByTestId('audit-table')).toHaveCount(0);
	await expect(page.getByText(vi.adm_audit_no_match)).toBeVisible();
	const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	await page.goto(`/admissions/audit?from=${today}&to=${today}&action=candidates_invited`);
	await expect(page.getByTestId('audit-table').locator('tbody tr').first()).toBeVisible();
	await expect(page.getByLabel(vi.adm_audit_filter_from)).toHaveValue(today);

	// The CSV link carries the same filter, and the file holds only those rows.
	const link = page.getByRole('link', { name: vi.adm_audit_export });
	await expect(link).toHaveAttribute('href', /action=candidates_invited/);
	const csv = await (await page.request.get((await link.getAttribute('href'))!)).text();
	const lines = csv.trim().split('\r\n').slice(1);
	expect(lines.length).toBe((await column(page, 'audit-table', 0)).length);
	const everything = await (await page.request.get('/admissions/audit/export.csv')).text();
	const none = await (
		await page.request.get('/admissions/audit/export.csv?from=2001-01-01&to=2001-12-31')
	).text();
	expect(none.trim().split('\r\n')).toHaveLength(1);
	expect(everything.trim().split('\r\n').length).toBeGreaterThanOrEqual(lines.length + 1);

	// Values no form sends: a page with a notice (never a 500), the valid parts still applied.
	const odd = await page.goto(
		'/admissions/audit?action=%27%3Bdrop&from=2026-02-31&to=yesterday&actor=' + 'x'.repeat(300)
	);
	expect(odd?.status()).toBe(200);
	await expect(page.getByTestId('audit-filter-ignored')).toHaveText(vi.adm_audit_filter_ignored);
	const badCsv = await page.request.get('/admissions/audit/export.csv?from=2026-13-45');
	expect(badCsv.status()).toBe(200);
});

test('an administrator lists the members of one role, chosen in the address', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// A new member of Hủa Phăn (its learners' code), whom the administrator also makes an instructor.
	const phone = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
	const newcomer = await phone.newPage();
	const username = uniqueUsername('roles');
	await newcomer.goto('/register?code=HUAP-2026');
	await newcomer.locator('input[name=displayName]').fill('Vàng Thị Mai');
	await newcomer.locator('input[name=username]').fill(username);
	await newcomer.locator('input[name=password]').fill('huaphan-2026');
	await newcomer.locator('main button[type=submit]').click();
	await expect(newcomer).toHaveURL(/\/learn$/);
	await phone.close();

	const context = await browser.newContext({ viewport: PHONE });
	const page = await context.newPage();
	await logIn(page, 'admin');
	await expect(page).not.toHaveURL(/\/login/);
	await page.goto(ORGANIZATION);
	const grant = page.locator('form[action="?/grantRole"]');
	await grant.locator('input[name=username]').fill(username);
	await grant.locator('select[name=role]').selectOption('instructor');
	await grant.locator('button[type=submit]').click();
	await expect(grant.getByRole('status')).toHaveText(vi.admin_role_granted);

	await page.goto(ORGANIZATION);
	const rows = page.getByTestId('members-table').locator('tbody tr');
	const all = await rows.count();
	const names = () => column(page, 'members-table', 0);
	expect((await names()).some((n) => n.includes(username))).toBe(true);
	const filter = page.getByTestId('member-role-filter');
	const listed: Record<string, string[]> = {};
	for (const [role, label] of [
		['learner', vi.role_learner],
		['instructor', vi.role_instructor],
		['admissions', vi.role_admissions],
		['admin', vi.role_admin]
	] as const) {
		await filter.getByRole('link', { name: label, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`[?&]role=${role}$`));
		await expect(filter.getByRole('link', { name: label, exact: true })).toHaveAttribute(
			'aria-current',
			'true'
		);
		// Every member listed holds the role: the server narrowed the list.
		for (const cell of await column(page, 'members-table', 1)) expect(cell, role).toContain(label);
		listed[role] = await names();
	}
	// The newcomer is a learner and an instructor; the demo learner only a learner.
	expect(listed.instructor.some((n) => n.includes(username))).toBe(true);
	expect(listed.instructor.some((n) => n.includes('@learner'))).toBe(false);
	expect(listed.learner.some((n) => n.includes('@learner'))).toBe(true);
	expect(listed.instructor.length).toBeLessThan(all);
	// The table stays inside the phone's width: no sideways scrolling, in the page or in the table.
	expect(
		await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)
	).toBe(0);
	await page.goto(ORGANIZATION);
	expect(
		await page.getByTestId('members-table').evaluate((box) => box.scrollWidth - box.clientWidth)
	).toBe(0);

	const odd = await page.goto(`${ORGANIZATION}?role=superuser`);
	expect(odd?.status()).toBe(200);
	await expect(page.getByText(vi.adm_audit_filter_ignored)).toBeVisible();
	await expect(rows).toHaveCount(all);
	await context.close();
});
