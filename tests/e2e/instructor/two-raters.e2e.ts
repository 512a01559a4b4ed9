import { expect, test, devices, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { answerUntilRatedPart, logIn, uniqueUsername } from '../helpers';

/**
 * Two independent raters and a third on disagreement (issue 12), end to end: the officer turns
 * "two independent ratings" on for a program with rated writing (seeded by E2E_RATING_FIXTURE, see
 * src/lib/server/seed/e2e-rating.ts); a candidate writes; the demo instructor gives the top band on
 * every criterion, a second instructor (Lao interface, phone) band 1 — two bands apart — so the answer
 * goes to a third instructor, marked "third rating", who gives band 2; the officer follows "awaiting
 * second / third rating" and sees the resolved result; the agreement figures appear for raters and
 * officer. RATING_SCREENSHOTS=1 saves the queue and agreement pages under tmp/two-raters/.
 */

type Messages = Record<string, string>;
const messages = (locale: string): Messages =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const lo = messages('lo');
const vi = messages('vi');
const fill = (text: string, values: Record<string, string | number>) =>
	text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

const SCREENSHOTS = process.env.RATING_SCREENSHOTS === '1';
const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
const CANDIDATE_PAGE = '/admissions/programs/e2e-two-raters/candidates/e2e-two-raters-candidate';

async function shot(page: Page, name: string) {
	if (SCREENSHOTS) await page.screenshot({ path: `tmp/two-raters/${name}.png`, fullPage: true });
}

/** A signed-in page of a demo account, in a context of its own. */
async function signedIn(browser: Browser, username: string, options: object) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await logIn(page, username);
	await expect(page).not.toHaveURL(/\/login/);
	return page;
}

/**
 * Opens the one answer of the two-raters program in the rater's queue (marked `stage` when given)
 * and gives `band` on every criterion; `t` holds the rater's interface texts.
 */
