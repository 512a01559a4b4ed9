import { expect, test, type Page } from '@playwright/test';
import { hydrated, logIn } from '../helpers';
import { messages } from '../learner/play';

const vi = messages('vi');

/**
 * Issue 12 walked as a test developer would, on a phone (390 px) in Vietnamese: what the item editor
 * and the bank health page must survive. A 300-letter option without a space stays on the screen in
 * the candidate's preview; the health grid's five skills fit the width; two browsers saving one draft
 * do not overwrite each other unknowingly (the second is told, keeps what it typed, and replaces the
 * other version only by saving again); a Lao reading item is told to candidates as reading, in Lao;
 * import and export are found from the item list.
 */

/** Nothing of the page lies beyond the right edge of the screen. */
async function fitsTheScreen(page: Page) {
	const overflow = await page.evaluate(() => {
		const beyond = [...document.querySelectorAll('main *')].filter(
			(e) => e.getBoundingClientRect().right > window.innerWidth + 1
		);
		return {
			page: document.documentElement.scrollWidth - window.innerWidth,
			elements: beyond.slice(0, 3).map((e) => `${e.tagName}.${e.className}`)
		};
	});
	expect(overflow).toEqual({ page: 0, elements: [] });
}

async function newDraft(page: Page, prompt: string, optionA: string): Promise<string> {
	await page.goto('/author/items/new?kind=choice');
	await hydrated(page);
	await page.getByLabel(vi.items_field_prompt, { exact: true }).fill(prompt);
	const options = [optionA, 'đã', 'sẽ'];
	for (const [i, option] of options.entries()) {
		await page.locator(`#field-option${i}`).fill(option);
	}
	await page.locator('input[name=answer][value="1"]').check();
	return prompt;
}

test('a long option and the health grid stay on a phone screen', async ({ page }) => {
	await logIn(page, 'instructor');
	await expect(page).toHaveURL(/\/author$/);
	const long = 'x'.repeat(300);
	await newDraft(page, 'Tôi ___ đi học.', long);
	await expect(page.getByTestId('item-preview').getByText(long)).toBeVisible();
	await fitsTheScreen(page);
	await page.getByRole('button', { name: vi.items_save }).click();
	await expect(page.getByText(vi.items_saved)).toBeVisible();
	await fitsTheScreen(page);

	await page.goto('/author/items/health');
	await expect(page.getByTestId('health-grid')).toBeVisible();
	await fitsTheScreen(page);
});

test('two browsers saving one draft: the later is told, keeps its text, and replaces only when saved again', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const first = await (await browser.newContext()).newPage();
	await logIn(first, 'instructor');
	await expect(first).toHaveURL(/\/author$/);
	await newDraft(first, `Anh ấy ___ về nhà (${Date.now().toString(36)}).`, 'đang');
	await first.getByRole('button', { name: vi.items_save }).click();
	await expect(first.getByText(vi.items_saved)).toBeVisible();
	const itemUrl = new URL(first.url()).pathname;

	const second = await (await browser.newContext()).newPage();
	await logIn(second, 'instructor');
	await expect(second).toHaveURL(/\/author$/);
	await second.goto(itemUrl);
	await hydrated(second);
	await first.goto(itemUrl);
	await hydrated(first);

	await first.getByLabel(vi.items_field_prompt, { exact: true }).fill('Chị ấy ___ về nhà.');
	await first.getByRole('button', { name: vi.items_save }).click();
	await expect(first.getByText(vi.items_saved)).toBeVisible();

	const mine = 'Em ấy ___ về nhà.';
	await second.getByLabel(vi.items_field_prompt, { exact: true }).fill(mine);
	await second.getByRole('button', { name: vi.items_save }).click();
	await expect(second.getByRole('alert')).toHaveText(vi.items_error_changed_elsewhere);
	await expect(second.getByLabel(vi.items_field_prompt, { exact: true })).toHaveValue(mine);

	await second.getByRole('button', { name: vi.items_save }).click();
	await expect(second.getByText(vi.items_saved)).toBeVisible();
	await expect(second.getByRole('heading', { level: 1 })).toHaveText(mine);
});

test('a Lao reading item reads as reading, in Lao; import and export are one click from the list', async ({
	page
}) => {
	await logIn(page, 'instructor');
	await expect(page).toHaveURL(/\/author$/);
	await page.goto('/author/items');
	await page.getByRole('link', { name: vi.exchange_home_link }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(vi.exchange_title);

	await page.goto('/author/items/new?kind=choice&language=lo');
	await hydrated(page);
	const instruction = page.getByLabel(vi.items_field_instruction, { exact: true });
	await expect(instruction).toHaveValue('fill_gap');
	await page.getByLabel(vi.items_field_skill, { exact: true }).selectOption('reading');
	await expect(instruction).toHaveValue('read_choose');
	// An instruction chosen by hand stays when the skill changes again.
	await instruction.selectOption('choose_meaning');
	await page.getByLabel(vi.items_field_skill, { exact: true }).selectOption('listening');
	await expect(instruction).toHaveValue('choose_meaning');
	await page.getByLabel(vi.items_field_skill, { exact: true }).selectOption('reading');

	const passage = 'ມື້ນີ້ ອ້າຍມິນ ໄປຕະຫຼາດ.';
	await page.getByLabel(vi.items_field_passage, { exact: true }).fill(passage);
	const preview = page.getByTestId('item-preview');
	await expect(preview.getByText(passage)).toHaveAttribute('lang', 'lo');
	await page.getByLabel(vi.items_field_prompt, { exact: true }).fill('ອ້າຍມິນ ໄປໃສ?');
	await expect(preview.getByText('ອ້າຍມິນ ໄປໃສ?')).toHaveAttribute('lang', 'lo');
});
