import { expect, test, type Page } from '@playwright/test';
import { serviceWorkerControls, uniqueUsername } from '../helpers';
import { gloss, lessonWithEveryKind, readCourse } from './course-file';
import { answer, fill, messages } from './play';
import { openOffline, type Outcome } from './offline';

/**
 * Puts a review of a word the learner has no card for straight into the phone's outbox (as an old app
 * version or a removed word would leave it): the server refuses it with a reason.
 */
async function queueUnknownWordReview(page: Page, courseId: string) {
	await page.evaluate(async (courseId) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('mittaphap-offline');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const account = await new Promise<string>((resolve, reject) => {
			const get = db.transaction('meta').objectStore('meta').get('account');
			get.onsuccess = () => resolve(get.result as string);
			get.onerror = () => reject(get.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('outbox', 'readwrite');
			tx.objectStore('outbox').put({
				id: crypto.randomUUID(),
				accountId: account,
				kind: 'review',
				payload: {
					courseId,
					vocabularyId: 'word-removed-from-the-course',
					grade: 3,
					mode: 'recall',
					reviewedAt: new Date().toISOString()
				},
				createdAt: Date.now(),
				seq: 1_000_000,
				tries: 0,
				notBefore: 0
			});
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, courseId);
}

test('a Lao learner loses the connection in the middle of a sync: each review reaches the server once; a refused one is shown and can be deleted', async ({
	page,
	context
}) => {
	const t = messages('lo');
	const course = readCourse('vi-for-lo');
	const lesson = lessonWithEveryKind(course);
	const lessonPath = `/learn/lessons/${course.id}.${lesson.id}`;

	const outcomes: Outcome[] = [];
	page.on('response', async (response) => {
		if (new URL(response.url()).pathname !== '/api/sync' || !response.ok()) return;
		const body = await response.json().catch(() => null);
		outcomes.push(...(body?.results ?? []));
	});

	await page.goto('/register?code=HUAP-2026');
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: new URL(page.url()).origin }
	]);
	await page.reload();
	await page.locator('input[name="displayName"]').fill('ສີສະຫວາດ ແກ້ວມະນີ');
	await page.locator('input[name="username"]').fill(uniqueUsername('faults'));
	await page.locator('input[name="password"]').fill('huaphan-faults-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await page.goto('/learn/courses');
	await page
		.locator('li.card')
		.filter({ hasText: gloss(course.title, 'lo', course) })
		.getByRole('button', { name: t.course_enrol })
		.click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));

	// Online: one play-through, so the learner has words due for review.
	await page.goto(lessonPath);
	await serviceWorkerControls(page);
	for (const ex of lesson.exercises) await answer(page, course, ex, 'lo', t);
	await expect(page.getByRole('status').filter({ hasText: t.learn_saved })).toBeVisible();
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved));
	await page.goto('/learn/review');
	await expect(page.getByTestId('review-term')).toBeVisible();
	const words = new Set(lesson.vocabulary.map((v) => v.id)).size;
	await page.waitForTimeout(1500);
	outcomes.length = 0;

	// Offline: two reviews, kept on the phone.
	await context.setOffline(true);
	await openOffline(page, '/learn/review');
	for (let i = 0; i < 2; i++) {
		await page.getByText(t.review_show_meaning).click();
		await page.getByRole('button', { name: t.review_good, exact: true }).click();
	}
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(fill(t.sync_status_offline, { count: 2 }))
	);

	// Back online, but the connection drops once the server has applied the batch and before the phone
	// hears back: the server holds the reviews, the phone still has them.
	let dropped: Outcome[] | null = null;
	await page.route('**/api/sync', async (route) => {
		if (dropped) return route.continue();
		const response = await route.fetch();
		dropped = ((await response.json()) as { results: Outcome[] }).results;
		await route.abort('connectionreset');
	});
	await context.setOffline(false);
	await expect.poll(() => dropped, { timeout: 30_000 }).not.toBeNull();
	// (The two reviews may go in one batch or two: their back-offs while offline differ.)
	expect(dropped!.length).toBeGreaterThan(0);
	expect(dropped!.every((o) => o.status === 'accepted')).toBe(true);

	// The next sync goes through: the server already had both, and the phone lets them go.
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved), {
		timeout: 30_000
	});
	// The page may show "all saved" before this test has read the last answer's body (the response
	// listener awaits it): wait for every dropped record's second answer.
	const retriedOf = () => outcomes.filter((o) => dropped!.some((d) => d.id === o.id));
	await expect.poll(() => retriedOf().length).toBe(dropped!.length);
	expect(retriedOf().map((o) => o.status)).toEqual(dropped!.map(() => 'duplicate'));
	const applied = new Set(
		[...dropped!, ...outcomes].filter((o) => o.status === 'accepted').map((o) => o.id)
	);
	expect(applied.size).toBe(2);
	expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(2 - dropped!.length);
	await page.unrouteAll();

	// Exactly once on the server: its count of due words went down by two, not four.
	await page.goto('/learn/review');
	await expect(page.getByTestId('review-remaining')).toHaveText(
		fill(t.review_due_count, { count: words - 2 })
	);

	// A record the server refuses stays on the phone, listed with the reason in plain words.
	await queueUnknownWordReview(page, course.id);
	await page.reload();
	const refused = page.getByTestId('sync-refused');
	await expect(refused).toContainText(fill(t.sync_status_refused, { count: 1 }), {
		timeout: 30_000
	});
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved));
	expect(outcomes.filter((o) => o.status === 'refused')).toEqual([
		expect.objectContaining({ reason: 'no such card' })
	]);
	await refused.locator('summary').click();
	await expect(refused).toContainText(t.sync_refused_kind_review);
	await expect(refused).toContainText(t.sync_refused_reason_gone);
	await page.screenshot({ path: 'test-results/outbox-refused-lo-390.png', fullPage: true });

	// Still there after a reload (never sent again), gone once the learner deletes it.
	await page.reload();
	await expect(refused).toBeVisible();
	expect(outcomes.filter((o) => o.status === 'refused')).toHaveLength(1);
	await refused.locator('summary').click();
	await refused.getByRole('button', { name: t.sync_refused_delete }).click();
	await expect(refused).toBeHidden();
	await page.reload();
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved));
	await expect(refused).toBeHidden();

	// How the list reads on a laptop in Vietnamese.
	await queueUnknownWordReview(page, course.id);
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: new URL(page.url()).origin }
	]);
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.reload();
	await refused.locator('summary').click();
	await expect(refused).toContainText(messages('vi').sync_refused_reason_gone);
	await page.screenshot({ path: 'test-results/outbox-refused-vi-1280.png' });
});
