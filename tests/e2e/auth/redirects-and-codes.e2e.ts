import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';

type Messages = Record<string, string>;
const load = (locale: string): Messages =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const vi = load('vi');
const lo = load('lo');

/** Hostile redirect targets from the probe: each must land on this site, never fail. */
const HOSTILE_TARGETS = [
	'/\t/evil.example',
	'/\n/',
	'//evil.example',
	'/\\evil.example',
	'/.//evil.example'
];

test('login and the language switch redirect only within the site, and never fail on a line break', async ({
	browser,
	baseURL
}) => {
	for (const target of HOSTILE_TARGETS) {
		const context = await browser.newContext({ baseURL, locale: 'vi-VN' });
		const page = await context.newPage();
		await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`);
		await page.getByLabel(/tên đăng nhập/i).fill('officer');
		await page.getByLabel(/^mật khẩu$/i).fill(DEMO_PASSWORD);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.locator('main button[type=submit]').click()
		]);
		expect(response.status(), target).toBe(303);
		expect(response.headers().location, target).toBe('/admissions');
		await expect(page).toHaveURL(`${baseURL}/admissions`);

		const switched = await page.request.post('/language', {
			form: { locale: 'vi', returnTo: target },
			// A browser's plain form post (SvelteKit answers JSON to anything that accepts it).
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(switched.status(), target).toBe(303);
		expect(switched.headers().location, target).toBe('/');
		await context.close();
	}

	// A same-site target still works, query included.
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await page.goto(`/login?redirectTo=${encodeURIComponent('/admissions/audit?page=1')}`);
	await page.getByLabel(/tên đăng nhập|ຊື່ຜູ້ໃຊ້|username/i).fill('officer');
	await page.getByLabel(/^(mật khẩu|ລະຫັດຜ່ານ|password)$/i).fill(DEMO_PASSWORD);
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(`${baseURL}/admissions/audit?page=1`);
	await context.close();
});

/**
 * A request from another loopback address (127.0.0.x), so the lock it earns does not hold up the
 * other tests, which all come from 127.0.0.1.
 */
function fromAddress(
	baseURL: string,
	localAddress: string,
	path: string,
	init: { method?: string; body?: string; locale?: string } = {}
): Promise<{ status: number; body: string }> {
	const url = new URL(path, baseURL);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port: url.port,
				path: url.pathname + url.search,
				method: init.method ?? 'GET',
				localAddress,
				headers: {
					cookie: `PARAGLIDE_LOCALE=${init.locale ?? 'vi'}`,
					accept: 'text/html',
					origin: baseURL,
					...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
				}
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		req.end(init.body);
	});
}

test('wrong codes from one address are throttled across registration and verification', async ({
	baseURL,
	page
}) => {
	const address = `127.0.0.${10 + Math.floor(Math.random() * 200)}`;
	const wrong = (i: number) => `ZZZZ-${String(i).padStart(4, '0')}`;
	const register = (code: string) =>
		fromAddress(baseURL!, address, '/register', {
			method: 'POST',
			locale: 'lo',
			body: new URLSearchParams({
				invitationCode: code,
				displayName: 'ບຸນມີ',
				username: `guess${Math.floor(Math.random() * 1e9)}`,
				password: 'long enough password'
			}).toString()
		});

	for (let i = 0; i < 10; i++) {
		const refused = await register(wrong(i));
		expect(refused.status).toBe(400);
		expect(refused.body).toContain(lo.error_code_invalid);
	}
	for (let i = 10; i < 19; i++)
		expect((await fromAddress(baseURL!, address, `/verify/${wrong(i)}`)).status).toBe(404);
	// The 20th wrong code locks the address for both doors, with a translated answer.
	const locked = await fromAddress(baseURL!, address, `/verify/${wrong(19)}`);
	expect(locked.status).toBe(429);
	expect(locked.body).toContain(vi.error_codes_throttled.replace('{minutes}', '15'));
	const registerLocked = await register('HUAP-2026');
	expect(registerLocked.status).toBe(429);
	expect(registerLocked.body).toContain(lo.error_codes_throttled.replace('{minutes}', '15'));

	// Other addresses are not held up.
	const elsewhere = await page.goto(`/verify/${wrong(20)}`);
	expect(elsewhere?.status()).toBe(404);
});
