import { expect, type Page } from '@playwright/test';

/** What `/api/sync` (and a recording's PUT) answers for one outbox record. */
export type Outcome = { id: string; status: 'accepted' | 'duplicate' | 'refused'; reason?: string };

/** Opens `path` while offline from the worker's copy; a just-activated worker may miss the first try. */
export async function openOffline(page: Page, path: string) {
	await expect(async () => {
		await page.goto(path);
		await expect(page.locator('main')).toBeVisible();
	}).toPass({ timeout: 30_000, intervals: [1000, 2000, 4000] });
}
