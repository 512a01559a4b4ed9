import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { uniqueUsername } from '../helpers';

/** What `/api/sync` (and a recording's PUT) answers for one outbox record. */
export type Outcome = { id: string; status: 'accepted' | 'duplicate' | 'refused'; reason?: string };

/** Opens `path` while offline from the worker's copy; a just-activated worker may miss the first try. */
export async function openOffline(page: Page, path: string) {
	await expect(async () => {
		await page.goto(path);
		await expect(page.locator('main')).toBeVisible();
	}).toPass({ timeout: 30_000, intervals: [1000, 2000, 4000] });
}

/**
 * A new learner of the Huaphan committee with the Lao interface (the context's locale is lo-LA),
 * enrolled in the course; ends on its course map. Returns the username.
 */
export async function newLaoLearner(
	page: Page,
	course: { id: string; title: string },
	enrolLabel: string,
	name = 'ບຸນມີ ພົມມະຈັນ'
): Promise<string> {
	const username = uniqueUsername('offline');
	await page.goto('/register?code=huap-2026');
	await page.locator('input[name="displayName"]').fill(name);
	await page.locator('input[name="username"]').fill(username);
	await page.locator('input[name="password"]').fill('huaphan-offline-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	await page.goto('/learn/courses');
	await page
		.locator('li.card')
		.filter({ hasText: course.title })
		.getByRole('button', { name: enrolLabel })
		.click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
	return username;
}

/**
 * The environment of an app server of a test's own (tests/e2e/app-server.ts) on a new PGlite
 * directory, seeding only the course the offline tests play: a new database is seeded at the first
 * start, and every course with its audio would take minutes on a busy machine.
 */
export function ownServerEnv(dir: string, courseId: string): Record<string, string> {
	const courses = mkdtempSync(join(tmpdir(), 'mittaphap-courses-'));
	// A copy: the seeder lists course folders and skips a symbolic link.
	cpSync(resolve('content/courses', courseId), join(courses, courseId), { recursive: true });
	return { PGLITE_DIR: dir, COURSES_DIR: courses };
}
