import { expect, test } from '@playwright/test';
import { chooseLanguage, logIn } from '../helpers';
import { messages } from '../learner/play';

const vi = messages('vi');
const lo = messages('lo');
const SHOTS = 'test-results/form-schemas';

/**
 * Issue 9: the instructors' forms read their fields through `$lib/validation`. Text no course needs
 * (a title of 2,001 characters, beyond `optionalText()`'s 2,000) is refused with the schema's
 * translated message beside the field, what was typed stays in the form, and nothing is created.
 */
test('a course title far too long is refused beside the field, in Vietnamese and Lao, and nothing typed is lost', async ({
	page
}) => {
	test.setTimeout(120_000);
	await logIn(page, 'instructor');
	await expect(page).toHaveURL(/\/author$/);
	await page.getByRole('link', { name: vi.author_courses_link }).click();
	const title = 'Tiếng Việt '.repeat(182).slice(0, 2_001);
	const description = 'Dùng trong cuộc họp';

	for (const [locale, t] of [
		['vi', vi],
		['lo', lo]
	] as const) {
		if (locale === 'lo') await chooseLanguage(page, vi.language_label, 'lo');
		await page.getByLabel(t.author_field_target_language).selectOption('vi');
		await page.getByLabel(t.author_field_interface_language).selectOption('lo');
		await page.getByLabel(t.author_field_title, { exact: true }).fill(title);
		await page.getByLabel(t.author_field_description, { exact: true }).fill(description);
		await page.getByRole('button', { name: t.author_create_course }).click();
		const tooLong = t.validation_too_long.replace('{max}', '2000');
		await expect(page.getByText(tooLong)).toBeVisible();
		await expect(page).toHaveURL(/\/author\/courses(\?.*)?$/);
		await expect(page.getByLabel(t.author_field_title, { exact: true })).toHaveValue(title);
		await expect(page.getByLabel(t.author_field_description, { exact: true })).toHaveValue(
			description
		);
		await page.screenshot({ path: `${SHOTS}/course-title-${locale}-390.png`, fullPage: true });
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.screenshot({ path: `${SHOTS}/course-title-${locale}-1280.png` });
		await page.setViewportSize({ width: 390, height: 844 });
	}
	// Nothing was created: the instructor's course list has no course of that title.
	await page.goto('/author/courses');
	await expect(page.getByText(title.slice(0, 40))).toHaveCount(0);
	// The demo instructor is shared by the other tests, which read its pages in Vietnamese.
	await chooseLanguage(page, lo.language_label, 'vi');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
