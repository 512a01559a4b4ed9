import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'mittaphap-demo';

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel(/username|tên đăng nhập|ຊື່ຜູ້ໃຊ້/i).fill(username);
	await page.getByLabel(/^(password|mật khẩu|ລະຫັດຜ່ານ)$/i).fill(password);
	await page.locator('main button[type=submit]').click();
}

export async function logOut(page: Page) {
	await page.locator('form[action="/logout"] button').click();
	await expect(page).toHaveURL(/\/login$/);
}

/** A username no earlier run has taken (the e2e database is fresh per run, tests share it). */
export function uniqueUsername(prefix: string) {
	return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/**
 * Picks an interface language in the header. The select submits itself on change only once the
 * page's JavaScript has run (before that, only its no-script button would): wait for it first.
 */
export async function chooseLanguage(page: Page, label: string, locale: 'vi' | 'lo' | 'en') {
	await page.waitForLoadState('networkidle');
	await page.getByLabel(label).selectOption(locale);
}
