import { expect, test, devices, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { answerUntilRatedPart, logIn, uniqueUsername } from '../helpers';

/**
 * The rated sections of the screening test, end to end: a candidate (phone, Lao interface) finishes
 * the adaptive part of a program with rated writing and speaking (seeded by E2E_RATING_FIXTURE, see
 * src/lib/server/seed/e2e-rating.ts), writes, records with Chromium's fake microphone, submits and
 * waits; the demo instructor rates both answers blind; the candidate sees the final result.
 * RATING_SCREENSHOTS=1 also saves screenshots of each step in vi, lo and en under tmp/.
 */

type Messages = Record<string, string>;
const messages = (locale: string): Messages =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
const lo = messages('lo');
const vi = messages('vi');
const fill = (text: string, values: Record<string, string | number>) =>
	text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SCREENSHOTS = process.env.RATING_SCREENSHOTS === '1';
const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } };

/** Screenshots of the current page in every interface language, then back to `locale`. */
async function shoot(context: BrowserContext, page: Page, name: string, locale: string) {
	if (!SCREENSHOTS) return;
	const url = new URL(page.url());
	for (const l of ['vi', 'lo', 'en']) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: l, url: url.origin }]);
		await page.reload();
		await page.screenshot({ path: `tmp/rating/${name}-${l}.png`, fullPage: true });
	}
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: url.origin }]);
	await page.reload();
}

