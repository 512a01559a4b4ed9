import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { ACCOUNTS, PASSWORD, fillPath, type Target, type Who } from '../authorization/walk';

/**
 * Issue 14: no serious or critical accessibility violation (axe-core, WCAG 2.1 A/AA rules) on any page a
 * role may open, in each interface language. The pages are the authorization table's: every GET row whose
 * outcome for the role is `ok` (its own organization's objects), so a new page is checked as soon as it
 * has a row. Learners and anonymous visitors are checked at phone width, staff at a laptop's.
 */

type Row = { route: string; request: string; target?: Target; path: string } & Record<Who, string>;
const TABLE = JSON.parse(readFileSync('tests/e2e/authorization/table.json', 'utf8')) as Row[];

const ROLES = ['anonymous', 'learner', 'instructor', 'officer', 'admin'] as const;
const LOCALES = ['vi', 'lo', 'en'] as const;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/** The pages `who` may open: HTML pages (not endpoints) the table says answer `ok`. */
function pagesOf(who: (typeof ROLES)[number]): string[] {
	const paths = TABLE.filter(
		(row) =>
			row.request === 'GET' && row[who] === 'ok' && row.target !== 'other' && !isEndpoint(row)
	).map((row) => fillPath(row.path, row.target));
	return [...new Set(paths)];
}

/** `+server.ts` GETs (audio, JSON, files) are not pages. */
function isEndpoint(row: Row): boolean {
	return TABLE.some((r) => r.route === row.route && r.request === 'PUT')
		? true
		: /\/(audio|file|offline\.json|manifest|export|csv|media|recording|sync|__data)/.test(
				row.path
			) || /\.(json|webmanifest|ogg|csv|xml|zip)$/.test(row.path);
}

async function contextFor(
	browser: Browser,
	baseURL: string,
	who: (typeof ROLES)[number],
	locale: (typeof LOCALES)[number]
): Promise<BrowserContext> {
	const staff = who === 'instructor' || who === 'officer' || who === 'admin';
	const context = await browser.newContext({
		viewport: staff ? LAPTOP : PHONE,
		isMobile: !staff,
		hasTouch: !staff,
		locale: { vi: 'vi-VN', lo: 'lo-LA', en: 'en-GB' }[locale]
	});
	const headers = { origin: baseURL, accept: 'text/html' };
	if (who !== 'anonymous') {
		const login = await context.request.post('/login', {
			form: { username: ACCOUNTS[who], password: PASSWORD },
			headers,
			maxRedirects: 0
		});
		expect(login.status(), `logging in ${who}`).toBe(303);
	}
	// The account's language wins over the browser's: choose it as a user would.
	const chosen = await context.request.post('/language', {
		form: { locale, returnTo: '/' },
		headers,
		maxRedirects: 0
	});
	expect(chosen.status()).toBe(303);
	return context;
}

for (const who of ROLES) {
	test(`no serious accessibility violation on ${who} pages in vi, lo and en`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(300_000);
		const pages = pagesOf(who);
		expect(pages.length, `${who} has pages to check`).toBeGreaterThan(0);
		const violations: string[] = [];
		let minor = 0;
		let rulesPassed = 0;
		for (const locale of LOCALES) {
			const context = await contextFor(browser, baseURL!, who, locale);
			const page = await context.newPage();
			for (const path of pages) {
				const response = await page.goto(path);
				if (!response?.headers()['content-type']?.includes('text/html')) continue;
				const results = await new AxeBuilder({ page })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
					.analyze();
				rulesPassed += results.passes.length;
				for (const v of results.violations) {
					if (v.impact !== 'serious' && v.impact !== 'critical') {
						minor += 1;
						continue;
					}
					const where = v.nodes
						.slice(0, 3)
						.map((n) => n.target.join(' '))
						.join(' | ');
					violations.push(`${locale} ${path}: ${v.id} (${v.impact}) ${v.help} — ${where}`);
				}
			}
			await context.close();
		}
		console.log(
			`axe: ${who}: ${pages.length} pages × ${LOCALES.length} languages, ${rulesPassed} rule checks passed, ` +
				`${violations.length} serious or critical violations, ${minor} minor or moderate`
		);
		expect(violations).toEqual([]);
	});
}

test('the scan itself finds a violation where there is one', async ({ page }) => {
	await page.setContent(
		'<html lang="vi"><body><main><img src="/favicon.png"></main></body></html>'
	);
	const results = await new AxeBuilder({ page }).withTags(['wcag2a']).analyze();
	expect(results.violations.map((v) => v.id)).toContain('image-alt');
});
