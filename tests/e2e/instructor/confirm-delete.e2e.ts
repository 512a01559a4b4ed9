import { expect, test } from '@playwright/test';
import { hydrated, logIn } from '../helpers';
import { messages } from '../learner/play';

const t = messages('vi');

/**
 * Deleting asks in the app's own dialog (ui/ConfirmSubmit on ui/Dialog), not the browser's confirm():
 * Escape and "No, keep it" keep the lesson and give focus back to the button; "Yes, delete" deletes.
 */
test('deleting a lesson asks in a dialog; Escape and no keep it, yes deletes it', async ({
	page
}) => {
	const browserDialogs: string[] = [];
	page.on('dialog', (d) => {
		browserDialogs.push(d.message());
		void d.dismiss();
	});
	await logIn(page, 'instructor');
	await page.getByRole('link', { name: t.author_courses_link }).click();
	await page.getByLabel(t.author_field_target_language).selectOption('vi');
	await page.getByLabel(t.author_field_interface_language).selectOption('lo');
	await page.getByLabel(t.author_field_title, { exact: true }).fill('ພາສາຫວຽດ ທົດລອງລຶບ');
	await page.getByLabel(t.author_field_description, { exact: true }).fill('ລຶບບົດຮຽນ');
	await page.getByRole('button', { name: t.author_create_course }).click();
	await expect(page).toHaveURL(/\/author\/courses\/vi-[0-9a-f]{8}$/);
	await page.getByLabel(t.author_field_unit_title).fill('ທັກທາຍ');
	await page.getByRole('button', { name: t.author_add_unit }).click();
	await page.getByText(t.author_add_lesson, { exact: true }).first().click();
	await page.getByLabel(t.author_field_lesson_title).fill('ບົດທີ່ຈະລຶບ');
	await page.getByLabel(t.author_field_goal, { exact: true }).fill('ທັກທາຍໄດ້');
	await page.getByRole('button', { name: t.author_add_lesson }).click();
	await expect(page).toHaveURL(/\/lessons\/l[0-9a-f]{8}$/);
	const lessonUrl = page.url();
	await hydrated(page);

	const deleteButton = page.getByRole('button', { name: t.author_delete_lesson });
	const ask = page.getByRole('alertdialog', { name: t.author_confirm_delete });

	// Escape: nothing deleted, focus back where it was.
	await deleteButton.click();
	await expect(ask).toBeVisible();
	await expect(ask.getByRole('button', { name: t.ui_keep })).toBeVisible();
	await page.screenshot({ path: 'test-results/ui-kit/confirm-delete-vi-390.png' });
	await page.keyboard.press('Escape');
	await expect(ask).toBeHidden();
	await expect(deleteButton).toBeFocused();
	await expect(page).toHaveURL(lessonUrl);

	// "No, keep it": the same.
	await deleteButton.click();
	await ask.getByRole('button', { name: t.ui_keep }).click();
	await expect(ask).toBeHidden();
	await expect(deleteButton).toBeFocused();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ບົດທີ່ຈະລຶບ');

	// "Yes, delete": the lesson is gone, back on the course page.
	await hydrated(page);
	await deleteButton.click();
	await ask.getByRole('button', { name: t.author_confirm_delete_yes }).click();
	await expect(page).toHaveURL(/\/author\/courses\/vi-[0-9a-f]{8}$/);
	await expect(page.getByText('ບົດທີ່ຈະລຶບ')).toHaveCount(0);
	expect(browserDialogs).toEqual([]);
});
