import { expect, test } from '@playwright/test';
import { serviceWorkerControls, uniqueUsername } from '../helpers';
import { gloss, lessonWithEveryKind, readCourse } from './course-file';
import { answer, fill, messages } from './play';
import { openOffline, type Outcome } from './offline';

test('a Lao learner works offline: a lesson with a recording and a review reach the server once after a reload', async ({
	page,
	context
}) => {
	const t = messages('lo');
	const course = readCourse('vi-for-lo');
	const lesson = lessonWithEveryKind(course);
	const lessonPath = `/learn/lessons/${course.id}.${lesson.id}`;

	// What the server answered for each record, and the batches as the phone sent them — from the page
	// or from the service worker (Background Sync), so listened to on the context.
	const outcomes: Outcome[] = [];
	const batches: string[] = [];
	context.on('response', async (response) => {
		const url = new URL(response.url());
		if (!url.pathname.startsWith('/api/sync') || !response.ok()) return;
		const body = await response.json().catch(() => null);
		if (url.pathname === '/api/sync') {
			batches.push(response.request().postData() ?? '');
			outcomes.push(...(body?.results ?? []));
		} else if (body) outcomes.push(body);
	});

	// A new learner of the Huaphan committee, Lao interface, enrolled in the Vietnamese course.
	await page.goto('/register?code=HUAP-2026');
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'lo', url: new URL(page.url()).origin }
	]);
	await page.reload();
	await page.locator('input[name="displayName"]').fill('ບຸນມີ ພົມມະຈັນ');
	await page.locator('input[name="username"]').fill(uniqueUsername('offline'));
	await page.locator('input[name="password"]').fill('huaphan-offline-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	await page.goto('/learn/courses');
	await page
		.locator('li.card')
		.filter({ hasText: gloss(course.title, 'lo', course) })
		.getByRole('button', { name: t.course_enrol })
		.click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));

	// Online: one play-through, so the learner has due words for the review.
	await page.goto(lessonPath);
	await serviceWorkerControls(page);
	for (const ex of lesson.exercises) await answer(page, course, ex, 'lo', t);
	await expect(page.getByRole('status').filter({ hasText: t.learn_saved })).toBeVisible();
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved));

	// Open the review and the lesson while online (the worker keeps both pages), then lose the network.
	await page.goto('/learn/review');
	await expect(page.getByTestId('review-term')).toBeVisible();
	await page.goto(lessonPath);
	await expect(
		page.getByTestId('lesson-start').getByRole('button', { name: t.lesson_start })
	).toBeEnabled();
	await page.waitForTimeout(1500);
	outcomes.length = 0;
	batches.length = 0;
	await context.setOffline(true);

	// Offline: half the lesson, a reload, and the rest (the play-through is picked up where it was).
	const half = Math.floor(lesson.exercises.length / 2);
	for (const ex of lesson.exercises.slice(0, half)) await answer(page, course, ex, 'lo', t);
	await openOffline(page, lessonPath);
	await expect(page.getByText(t.sync_resumed)).toBeVisible();
	for (const ex of lesson.exercises.slice(half)) await answer(page, course, ex, 'lo', t);
	await expect(page.getByTestId('saved-on-phone')).toHaveText(t.sync_saved_on_phone);
	await page.screenshot({ path: 'test-results/outbox-summary-offline-lo-390.png', fullPage: true });
	// The recording and the finished lesson wait on the phone.
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(fill(t.sync_status_offline, { count: 2 }))
	);

	// A review offline, scheduled on the phone.
	await openOffline(page, '/learn/review');
	await page.getByText(t.review_show_meaning).click();
	await page.getByRole('button', { name: t.review_good, exact: true }).click();
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(fill(t.sync_status_offline, { count: 3 }))
	);

	// The browser reloads before the connection is back: the outbox is still there.
	await openOffline(page, '/learn/review');
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(fill(t.sync_status_offline, { count: 3 }))
	);
	expect(outcomes).toEqual([]);
	await page.screenshot({ path: 'test-results/outbox-review-offline-lo-390.png' });

	// Logging out now warns with the count; the learner chooses to stay.
	await page.locator('form[action="/logout"] button').click();
	const ask = page.getByRole('alertdialog');
	await expect(ask).toContainText(fill(t.sync_logout_title, { count: 3 }));
	await expect(
		ask.getByRole('button', { name: fill(t.sync_logout_discard, { count: 3 }) })
	).toBeVisible();
	await page.screenshot({ path: 'test-results/outbox-logout-warning-lo-390.png', fullPage: true });
	await ask.getByRole('button', { name: t.sync_logout_wait }).click();
	await expect(ask).toBeHidden();

	// Back online: everything is sent, each record accepted once.
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved), {
		timeout: 30_000
	});
	// The status may say "saved" before the listener above has read the last answer's body.
	await expect.poll(() => outcomes.filter((o) => o.status === 'accepted').length).toBe(3);
	const accepted = outcomes.filter((o) => o.status === 'accepted');
	expect(outcomes.filter((o) => o.status === 'refused')).toEqual([]);
	expect(accepted).toHaveLength(3);
	expect(new Set(accepted.map((o) => o.id)).size).toBe(3);

	// The same batch posted twice (an answer lost on the way back, a second tab): nothing is applied again.
	expect(batches.length).toBeGreaterThan(0);
	const origin = new URL(page.url()).origin;
	for (const batch of batches)
		for (let i = 0; i < 2; i++) {
			const again = await page.request.post('/api/sync', {
				data: JSON.parse(batch),
				headers: { origin }
			});
			expect(again.status()).toBe(200);
			const { results } = (await again.json()) as { results: Outcome[] };
			expect(results.length).toBeGreaterThan(0);
			expect(results.every((r) => r.status === 'duplicate')).toBe(true);
		}

	// The progress shown is the server's: the lesson is done and the reviewed word is no longer due.
	await page.goto(`/learn/courses/${course.id}`);
	await expect(page.getByText(t.course_lesson_done).first()).toBeVisible();
	await page.goto('/learn/review');
	const words = new Set(lesson.vocabulary.map((v) => v.id)).size;
	await expect(page.getByTestId('review-remaining')).toHaveText(
		fill(t.review_due_count, { count: words - 1 })
	);

	// How the status reads on a laptop in Vietnamese.
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'vi', url: origin }]);
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/learn/review');
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(messages('vi').sync_status_saved)
	);
	await page.screenshot({ path: 'test-results/outbox-status-vi-1280.png' });

	// Asked to log out while a review waits, the learner leaves the question open; the connection comes
	// back, the review is sent, and the learner is logged out as asked (nothing is left to lose).
	const vi = messages('vi');
	await context.setOffline(true);
	await page.getByText(vi.review_show_meaning).click();
	await page.getByRole('button', { name: vi.review_good, exact: true }).click();
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(fill(vi.sync_status_offline, { count: 1 }))
	);
	await page.locator('form[action="/logout"] button').click();
	await expect(page.getByRole('alertdialog')).toContainText(
		fill(vi.sync_logout_title, { count: 1 })
	);
	await context.setOffline(false);
	await expect(page.locator('form[action="/logout"]')).toHaveCount(0, { timeout: 30_000 });
	// Sent before the logout: the phone deletes a record only when the server acknowledged it.
	const left = await page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('mittaphap-offline');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const count = open.result.transaction('outbox').objectStore('outbox').count();
					count.onsuccess = () => resolve(count.result);
					count.onerror = () => reject(count.error);
				};
			})
	);
	expect(left).toBe(0);
});
