import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerItem, currentItemId, logIn, uniqueUsername } from '../helpers';

/**
 * The whole screening workflow in the browser, for both roles: the officer in Vietnamese on an office
 * laptop, candidates in Lao on a phone. The program tests with the deterministic e2e bank
 * (tests/e2e/fixtures/banks, loaded because playwright.config.ts sets EXTRA_ITEM_BANKS_DIR), whose
 * correct option always reads "Đáp án đúng".
 */

type Messages = Record<string, string>;
const load = (locale: string): Messages =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const vi = load('vi');
const lo = load('lo');
/** A message with its {parameters} filled in, as paraglide renders it. */
const t = (messages: Messages, key: string, params: Record<string, string | number> = {}) =>
	messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

const CORRECT = 'Đáp án đúng';
const PROGRAM = 'Trung cấp lý luận chính trị';
const INTAKE = `Lớp Lào khoá ${Date.now().toString(36)}`;
const STRONG = 'ບຸນມີ ສີສຸວັນ';
const WEAK = 'ສົມສັກ ແກ້ວມະນີ';
const OVERRIDE_REASON = 'Cán bộ nguồn của tỉnh Hủa Phăn, học bổ sung tiếng Việt trước khoá học';

async function officerContext(browser: Browser, baseURL: string) {
	const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await logIn(page, 'officer');
	await expect(page).not.toHaveURL(/\/login/);
	return { context, page };
}

async function laoPhoneContext(browser: Browser, baseURL: string) {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: baseURL }]);
	return { context, page: await context.newPage() };
}

async function register(page: Page, code: string, name: string) {
	await page.goto(`/register?code=${code}`);
	await page.getByLabel(lo.field_display_name, { exact: true }).fill(name);
	await page.getByLabel(lo.field_username, { exact: true }).fill(uniqueUsername('cand'));
	await page.getByLabel(lo.field_password, { exact: true }).fill('huaphan-2026');
	await page.getByRole('button', { name: lo.register_submit }).click();
	await expect(page).toHaveURL(/\/learn$/);
	// Invited: the home page leads to the test.
	await expect(page.getByTestId('placement-tests')).toBeVisible();
}

/** Opens the candidate's test from the list of tests and starts it; returns the candidate id. */
async function startTest(page: Page): Promise<string> {
	await page.goto('/learn/screening');
	await page
		.getByRole('link', { name: t(lo, 'test_program', { program: PROGRAM, intake: INTAKE }) })
		.click();
	await page.getByRole('button', { name: lo.test_start }).click();
	await expect(page).toHaveURL(/\/learn\/screening\/[^/]+\/test$/);
	return /\/learn\/screening\/([^/]+)\/test$/.exec(page.url())![1];
}

const onTestPage = (page: Page) => new URL(page.url()).pathname.endsWith('/test');

async function timerSeconds(page: Page): Promise<number> {
	const text = (await page.getByRole('timer').textContent()) ?? '';
	const [, mm, ss] = /(\d+):(\d{2})/.exec(text)!;
	return Number(mm) * 60 + Number(ss);
}

/** Chooses an option (the correct one, or a wrong one) and answers; waits for the next item or the end. */
async function answer(page: Page, right: boolean) {
	const options = page.locator('label.option');
	const choice = right
		? options.filter({ hasText: CORRECT })
		: options.filter({ hasNotText: CORRECT }).first();
	await answerItem(page, choice, lo.test_answer);
}

async function finishTest(page: Page, right: boolean) {
	for (let i = 0; i < 45 && onTestPage(page); i++) await answer(page, right);
	expect(onTestPage(page)).toBe(false);
}

