import { expect, test, type Page } from '@playwright/test';
import { logIn } from '../helpers';

const HOMES = {
	learner: '/learn',
	instructor: '/author',
	officer: '/admissions',
	admin: '/admin'
} as const;

/** Each demo account has its own interface language, which login restores. */
const FORBIDDEN = {
	lo: 'ທ່ານບໍ່ມີສິດເຂົ້າເຖິງໜ້ານີ້.',
	vi: 'Bạn không có quyền truy cập trang này.'
};
const LANGUAGE = { learner: 'lo', instructor: 'vi', officer: 'vi', admin: 'vi' } as const;

for (const [username, home] of Object.entries(HOMES)) {
	test(`${username} lands on ${home} and is refused the other roles' pages`, async ({ page }) => {
		await logIn(page, username);
		await expect(page).toHaveURL(new RegExp(`${home}$`));
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

		for (const other of Object.values(HOMES).filter((h) => h !== home)) {
			const response = await page.goto(other);
			expect(response?.status(), `${username} opening ${other}`).toBe(403);
			await expect(page.getByRole('alert')).toContainText(
				FORBIDDEN[LANGUAGE[username as keyof typeof LANGUAGE]]
			);
		}
	});
}

/** Posts a form to an action the way a browser would (same origin), bypassing any hidden button. */
async function postForm(page: Page, path: string, form: Record<string, string>) {
	return page.request.post(path, {
		form,
		headers: { origin: new URL(page.url()).origin },
		maxRedirects: 0
	});
}

test('form actions of the admin area refuse non-admins on the server', async ({ page }) => {
	await logIn(page, 'learner');
	await expect(page).toHaveURL(/\/learn$/);
	const refused = await postForm(page, '/admin?/createOrganization', {
		name: 'Sneaky School',
		country: 'VN'
	});
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain(FORBIDDEN.lo);

	const refusedCode = await postForm(
		page,
		'/admin/organizations/org-huaphan-organization-committee?/createCode',
		{
			role: 'admin',
			maxUses: '1',
			validDays: '30'
		}
	);
	expect(refusedCode.status()).toBe(403);

	// Nothing was created: the administrator's list has no such organization.
	await page.context().clearCookies();
	await logIn(page, 'admin');
	await expect(page).toHaveURL(/\/admin$/);
	await expect(page.getByText('Sneaky School')).toHaveCount(0);
});

test('an administrator creates an invitation code that a new learner then uses', async ({
	page,
	browser
}) => {
	await logIn(page, 'admin');
	await page.getByRole('link', { name: 'ພະແນກສຶກສາທິການ ແລະ ກິລາ ແຂວງອຸດົມໄຊ' }).click();
	// The demo administrator works in Vietnamese.
	await page.getByLabel('Số người được dùng').fill('3');
	await page.getByLabel('Ghi chú (ví dụ: khoá nào)').fill('Lớp tiếng Việt 2027');
	await page.getByRole('button', { name: 'Tạo mã' }).click();
	const status = page.getByRole('status').filter({ hasText: 'Mã mới:' });
	await expect(status).toBeVisible();
	const code = (await status.textContent())!.replace('Mã mới:', '').trim();
	expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	await expect(page.getByText('Đã dùng 0/3')).toBeVisible();

	const newcomer = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await newcomer.goto(`/register?code=${code}`);
	await newcomer.getByLabel('Full name').fill('ວັນນາ');
	await newcomer.getByLabel('Username').fill(`vanna.${Date.now().toString(36)}`);
	await newcomer.getByLabel('Password').fill('oudomxay-2027');
	await newcomer.getByRole('button', { name: 'Create account' }).click();
	await expect(newcomer).toHaveURL(/\/learn$/);
	await expect(newcomer.getByText('ພະແນກສຶກສາທິການ ແລະ ກິລາ ແຂວງອຸດົມໄຊ')).toBeVisible();

	await page.reload();
	await expect(page.getByText('Đã dùng 1/3')).toBeVisible();
	await expect(page.getByText('ວັນນາ')).toBeVisible();
});
