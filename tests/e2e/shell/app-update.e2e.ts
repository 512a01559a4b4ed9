import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppServer } from '../app-server';
import { serviceWorkerControls } from '../helpers';
import { gloss, readCourse } from '../learner/course-file';
import { answer, fill, messages, passStartCard } from '../learner/play';
import { newLaoLearner, openOffline, ownServerEnv, type Outcome } from '../learner/offline';

/**
 * A new app version reaches a phone that has the app open: the new service worker installs and waits,
 * the learner sees "update available — reload" and goes on with their lesson undisturbed; pressing
 * "reload" (offline, even) brings in the new version, and the work waiting in the outbox is still
 * there and reaches the server once.
 *
 * Two builds on one database, as a deployment does: this build, then a copy of it whose worker differs
 * (it answers "which version?", so the test can tell the two apart). An app server of its own on
 * E2E_PORT + 100, as the fault tests have.
 */

const t = messages('lo');
const course = readCourse('vi-for-lo');
const lesson = course.units[0].lessons[0];
const lessonPath = `/learn/lessons/${course.id}.${lesson.id}`;
const PORT = Number(process.env.E2E_PORT ?? 4173) + 100;
/** Inside the checkout, so the copy finds node_modules. */
const NEXT_BUILD = 'data/e2e-next-build';
const ASK = 'e2e-which-version';
const NEXT = 'e2e-next-version';

/** Which worker controls the page: the next build's answers; the current one stays silent. */
const controllingVersion = (page: Page) =>
	page.evaluate(
		({ ask, next }) =>
			new Promise<'current' | 'next'>((resolve) => {
				const container = navigator.serviceWorker;
				const silent = setTimeout(() => resolve('current'), 2000);
				container.addEventListener('message', (event) => {
					if (event.data === next) {
						clearTimeout(silent);
						resolve('next');
					}
				});
				container.controller?.postMessage(ask);
			}),
		{ ask: ASK, next: NEXT }
	);

test.setTimeout(360_000);

test('a new app version waits for the learner: "update available — reload", the outbox kept', async ({
	browser
}) => {
	rmSync(NEXT_BUILD, { recursive: true, force: true });
	cpSync('build', NEXT_BUILD, { recursive: true });
	rmSync(join(NEXT_BUILD, 'client/service-worker.js.gz'), { force: true });
	rmSync(join(NEXT_BUILD, 'client/service-worker.js.br'), { force: true });
	appendFileSync(
		join(NEXT_BUILD, 'client/service-worker.js'),
		`\nself.addEventListener('message', (e) => { if (e.data === '${ASK}') e.source.postMessage('${NEXT}'); });\n`
	);
	const dir = mkdtempSync(join(tmpdir(), 'mittaphap-update-'));
	const env = ownServerEnv(dir, course.id);
	let server = new AppServer(PORT, env, { startMs: 240_000 });
	const context = await browser.newContext({
		baseURL: server.origin,
		locale: 'lo-LA',
		viewport: { width: 390, height: 844 }
	});
	try {
		await server.start();
		const page = await context.newPage();
		const outcomes: Outcome[] = [];
		context.on('response', async (response) => {
			const url = new URL(response.url());
			if (!url.pathname.startsWith('/api/sync') || !response.ok()) return;
			const body = await response.json().catch(() => null);
			if (url.pathname === '/api/sync') outcomes.push(...(body?.results ?? []));
			else if (body) outcomes.push(body);
		});
		await newLaoLearner(
			page,
			{ id: course.id, title: gloss(course.title, 'lo', course) },
			t.course_enrol
		);
		await serviceWorkerControls(page);
		// Opened under the worker, which keeps the page for offline (the reload below needs it).
		await page.goto(lessonPath);
		await passStartCard(page, page.locator('main form.exercise').first(), t);
		await expect
			.poll(() =>
				page.evaluate(async (path) => {
					for (const name of await caches.keys()) {
						const keys = await (await caches.open(name)).keys();
						if (keys.some((r) => new URL(r.url).pathname === path)) return true;
					}
					return false;
				}, lessonPath)
			)
			.toBe(true);
		expect(await controllingVersion(page)).toBe('current');

		// The new version is deployed; the phone notices when its connection comes back.
		await server.stop();
		server = new AppServer(PORT, env, { build: NEXT_BUILD });
		await server.start();
		await page.evaluate(
			() => ((window as unknown as { sameDocument: boolean }).sameDocument = true)
		);
		await context.setOffline(true);
		await context.setOffline(false);
		const prompt = page.getByTestId('update-prompt');
		await expect(prompt).toContainText(t.offline_update_available, { timeout: 60_000 });
		await page.screenshot({ path: 'test-results/update-prompt-lo-390.png' });

		// Nothing changes under the learner's hands: the lesson is played offline on the same page,
		// under the version it started with.
		await context.setOffline(true);
		for (const ex of lesson.exercises) await answer(page, course, ex, 'lo', t);
		await expect(page.getByTestId('saved-on-phone')).toHaveText(t.sync_saved_on_phone);
		const waiting = new RegExp(fill(t.sync_status_offline, { count: 2 }));
		await expect(page.getByTestId('sync-status')).toHaveText(waiting);
		await expect(prompt).toBeVisible();
		expect(
			await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)
		).toBe(true);
		expect(await controllingVersion(page)).toBe('current');

		// "Reload", still offline: the new version takes over and the page reloads, the outbox intact.
		await prompt.getByRole('button', { name: t.offline_update_reload }).click();
		await expect
			.poll(() =>
				page
					.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument ?? false)
					// In the middle of the reload: ask again.
					.catch(() => true)
			)
			.toBe(false);
		await openOffline(page, lessonPath);
		await expect(page.getByTestId('sync-status')).toHaveText(waiting);
		await expect(prompt).toHaveCount(0);
		expect(await controllingVersion(page)).toBe('next');
		expect(outcomes).toEqual([]);

		// Online: the work done before the update reaches the server once.
		await context.setOffline(false);
		await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved), {
			timeout: 30_000
		});
		await expect.poll(() => outcomes.length).toBe(2);
		expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
	} finally {
		await context.close();
		await server.stop('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		rmSync(env.COURSES_DIR, { recursive: true, force: true });
		rmSync(NEXT_BUILD, { recursive: true, force: true });
	}
});