test('screening end to end: program, invitation, test with a dropped connection, decisions, audit, verification', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const officer = await officerContext(browser, baseURL!);
	const o = officer.page;

	// The officer creates a program that tests with the deterministic bank, and invites two candidates.
	await o.goto('/admissions/programs/new');
	await o.getByLabel(vi.adm_field_program_name, { exact: true }).fill(PROGRAM);
	await o.getByLabel(vi.adm_field_intake, { exact: true }).fill(INTAKE);
	await o.getByLabel(vi.adm_field_bank, { exact: true }).selectOption('e2e-vi');
	await o.getByLabel(vi.adm_field_min_overall, { exact: true }).selectOption('3');
	await o.getByRole('button', { name: vi.adm_new_program }).click();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText(PROGRAM);
	const programUrl = new URL(o.url()).pathname;
	for (const name of [STRONG, WEAK]) {
		await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill(name);
		await o.getByLabel(vi.adm_field_sending_org, { exact: true }).fill('ແຂວງຫົວພັນ');
		await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
		await expect(
			o.getByRole('status').filter({ hasText: t(vi, 'adm_invited_count', { count: 1 }) })
		).toBeVisible();
		await expect(o.getByRole('link', { name })).toBeVisible();
	}
	// Inviting the same person again is caught, with what was typed kept.
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill(` ${STRONG.normalize('NFD')} `);
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await expect(o.getByText(t(vi, 'adm_error_already_invited', { name: STRONG }))).toBeVisible();
	await expect(o.getByLabel(t(vi, 'adm_invite_again', { name: STRONG }))).not.toBeChecked();
	await expect(o.getByRole('link', { name: STRONG })).toHaveCount(1);
	// A list repeating the two is not invited again either.
	await o.getByLabel(vi.adm_csv_paste).fill(`Họ và tên\n${STRONG}\n${WEAK}\n`);
	await o.getByRole('button', { name: vi.adm_csv_submit }).click();
	await expect(o.getByText(vi.adm_error_csv_all_repeated)).toBeVisible();
	await expect(o.getByRole('link', { name: WEAK })).toHaveCount(1);
	await o.goto(`${programUrl}/invitations`);
	const codeOf = async (name: string) =>
		(await o
			.locator('li.invitation')
			.filter({ hasText: name })
			.locator('.code')
			.textContent())!.trim();
	const strongCode = await codeOf(STRONG);
	const weakCode = await codeOf(WEAK);

	// The second candidate registers first, so the first has someone else's id to try.
	const weak = await laoPhoneContext(browser, baseURL!);
	await register(weak.page, weakCode, WEAK);
	const weakId = await startTest(weak.page);

	// The first candidate, on a phone in Lao, registers with the code and starts the test.
	const strong = await laoPhoneContext(browser, baseURL!);
	const c = strong.page;
	await register(c, strongCode, STRONG);
	const strongId = await startTest(c);
	await expect(c.getByText(t(lo, 'test_question_number', { number: 1 }))).toBeVisible();
	// Answer on until a listening item is current (every skill gets at least three items). Item ids
	// say nothing of the item (not `e2e-vi-lis-01`): the recording's play button tells listening.
	const playButton = c.getByRole('button', { name: `▶ ${lo.test_play}` });
	let answered = 0;
	while (answered < 2 || !(await playButton.isVisible())) {
		await answer(c, true);
		answered++;
		expect(onTestPage(c)).toBe(true);
	}
	const pending = await currentItemId(c);
	expect(pending).toMatch(/^[A-Za-z0-9_-]{22}$/);
	const number = answered + 1;

	// Integrity: another candidate's page, another item's recording, an answer to another item.
	expect((await c.request.get(`/learn/screening/${weakId}`)).status()).toBe(404);
	expect((await c.request.get(`/learn/screening/${weakId}/test`)).status()).toBe(404);
	// The recording plays twice, counted by the server: the page's button, then a copied request;
	// a third request is refused, and a fresh browser is told no plays are left.
	await playButton.click();
	await expect(c.getByTestId('plays-left')).toHaveText(t(lo, 'test_plays_left', { count: 1 }));
	const ownRecording = await c.request.get(`/learn/screening/${strongId}/audio?item=${pending}`);
	expect(ownRecording.status()).toBe(200);
	expect(ownRecording.headers()['content-type']).toBe('audio/ogg');
	expect(ownRecording.headers()['x-plays-left']).toBe('0');
	const third = await c.request.get(`/learn/screening/${strongId}/audio?item=${pending}`);
	expect(third.status()).toBe(403);
	const fresh = await browser.newContext({ storageState: await strong.context.storageState() });
	const f = await fresh.newPage();
	await f.goto(`/learn/screening/${strongId}/test`);
	await expect(f.getByTestId('plays-left')).toHaveText(lo.test_no_plays_left);
	await expect(f.getByRole('button', { name: `▶ ${lo.test_play}` })).toBeDisabled();
	await fresh.close();
	// Recordings under the items' own ids are not served, and answers to them are refused.
	for (const id of ['e2e-vi-lis-01', 'e2e-vi-lis-02'])
		expect((await c.request.get(`/learn/screening/${strongId}/audio?item=${id}`)).status()).toBe(
			404
		);
	const forged = await c.request.post(`/learn/screening/${strongId}/test?/answer`, {
		form: { itemId: 'e2e-vi-voc-01', option: '0' },
		headers: { accept: 'application/json', origin: baseURL!, 'x-sveltekit-action': 'true' }
	});
	expect(await forged.json()).toMatchObject({ type: 'failure', status: 409 });

	// The network drops mid-test: the answer is not sent, the page says so.
	await c.reload();
	await expect(c.locator('input[name=itemId]')).toHaveValue(pending);
	await expect(c.getByText(t(lo, 'test_question_number', { number }))).toBeVisible();
	const beforeDrop = await timerSeconds(c);
	await strong.context.setOffline(true);
	await c.locator('label.option').filter({ hasText: CORRECT }).click();
	await c.getByRole('button', { name: lo.test_answer, exact: true }).click();
	await expect(c.getByRole('alert')).toHaveText(lo.test_connection_lost);
	await strong.context.setOffline(false);
	// Back online, a reload resumes the same attempt at the same item, and the clock kept running.
	await c.reload();
	await expect(c.locator('input[name=itemId]')).toHaveValue(pending);
	await expect(c.getByText(t(lo, 'test_question_number', { number }))).toBeVisible();
	const afterReload = await timerSeconds(c);
	expect(afterReload).toBeLessThanOrEqual(beforeDrop);
	expect(afterReload).toBeLessThan(60 * 60);
	await expect.poll(() => timerSeconds(c), { timeout: 10_000 }).toBeLessThan(afterReload);
	await finishTest(c, true);
	await expect(c.getByText(lo.test_result_passed)).toBeVisible();
	// Passed: told the decision is coming, offered no retake and no alarming notice.
	await expect(c.getByText(lo.test_decision_pending)).toBeVisible();
	await expect(c.getByRole('button', { name: lo.test_start })).toHaveCount(0);
	await expect(c.locator('.notice, .alert')).toHaveCount(0);

	// The second candidate answers everything wrong and fails.
	await finishTest(weak.page, false);
	await expect(weak.page.getByText(lo.test_result_failed)).toBeVisible();

	// The officer sees the results and admits the passing candidate.
	await o.goto(programUrl);
	const strongRow = o.getByRole('row').filter({ hasText: STRONG });
	await expect(strongRow).toContainText(vi.adm_status_passed);
	await expect(o.getByRole('row').filter({ hasText: WEAK })).toContainText(vi.adm_status_failed);
	// On the office laptop the whole table is in view, up to its decision column.
	const decisionHeader = await o
		.getByRole('columnheader', { name: vi.adm_col_decision, exact: true })
		.boundingBox();
	expect(decisionHeader!.x + decisionHeader!.width).toBeLessThanOrEqual(1280);
	expect(await o.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
	// θ and SE are explained where they are shown.
	await o.getByText(vi.adm_theta_title).click();
	await expect(o.getByText(vi.adm_theta_explained)).toBeVisible();
	await expect(o.getByText(vi.adm_se_explained)).toBeVisible();
	await o.getByRole('link', { name: STRONG }).click();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText(STRONG);
	await expect(o.getByText(vi.test_result_passed)).toBeVisible();
	await o.getByLabel(vi.adm_decision_admit, { exact: true }).check();
	await o.getByRole('button', { name: vi.adm_save_decision }).click();
	await expect(o.getByRole('status').filter({ hasText: vi.adm_decision_saved })).toBeVisible();
	await expect(o.locator('.history')).toContainText(vi.adm_decision_admit);

	// The certificate carries the verification code and the QR code of the public page.
	await o.getByRole('link', { name: vi.adm_certificate_link }).click();
	const code = (await o.getByTestId('verification-code').textContent())!.trim();
	await expect(o.getByRole('img', { name: vi.adm_qr_label })).toBeVisible();
	await expect(o.getByText(`${baseURL}/verify/${code}`)).toBeVisible();

	// Admitting the failing candidate without a reason is refused; the override with a reason works.
	await o.goto(`${programUrl}/candidates/${weakId}`);
	await o.getByLabel(vi.adm_decision_admit, { exact: true }).check();
	await o.getByRole('button', { name: vi.adm_save_decision }).click();
	await expect(o.getByRole('alert')).toHaveText(vi.adm_error_override_needed);
	await expect(o.getByLabel(vi.adm_decision_admit, { exact: true })).toBeChecked();
	await expect(o.getByText(vi.adm_no_decisions)).toBeVisible();
	await o.getByLabel(vi.adm_override_label).check();
	await o.getByLabel(vi.adm_reason, { exact: true }).first().fill(OVERRIDE_REASON);
	await o.getByRole('button', { name: vi.adm_save_decision }).click();
	await expect(o.getByRole('status').filter({ hasText: vi.adm_decision_saved })).toBeVisible();
	await expect(o.locator('.history')).toContainText(OVERRIDE_REASON);

	// Both candidates are told: admitted — the one admitted by override without "not passed".
	for (const [candidate, id] of [
		[c, strongId],
		[weak.page, weakId]
	] as const) {
		await candidate.goto(`/learn/screening/${id}`);
		await expect(candidate.getByTestId('decision')).toHaveText(`✔ ${lo.test_decision_admit}`);
		await expect(candidate.getByTestId('verdict')).toHaveCount(0);
		await expect(candidate.getByRole('button', { name: lo.test_start })).toHaveCount(0);
	}

	// Both decisions are in the audit log, the override with its reason.
	await o.goto('/admissions/audit');
	const overrideRow = o.getByRole('row').filter({ hasText: WEAK });
	await expect(overrideRow).toContainText(vi.adm_action_admit_override);
	await expect(overrideRow).toContainText(OVERRIDE_REASON);
	await expect(o.getByRole('row').filter({ hasText: STRONG })).toContainText(vi.adm_decision_admit);

	const csv = await o.request.get('/admissions/audit/export.csv');
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const csvText = await csv.text();
	// In the officer's language, the decision as the page names it (no code), the change column empty.
	expect(csvText.split('\r\n')[0]).toContain(vi.adm_col_action);
	expect(csvText).toContain(
		`,${vi.adm_action_admit_override},${WEAK},${PROGRAM},${INTAKE},,"${OVERRIDE_REASON}"`
	);
	expect(csvText).not.toContain('admit_override');

	// Administrators read the audit log too; a candidate may not.
	const admin = await browser.newContext({ baseURL });
	const a = await admin.newPage();
	await logIn(a, 'admin');
	await expect(a).not.toHaveURL(/\/login/);
	await a.goto('/admissions/audit');
	await expect(a.getByRole('row').filter({ hasText: WEAK })).toContainText(OVERRIDE_REASON);
	expect((await c.request.get('/admissions/audit')).status()).toBe(403);
	expect((await c.request.get('/admissions/audit/export.csv')).status()).toBe(403);
	await admin.close();

	// Anyone can check the certificate, without logging in, typed without the dash and in lower case,
	// and sees what the certificate says: who issued it, for which program, and nothing more.
	const visitor = await browser.newContext({ baseURL });
	await visitor.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: baseURL! }]);
	const v = await visitor.newPage();
	await v.goto('/verify');
	await v.getByLabel(vi.adm_verification_code).fill(code.replace('-', '').toLowerCase());
	await v.getByRole('button', { name: vi.adm_verify_submit }).click();
	await expect(v).toHaveURL(new RegExp(`/verify/${code}$`));
	await expect(v.getByText(STRONG)).toBeVisible();
	await expect(v.getByRole('status')).toHaveText(`✔ ${vi.adm_verify_valid}`);
	await expect(v.getByTestId('issued-by')).toHaveText('Trường Chính trị tỉnh Thanh Hoá');
	await expect(v.getByTestId('program')).toHaveText(`${PROGRAM} — ${INTAKE}`);
	const shown = (await v.locator('main').textContent()) ?? '';
	for (const secret of ['θ', strongCode, WEAK]) expect(shown).not.toContain(secret);
	await v.goto(`/verify/${code.replace('-', '')}`);
	await expect(v).toHaveURL(new RegExp(`/verify/${code}$`));
	const unknown = await v.goto('/verify/ZZZZ-0000');
	expect(unknown?.status()).toBe(404);
	await expect(v.getByRole('alert')).toHaveText(vi.adm_verify_not_found);
	// What cannot be a code is not found either, never a server error.
	for (const typed of ['.', '..', '%2E%2E', 'a/b']) {
		const answer = await v.goto(`/verify?code=${typed}`);
		expect(answer?.status()).toBe(404);
		await expect(v.getByRole('alert')).toHaveText(vi.adm_verify_not_found);
	}

	// A namesake who is another person is invited once the officer says so.
	await o.goto(programUrl);
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill(WEAK);
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await o.getByLabel(t(vi, 'adm_invite_again', { name: WEAK })).check();
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await expect(
		o.getByRole('status').filter({ hasText: t(vi, 'adm_invited_count', { count: 1 }) })
	).toBeVisible();
	await expect(o.getByRole('link', { name: WEAK })).toHaveCount(2);

	// An invitation is corrected, then withdrawn (after a confirmation) before anyone registers with it.
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill('Khamla');
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await o.getByRole('link', { name: 'Khamla', exact: true }).click();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText('Khamla');
	await o.getByText(vi.adm_candidate_edit).click();
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill('Khamla Phommachanh');
	await o.getByRole('button', { name: vi.adm_candidate_save }).click();
	await expect(o.getByRole('status').filter({ hasText: vi.adm_candidate_saved })).toBeVisible();
	await o.reload();
	await expect(o.getByRole('heading', { level: 1 })).toHaveText('Khamla Phommachanh');
	await o.locator('summary', { hasText: vi.adm_withdraw_title }).click();
	await o.getByRole('button', { name: vi.adm_withdraw_submit }).click();
	await expect(o.getByRole('alert')).toHaveText(vi.adm_withdraw_confirm_needed);
	await o.getByLabel(t(vi, 'adm_withdraw_confirm', { name: 'Khamla Phommachanh' })).check();
	await o.getByRole('button', { name: vi.adm_withdraw_submit }).click();
	await expect(o).toHaveURL(new RegExp(`${programUrl}$`));
	await expect(o.getByRole('link', { name: 'Khamla Phommachanh' })).toHaveCount(0);

	await Promise.all([visitor, officer.context, strong.context, weak.context].map((x) => x.close()));
});
