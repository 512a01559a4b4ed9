import { expect, test } from '@playwright/test';
import { logIn, logOut, uniqueUsername } from '../helpers';

test('a cadre registers with an invitation code, logs out and logs in again', async ({ page }) => {
	const username = uniqueUsername('cadre');
	await page.goto('/register?code=huap-2026');
	await expect(page.getByLabel('Invitation code (optional)')).toHaveValue('huap-2026');
	await page.getByLabel('Full name').fill('ບຸນມີ');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill('vientiane-2026');
	await page.getByRole('button', { name: 'Create account' }).click();

	await expect(page).toHaveURL(/\/learn$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, ບຸນມີ');
	await expect(page.getByText('ຄະນະຈັດຕັ້ງແຂວງຫົວພັນ')).toBeVisible();

	await logOut(page);
	await page.goto('/learn');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Flearn$/);

	await logIn(page, username, 'vientiane-2026');
	await expect(page).toHaveURL(/\/learn$/);
});

test('registration errors are explained and keep what was typed', async ({ page }) => {
	await page.goto('/register');
	await page.getByLabel('Invitation code (optional)').fill('WRONG-CODE');
	await page.getByLabel('Full name').fill('Nguyễn Văn An');
	await page.getByLabel('Username').fill('learner');
	await page.getByLabel('Password').fill('12345678');
	await page.getByLabel('Phone number (optional)').fill('020 5555 1234');
	await page.getByRole('button', { name: 'Create account' }).click();

	await expect(page.getByText('This invitation code is not valid')).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue('Nguyễn Văn An');
	await expect(page.getByLabel('Phone number (optional)')).toHaveValue('020 5555 1234');
	await expect(page.getByLabel('Invitation code (optional)')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
});

test('a wrong password gets a clear message and keeps the username', async ({ page }) => {
	await logIn(page, 'officer', 'not-the-password');
	await expect(page.getByRole('alert')).toHaveText(
		'Wrong username or password. Check both and try again.'
	);
	await expect(page.getByLabel('Username')).toHaveValue('officer');
	await expect(page).toHaveURL(/\/login$/);
});

test('repeated failures lock the account for a while, in the interface language', async ({
	page,
	context
}) => {
	const username = uniqueUsername('locked');
	await page.goto('/register');
	await page.getByLabel('Full name').fill('Locked Out');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill('the-right-one');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/learn$/);
	await logOut(page);

	for (let i = 0; i < 4; i++) {
		await logIn(page, username, 'a-wrong-one');
		await expect(page.getByRole('alert')).toContainText('Wrong username or password');
	}
	await logIn(page, username, 'a-wrong-one');
	await expect(page.getByRole('alert')).toHaveText(/Too many failed attempts\. Wait 15 minutes/);
	// Even the right password waits now.
	await logIn(page, username, 'the-right-one');
	await expect(page.getByRole('alert')).toContainText('Too many failed attempts');

	// Replace the browser's language cookie (path /, as the server sets it) rather than adding a
	// second one beside it: with two, which one wins depends on the reader.
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'lo', domain: 'localhost', path: '/' }
	]);
	await logIn(page, username, 'the-right-one');
	await expect(page.getByRole('alert')).toContainText('ທ່ານພະຍາຍາມຜິດຫຼາຍເທື່ອເກີນໄປ');
});
