import { expect, test, type Page } from '@playwright/test';
import { logIn, logOut, uniqueUsername } from '../helpers';

const LAI_CHAU = 'Trường Cao đẳng Lai Châu';

/** The platform administrator makes a one-use admin code for Lai Châu; a new account registers with it. */
async function newLaiChauAdmin(page: Page): Promise<string> {
	await logIn(page, 'admin');
	await expect(page).toHaveURL(/\/admin$/);
	await page.getByRole('link', { name: LAI_CHAU }).click();
	await page.locator('#code-role').selectOption('admin');
	await page.locator('input[name=maxUses]').fill('1');
	await page.locator('form[action="?/createCode"] button[type=submit]').click();
	const created = page.locator('form[action="?/createCode"] [role=status]');
	await expect(created).toBeVisible();
	const code = /[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await created.textContent()) ?? '')![0];
	await logOut(page);

	const username = uniqueUsername('laichau.admin');
	await page.goto(`/register?code=${code}`);
	await page.locator('input[name=displayName]').fill('Lò Văn Quản');
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill('laichau-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/admin$/);
	return username;
}

test("an organization's admin cannot reach another organization's account, and confirms removing their own admin role", async ({
	page
}) => {
	await newLaiChauAdmin(page);
	await page.getByRole('link', { name: LAI_CHAU }).click();
	const orgPage = page.url();

	// The probe of issue 9: a role for the Huaphan demo learner. Refused, like a name nobody has.
	const grant = page.locator('form[action="?/grantRole"]');
	await grant.locator('input[name=username]').fill('learner');
	await grant.locator('button[type=submit]').click();
	await expect(
		grant.locator('.error, [role=alert], p').filter({ hasText: /platform|toàn hệ thống|ທັງໝົດ/ })
	).toBeVisible();
	await expect(grant.locator('input[name=username]')).toHaveValue('learner');

	// Removing one's own admin role asks first, saying what it means; "no" changes nothing.
	const revoke = page
		.locator('form[action="?/revokeRole"]')
		.filter({ has: page.locator('input[value=admin]') });
	await revoke.locator('button').click();
	const confirm = page.locator('form.confirm');
	await expect(confirm).toBeVisible();
	await expect(confirm.locator('.warning')).toHaveCount(2);
	await confirm.getByRole('link').click();
	await expect(confirm).toHaveCount(0);
	await expect(revoke).toBeVisible();

	await revoke.locator('button').click();
	await page.locator('form.confirm button[type=submit]').click();
	// No roles left: the home page, not an error page ("error 204").
	await expect(page).toHaveURL(/\/$/);
	await expect(page.locator('body')).not.toContainText('204');
	const response = await page.goto(orgPage);
	expect(response?.status()).toBe(403);
});