async function rateTheAnswer(page: Page, t: Messages, band: number, stage: string | null) {
	await page.goto('/author/ratings');
	const entry = page.locator('.queue li', { hasText: '(e2e hai người chấm)' });
	await expect(entry).toHaveCount(1);
	if (stage) await expect(entry.getByTestId('stage')).toHaveText(stage);
	await entry.getByRole('link', { name: t.rate_open, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(t.skill_writing);
	// Blind: nothing is chosen, no level is shown, until this rater chooses.
	await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);
	const fieldsets = page.locator('form fieldset');
	const count = await fieldsets.count();
	expect(count).toBeGreaterThan(1);
	for (let i = 0; i < count; i++) await fieldsets.nth(i).locator('label.band').nth(band).click();
	await page.getByRole('button', { name: t.rate_submit }).click();
	await expect(page.getByRole('status').first()).toContainText(t.rate_saved.split('{')[0]);
}

test('two raters two bands apart send the answer to a third, whose rating resolves it', async ({
	browser
}) => {
	test.setTimeout(300_000);

	// The officer turns two independent ratings on, before anyone has taken the test.
	const officer = await signedIn(browser, 'officer', { ...LAPTOP, locale: 'vi-VN' });
	await officer.goto('/admissions/programs/e2e-two-raters/edit');
	const twoRaters = officer.getByLabel(vi.adm_two_raters);
	await expect(twoRaters).not.toBeChecked();
	await twoRaters.check();
	await officer.getByRole('button', { name: vi.adm_program_save }).click();
	await expect(officer.getByRole('status')).toHaveText(vi.adm_program_saved);
	await officer.goto('/admissions/programs/e2e-two-raters');
	await expect(officer.getByTestId('two-raters')).toHaveText(vi.audit_yes);

	// The candidate (phone, Lao) takes the test and writes.
	const candidateContext = await browser.newContext({ ...PHONE, locale: 'lo-LA' });
	const candidate = await candidateContext.newPage();
	await candidate.goto('/register?code=RATE-TWO1');
	await candidate.locator('input[name=displayName]').fill('ສົມພອນ ແກ້ວມະນີ');
	await candidate.locator('input[name=username]').fill(uniqueUsername('tworaters'));
	await candidate.locator('input[name=password]').fill('huaphan-2026');
	await candidate.locator('main button[type=submit]').click();
	await expect(candidate).toHaveURL(/\/learn$/);
	await candidate.goto('/learn/screening');
	await candidate.getByRole('link', { name: /\(e2e hai người chấm\)/ }).click();
	await candidate.getByRole('button', { name: lo.test_start }).click();
	await answerUntilRatedPart(candidate, lo.test_answer);
	await candidate
		.getByLabel(lo.test_rated_answer_label)
		.fill('Tôi tên là Som-phon. Tôi làm việc ở Sở Nội vụ tỉnh Hủa Phăn.');
	await candidate.getByRole('button', { name: lo.test_rated_submit_writing }).click();
	await expect(
		candidate.getByRole('heading', { name: lo.test_rated_awaiting_title })
	).toBeVisible();

	const progress = officer.getByTestId('rating-progress');
	const officerSees = async (text: string) => {
		await officer.goto(CANDIDATE_PAGE);
		await expect(progress).toHaveText([fill(text, { skill: vi.skill_writing })]);
	};
	await officerSees(vi.adm_rating_awaiting_rating);

	// First rater: the demo instructor, top band everywhere.
	const first = await signedIn(browser, 'instructor', { ...LAPTOP, locale: 'vi-VN' });
	await first.goto('/author/ratings');
	await shot(first, 'queue-double-vi-1280');
	await rateTheAnswer(first, vi, 3, vi.rate_stage_double);
	await officerSees(vi.adm_rating_awaiting_second);
	// Never twice to the same rater.
	await first.goto('/author/ratings');
	await expect(first.locator('.queue li', { hasText: '(e2e hai người chấm)' })).toHaveCount(0);

	// Second rater (Lao interface, phone): band 1 everywhere — two bands apart.
	const second = await signedIn(browser, 'rater.two', { ...PHONE, locale: 'lo-LA' });
	await rateTheAnswer(second, lo, 1, lo.rate_stage_double);
	await officerSees(vi.adm_rating_awaiting_third);
	await expect(officer.getByText(vi.adm_pass, { exact: true })).toHaveCount(0);
	await expect(candidate.getByText(lo.test_result_passed)).toHaveCount(0);

	// Third rater: the answer is marked "third rating", and is blind too.
	const third = await signedIn(browser, 'rater.three', { ...PHONE, locale: 'lo-LA' });
	await third.goto('/author/ratings');
	await expect(
		third.locator('.queue li', { hasText: '(e2e hai người chấm)' }).getByTestId('stage')
	).toHaveText(lo.rate_stage_third);
	await shot(third, 'queue-third-lo-390');
	await rateTheAnswer(third, lo, 2, lo.rate_stage_third);

	// Resolved: each criterion takes the median (band 2 everywhere), the result is final.
	await officer.goto(CANDIDATE_PAGE);
	await expect(progress).toHaveCount(0);
	await expect(officer.getByText(vi.adm_attempt_completed, { exact: true })).toBeVisible();
	await candidate.reload();
	await expect(candidate.getByText(lo.test_rated_awaiting_title)).toHaveCount(0);
	await expect(candidate.getByText(lo.test_result_passed)).toBeVisible();

	// Agreement: every rater of the school for instructors and the officer; the rater's own on their history.
	await first.goto('/author/ratings');
	await first.getByRole('link', { name: vi.agree_title }).click();
	await expect(first.getByRole('heading', { level: 1 })).toHaveText(vi.agree_title);
	const cards = first.getByTestId('agreement');
	await expect(cards).toHaveCount(3);
	const demoCard = cards.filter({ hasText: 'ແກ້ວ ພົມມະຈັນ' });
	// Band 2 against 3 and against 1 on every criterion: never exact, always adjacent.
	await expect(demoCard.getByTestId('agreement-exact')).toHaveText('0%');
	await expect(demoCard.getByTestId('agreement-adjacent')).toHaveText('100%');
	await expect(demoCard.getByText(vi.agree_too_few)).toBeVisible();
	await shot(first, 'agreement-vi-1280');

	await second.goto('/author/ratings/mine');
	await expect(second.getByRole('heading', { name: lo.agree_own_title })).toBeVisible();
	await expect(second.getByTestId('agreement')).toHaveCount(1);
	await expect(second.getByTestId('agreement-pairs')).toContainText('2');
	await shot(second, 'my-agreement-lo-390');

	await officer.goto('/admissions');
	await officer.getByRole('link', { name: vi.agree_title }).click();
	await expect(officer.getByTestId('agreement')).toHaveCount(3);
	await shot(officer, 'officer-agreement-vi-1280');
	const officerLao = await signedIn(browser, 'officer', { ...PHONE, locale: 'lo-LA' });
	if (SCREENSHOTS) {
		await officerLao
			.context()
			.addCookies([
				{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: new URL(officerLao.url()).origin }
			]);
		await officerLao.goto('/admissions/raters');
		await shot(officerLao, 'officer-agreement-lo-390');
		await first
			.context()
			.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: new URL(first.url()).origin }]);
		await first.setViewportSize({ width: 390, height: 844 });
		await first.goto('/author/ratings/agreement');
		await shot(first, 'agreement-lo-390');
		await first
			.context()
			.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: new URL(first.url()).origin }]);
	}
	for (const page of [officer, officerLao, first, second, third, candidate])
		await page.context().close();
});