test('a rated writing and speaking answer goes through the queue to a final result', async ({
	browser
}) => {
	test.setTimeout(240_000);

	// The candidate: a phone in Lao, microphone allowed.
	const candidateContext = await browser.newContext({
		...PHONE,
		locale: 'lo-LA',
		permissions: ['microphone']
	});
	const candidate = await candidateContext.newPage();
	await candidate.goto('/register?code=RATE-E2E1');
	await candidate.locator('input[name=displayName]').fill('ບຸນມີ ພົມມະວົງ');
	await candidate.locator('input[name=username]').fill(uniqueUsername('rated'));
	await candidate.locator('input[name=password]').fill('huaphan-2026');
	await candidate.locator('main button[type=submit]').click();
	await expect(candidate).toHaveURL(/\/learn$/);

	await candidate.goto('/learn/screening');
	await candidate.getByRole('link', { name: /Trung cấp lý luận chính trị \(e2e\)/ }).click();
	await candidate.getByRole('button', { name: lo.test_start }).click();

	// The adaptive part: any answer will do; it ends within the engine's item cap.
	await answerUntilRatedPart(candidate, lo.test_answer);

	// Writing: a text box with a word count; the draft is saved on the server and survives a reload.
	await expect(candidate.getByRole('heading', { level: 1 })).toHaveText(lo.skill_writing);
	await expect(
		candidate.getByText(fill(lo.test_rated_task_number, { number: 1, total: 2 }))
	).toBeVisible();
	const answer = candidate.getByLabel(lo.test_rated_answer_label);
	await answer.fill('Tôi tên là Bun-mi. Tôi làm việc ở Sở Giáo dục tỉnh Hủa Phăn.');
	await expect(candidate.getByText(fill(lo.test_rated_word_count, { count: 14 }))).toBeVisible();
	await expect(candidate.getByText(lo.test_rated_saved)).toBeVisible();
	await shoot(candidateContext, candidate, '1-writing', 'lo');
	await candidate.reload();
	await expect(answer).toHaveValue('Tôi tên là Bun-mi. Tôi làm việc ở Sở Giáo dục tỉnh Hủa Phăn.');
	await candidate.getByRole('button', { name: lo.test_rated_submit_writing }).click();

	// Speaking: record, listen back, record again, send.
	await expect(candidate.getByRole('heading', { level: 1 })).toHaveText(lo.skill_speaking);
	await shoot(candidateContext, candidate, '2-recorder', 'lo');
	const record = async () => {
		await candidate.getByRole('button', { name: new RegExp(lo.test_rated_record) }).click();
		await expect(
			candidate.getByText(fill(lo.test_rated_recording, { time: '0:01' }))
		).toBeVisible();
		await candidate.getByRole('button', { name: new RegExp(lo.test_rated_stop) }).click();
	};
	await record();
	const playback = candidate.getByTestId('playback');
	await expect(playback).toHaveAttribute('src', /^blob:/);
	await candidate.getByRole('button', { name: new RegExp(lo.test_rated_rerecord) }).click();
	await expect(candidate.getByText(fill(lo.test_rated_recording, { time: '0:01' }))).toBeVisible();
	await candidate.getByRole('button', { name: new RegExp(lo.test_rated_stop) }).click();
	await expect(playback).toHaveAttribute('src', /^blob:/);
	if (SCREENSHOTS)
		await candidate.screenshot({ path: 'tmp/rating/3-recorded-lo.png', fullPage: true });
	await candidate.getByRole('button', { name: lo.test_rated_submit_recording }).click();

	// Awaiting rating, in Lao.
	await expect(candidate).toHaveURL(/\/learn\/screening\/e2e-rated-candidate-1$/);
	await expect(
		candidate.getByRole('heading', { name: lo.test_rated_awaiting_title })
	).toBeVisible();
	await expect(candidate.getByText(lo.test_rated_awaiting)).toBeVisible();
	await expect(candidate.getByText(lo.test_result_passed)).toHaveCount(0);
	await shoot(candidateContext, candidate, '4-awaiting', 'lo');

	// The demo instructor (Vietnamese interface) rates both answers, blind.
	const instructorContext = await browser.newContext({ ...PHONE, locale: 'vi-VN' });
	const instructor = await instructorContext.newPage();
	await logIn(instructor, 'instructor');
	await instructor.goto('/author');
	await expect(instructor.getByTestId('ratings-waiting')).toHaveText(
		fill(vi.rate_queue_count, { count: 2 })
	);
	await instructor.getByRole('link', { name: vi.rate_home_link }).click();
	await expect(instructor.getByRole('heading', { level: 1 })).toHaveText(vi.rate_queue_title);
	await expect(instructor.getByRole('link', { name: vi.rate_open, exact: true })).toHaveCount(2);
	await expect(instructor.getByText('ບຸນມີ')).toHaveCount(0);
	await shoot(instructorContext, instructor, '5-queue', 'vi');
	await instructor.getByRole('link', { name: vi.rate_open, exact: true }).first().click();

	const rated: string[] = [];
	for (let n = 0; n < 2; n++) {
		await expect(instructor.getByRole('heading', { level: 1 })).toContainText(vi.rate_title);
		await expect(instructor.getByText('ບຸນມີ')).toHaveCount(0);
		const heading = (await instructor.getByRole('heading', { level: 1 }).textContent()) ?? '';
		if (heading.includes(vi.skill_writing)) {
			await expect(instructor.getByText('Tôi tên là Bun-mi.', { exact: false })).toBeVisible();
		} else {
			// The recording plays from the authorized endpoint, for this instructor.
			const src = await instructor.locator('audio').getAttribute('src');
			expect(src).toMatch(/^\/api\/recordings\//);
			const audio = await instructor.request.get(src!);
			expect(audio.status()).toBe(200);
			expect(audio.headers()['content-type']).toMatch(/^audio\//);
			expect((await audio.body()).byteLength).toBeGreaterThan(100);
			// The speaker may listen to it too.
			expect((await candidate.request.get(src!)).status()).toBe(200);
			// The demo learner, who is neither the speaker nor a rater, is refused.
			const stranger = await browser.newContext();
			const strangerPage = await stranger.newPage();
			await logIn(strangerPage, 'learner');
			await expect(strangerPage).toHaveURL(/\/learn$/);
			expect((await strangerPage.request.get(src!)).status()).toBe(403);
			await stranger.close();
		}
		rated.push(heading);
		if (n === 0) await shoot(instructorContext, instructor, '6-rating', 'vi');
		// The top band of every criterion.
		const fieldsets = instructor.locator('form fieldset');
		const count = await fieldsets.count();
		expect(count).toBeGreaterThan(0);
		for (let i = 0; i < count; i++) await fieldsets.nth(i).locator('label.band').last().click();
		await expect(instructor.getByText(/→/)).not.toContainText('—');
		if (SCREENSHOTS && n === 0)
			await instructor.screenshot({ path: 'tmp/rating/6-rating-scored-vi.png', fullPage: true });
		await instructor.getByLabel(vi.rate_comment).fill('Bài làm tốt.');
		await instructor.getByRole('button', { name: vi.rate_submit }).click();
		await expect(instructor.getByRole('status').first()).toContainText(vi.rate_saved.split('{')[0]);
	}
	expect(rated.some((h) => h.includes(vi.skill_writing))).toBe(true);
	expect(rated.some((h) => h.includes(vi.skill_speaking))).toBe(true);
	await expect(instructor).toHaveURL(/\/author\/ratings\?saved=\d&undo=[0-9a-f-]{36}$/);
	await expect(instructor.getByText(vi.rate_queue_empty)).toBeVisible();

	// The candidate's result is final: passed, with the rated skills among the levels.
	await candidate.reload();
	await expect(candidate.getByText(lo.test_rated_awaiting_title)).toHaveCount(0);
	await expect(candidate.getByText(lo.test_result_passed)).toBeVisible();
	for (const skill of [lo.skill_writing, lo.skill_speaking]) {
		const line = fill(lo.test_result_skill, { skill, level: 'LEVEL' });
		await expect(
			candidate.getByText(new RegExp(`^${escapeRegExp(line).replace('LEVEL', '[1-6]')}$`))
		).toBeVisible();
	}
	const code = fill(lo.test_result_code, { code: 'CODE' });
	await expect(
		candidate.getByText(new RegExp(escapeRegExp(code).replace('CODE', '[A-Z0-9]{4}-[A-Z0-9]{4}')))
	).toBeVisible();
	await shoot(candidateContext, candidate, '7-final', 'lo');

	await instructorContext.close();
	await candidateContext.close();
});
