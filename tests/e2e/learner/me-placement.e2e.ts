import { expect, test, type Page } from '@playwright/test';
import { answerItem, chooseLanguage, logIn, uniqueUsername } from '../helpers';
import { fill, messages } from './play';

/**
 * Me shows a placement result per skill, each with what its level means, in the interface language:
 * a candidate invited by an officer takes the test with the deterministic e2e bank (listening,
 * reading, vocabulary and grammar; the right option reads "Đáp án đúng") on a Lao phone.
 */
const CORRECT = 'Đáp án đúng';
const vi = messages('vi');
const lo = messages('lo');

async function answerAll(page: Page) {
	const onTest = () => new URL(page.url()).pathname.endsWith('/test');
	for (let i = 0; i < 45 && onTest(); i++) {
		await answerItem(
			page,
			page.locator('label.option').filter({ hasText: CORRECT }),
			lo.test_answer
		);
	}
	expect(onTest()).toBe(false);
}

test('Me shows the placement level of each skill with its meaning, in Lao and in Vietnamese', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const intake = `Lớp Lào khoá ${Date.now().toString(36)}`;
	const name = 'ບຸນເພັງ ສີສຸວັນ';

	const office = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
	const o = await office.newPage();
	await logIn(o, 'officer');
	await o.goto('/admissions/programs/new');
	await o
		.getByLabel(vi.adm_field_program_name, { exact: true })
		.fill('Trung cấp lý luận chính trị');
	await o.getByLabel(vi.adm_field_intake, { exact: true }).fill(intake);
	await o.getByLabel(vi.adm_field_bank, { exact: true }).selectOption('e2e-vi');
	await o.getByLabel(vi.adm_field_min_overall, { exact: true }).selectOption('1');
	await o.getByRole('button', { name: vi.adm_new_program }).click();
	await o.getByLabel(vi.adm_field_full_name, { exact: true }).fill(name);
	await o.getByLabel(vi.adm_field_sending_org, { exact: true }).fill('ແຂວງຫົວພັນ');
	await o.getByRole('button', { name: vi.adm_invite_submit, exact: true }).click();
	await expect(o.getByRole('link', { name })).toBeVisible();
	await o.goto(`${new URL(o.url()).pathname}/invitations`);
	const code = (await o
		.locator('li.invitation')
		.filter({ hasText: name })
		.locator('.code')
		.textContent())!.trim();
	await office.close();

	const phone = await browser.newContext({
		baseURL,
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	await phone.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: baseURL! }]);
	const page = await phone.newPage();
	await page.goto(`/register?code=${code}`);
	await page.getByLabel(lo.field_display_name, { exact: true }).fill(name);
	await page.getByLabel(lo.field_username, { exact: true }).fill(uniqueUsername('place'));
	await page.getByLabel(lo.field_password, { exact: true }).fill('huaphan-2026');
	await page.getByRole('button', { name: lo.register_submit }).click();
	await page.getByTestId('placement-tests').click();
	await page
		.getByRole('link', {
			name: fill(lo.test_program, { program: 'Trung cấp lý luận chính trị', intake })
		})
		.click();
	await page.getByRole('button', { name: lo.test_start }).click();
	await expect(page).toHaveURL(/\/test$/);
	await answerAll(page);

	// Each skill the test measured, with the meaning of its level (the Vietnamese test's levels).
	const meanings = (m: Record<string, string>) =>
		[1, 2, 3, 4, 5, 6].map((n) => m[`level_vi_${n}`]).concat(m.me_placement_below);
	for (const [locale, m] of [
		['lo', lo],
		['vi', vi]
	] as const) {
		if (locale === 'vi') {
			// From Today: Me has a second language choice among its settings.
			await page.goto('/learn');
			await chooseLanguage(page, lo.language_label, 'vi');
			await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		}
		await page.goto('/learn/me');
		const skills = page.getByTestId('placement-skill');
		await expect(skills).toHaveCount(3);
		for (const [i, skill] of [
			'skill_listening',
			'skill_reading',
			'skill_vocabulary_grammar'
		].entries()) {
			await expect(skills.nth(i).locator('dt')).toHaveText(m[skill]);
			expect(meanings(m)).toContain((await skills.nth(i).locator('dd').textContent())!.trim());
		}
		await page.getByTestId('placement').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `test-results/me-placement-${locale}-390.png`, fullPage: true });
	}
	await phone.close();
});
