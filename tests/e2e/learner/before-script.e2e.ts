import { expect, test, type Page } from '@playwright/test';
import { hydrated, uniqueUsername } from '../helpers';
import { messages } from './play';

/**
 * On a cheap phone the page is drawn and usable well before its script has run. A choice made in
 * that moment must survive the script taking over (hydration): Svelte sets `checked={…}` and
 * `value={…}` from the page's data when it hydrates, which undid a tick made before (the flaky
 * two-raters test met it on the program form). Forms therefore give their fields `defaultChecked` /
 * `defaultValue`, which set what the server sent without touching what the user changed.
 * The page's scripts are held back here until the choices are made, then released.
 */

const t = messages('lo');

/** Holds back the app's JavaScript until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

// The worker would answer the scripts from its cache, past the hold.
test.use({ locale: 'lo-LA', viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });

test('settings ticked before the page script has run are kept and saved', async ({ page }) => {
	await page.goto('/register?code=huap-2026');
	await page.locator('input[name="displayName"]').fill('ບຸນມີ ພົມມະຈັນ');
	await page.locator('input[name="username"]').fill(uniqueUsername('early'));
	await page.locator('input[name="password"]').fill('huaphan-early-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);

	const release = await holdScripts(page);
	await page.goto('/learn/me', { waitUntil: 'domcontentloaded' });
	const largest = page.getByLabel(t.text_size_largest, { exact: true });
	const contrast = page.getByLabel(t.settings_contrast, { exact: true });
	await largest.check();
	await contrast.check();

	// A button only the script can work takes no tap yet (app.css): a tap would be lost.
	const scriptButton = await page.evaluateHandle(() => {
		const button = document.createElement('button');
		button.type = 'button';
		button.textContent = '…';
		// Outside the app's root: a node added inside it would trip hydration.
		document.body.append(button);
		return button;
	});
	const pointerEvents = () =>
		scriptButton.evaluate((button) => getComputedStyle(button).pointerEvents);
	expect(await pointerEvents()).toBe('none');

	release();
	await hydrated(page);
	await expect(largest).toBeChecked();
	await expect(contrast).toBeChecked();
	expect(await pointerEvents()).toBe('auto');

	await page.getByRole('button', { name: t.settings_save }).click();
	await expect(page.getByText(t.settings_saved)).toBeVisible();
	await expect(page.locator('html')).toHaveClass(/text-3/);
	await expect(page.locator('html')).toHaveClass(/contrast/);
});
