import { expect, test } from '@playwright/test';
import { chooseLanguage, logIn, logOut } from '../helpers';

test('the interface follows Accept-Language first, then the choice, remembered per browser', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'vi-VN' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('link', { name: 'Đăng nhập' }).first()).toBeVisible();

	await chooseLanguage(page, 'Ngôn ngữ', 'lo');
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	await expect(page.getByRole('link', { name: 'ເຂົ້າສູ່ລະບົບ' }).first()).toBeVisible();
	// Lao is drawn with the bundled Noto Sans Lao, not a system fallback.
	const laoFontLoaded = await page.evaluate(async () => {
		await document.fonts.ready;
		return document.fonts.check('17px "Noto Sans Lao"', 'ສະບາຍດີ');
	});
	expect(laoFontLoaded).toBe(true);

	await page.goto('/register');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ສ້າງບັນຊີ');
	await context.close();
});

test('an account keeps its language on another browser', async ({ browser }) => {
	const first = await browser.newContext({ locale: 'en-US' });
	const page = await first.newPage();
	await logIn(page, 'instructor');
	await expect(page).toHaveURL(/\/author$/);
	await chooseLanguage(page, 'Ngôn ngữ', 'lo');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ສ້າງບົດຮຽນ');
	await logOut(page);
	await first.close();

	// A fresh browser asking for English gets the account's Lao after login.
	const second = await browser.newContext({ locale: 'en-US' });
	const other = await second.newPage();
	await logIn(other, 'instructor');
	await expect(other.getByRole('heading', { level: 1 })).toHaveText('ສ້າງບົດຮຽນ');
	// Put it back for the other tests.
	await chooseLanguage(other, 'ພາສາ', 'vi');
	await expect(other.getByRole('heading', { level: 1 })).toHaveText('Soạn bài');
	await second.close();
});
