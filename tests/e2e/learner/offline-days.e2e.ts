import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test, type Page } from '@playwright/test';
import type { Lesson } from '../../../src/lib/course/types';
import { AppServer } from '../app-server';
import { serviceWorkerControls } from '../helpers';
import { gloss, readCourse } from './course-file';
import { answer, escape, fill, messages } from './play';
import { newLaoLearner, openOffline, ownServerEnv, type Outcome } from './offline';

/**
 * Issue 10's "done when": a Lao learner works a downloaded unit offline on a 390 px Chromium over four
 * days of simulated time — the phone's clock (Playwright's page.clock) jumps a day at a time, the page
 * is reloaded every morning, lessons are played and the words due that day reviewed, with FSRS
 * scheduling on the phone. Then the phone reconnects to the server, whose clock has moved on as much
 * (tests/e2e/fixtures/server-clock.mjs), and the database holds every answer, finished lesson,
 * recording and review exactly once, at the time the phone did it.
 *
 * An app server of its own (like the fault tests) on E2E_PORT + 100, with a PGlite directory the test
 * reads once the server has stopped.
 */

const t = messages('lo');
const course = readCourse('vi-for-lo');
const unit = course.units[0];
const [lesson1, lesson2, lesson3] = unit.lessons;
const lessonPath = (lesson: Lesson) => `/learn/lessons/${course.id}.${lesson.id}`;
const PORT = Number(process.env.E2E_PORT ?? 4173) + 100;
const DAY = '24:00:00';
const CLOCK = ['--import', './tests/e2e/fixtures/server-clock.mjs'];

/** The header's status offline with `count` records waiting. */
const offlineStatus = ({ count }: { count: number }) =>
	new RegExp(count === 0 ? t.sync_status_offline_none : fill(t.sync_status_offline, { count }));

/** The phone's time (its fake clock). */
const phoneNow = (page: Page) => page.evaluate(() => Date.now());

/** Something the learner did, between two readings of the phone's clock. */
type Done = { from: number; to: number };

/** Plays a whole lesson from the phone; returns when it was played. */
async function playLesson(page: Page, lesson: Lesson): Promise<Done> {
	await openOffline(page, lessonPath(lesson));
	const from = await phoneNow(page);
	for (const ex of lesson.exercises) await answer(page, course, ex, 'lo', t);
	await expect(page.getByTestId('saved-on-phone')).toHaveText(t.sync_saved_on_phone);
	return { from, to: await phoneNow(page) };
}

/** Reviews every word due now ("good"), each going to the outbox; returns when each was reviewed. */
async function reviewDue(page: Page, waiting: { count: number }): Promise<Done[]> {
	await openOffline(page, '/learn/review');
	const status = page.getByTestId('sync-status');
	// The outbox (and the deck beside it in IndexedDB) has been read: the page reviews on the phone.
	await expect(status).toHaveText(offlineStatus(waiting));
	const done: Done[] = [];
	const term = page.getByTestId('review-term');
	const finished = page.getByTestId('review-done');
	for (;;) {
		await expect(term.or(finished)).toBeVisible();
		if (await finished.isVisible()) break;
		const from = await phoneNow(page);
		await page.getByText(t.review_show_meaning).click();
		await page.getByRole('button', { name: t.review_good, exact: true }).click();
		waiting.count++;
		await expect(status).toHaveText(offlineStatus(waiting));
		done.push({ from, to: await phoneNow(page) });
	}
	return done;
}

const within = (time: Date | string, done: Done) => {
	const at = new Date(time).getTime();
	return at >= done.from && at <= done.to;
};

test.setTimeout(600_000);

test('a Lao learner works a downloaded unit offline for four simulated days; everything reaches the database once, at its time', async ({
	browser
}) => {
	const dir = mkdtempSync(join(tmpdir(), 'mittaphap-days-'));
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
		await page.clock.install();
		const outcomes: Outcome[] = [];
		context.on('response', async (response) => {
			const url = new URL(response.url());
			if (!url.pathname.startsWith('/api/sync') || !response.ok()) return;
			const body = await response.json().catch(() => null);
			if (url.pathname === '/api/sync') outcomes.push(...(body?.results ?? []));
			else if (body) outcomes.push(body);
		});

		// Day 0, online: a new learner enrols, downloads the first unit, plays its first lesson and
		// opens the review (the words it taught are due).
		const username = await newLaoLearner(
			page,
			{ id: course.id, title: gloss(course.title, 'lo', course) },
			t.course_enrol
		);
		await serviceWorkerControls(page);
		const card = page.locator('li.card').filter({ hasText: gloss(unit.title, 'lo', course) });
		await card.getByRole('button', { name: new RegExp(escape(t.offline_download_unit)) }).click();
		await expect(card.getByTestId('unit-download')).toHaveAttribute('data-downloaded', 'true', {
			timeout: 90_000
		});
		await page.goto(lessonPath(lesson1));
		const online: Done = { from: await phoneNow(page), to: 0 };
		for (const ex of lesson1.exercises) await answer(page, course, ex, 'lo', t);
		await expect(page.getByRole('status').filter({ hasText: t.learn_saved })).toBeVisible();
		online.to = await phoneNow(page);
		await page.goto('/learn/review');
		await expect(page.getByTestId('review-term')).toBeVisible();
		// The lesson's recording and the lesson itself were answered; what follows is offline work only.
		await expect.poll(() => outcomes.length).toBe(2);
		outcomes.length = 0;

		// Offline from here on, for days.
		await context.setOffline(true);
		const waiting = { count: 0 };
		const reviews: Done[][] = [];
		const lessons: [Lesson, Done][] = [];
		reviews.push(await reviewDue(page, waiting));
		expect(reviews[0].length).toBeGreaterThan(0);

		// Days 1 and 2: the morning reload, a new lesson (with its recording), the words due again.
		for (const lesson of [lesson2, lesson3]) {
			await page.clock.fastForward(DAY);
			await openOffline(page, `/learn/courses/${course.id}`);
			lessons.push([lesson, await playLesson(page, lesson)]);
			waiting.count += 2; // the finished lesson and its recording
			reviews.push(await reviewDue(page, waiting));
		}
		await page.screenshot({ path: 'test-results/days-review-lo-390.png' });
		// Day 3: only the review. FSRS on the phone brought words back as the days passed.
		await page.clock.fastForward(DAY);
		reviews.push(await reviewDue(page, waiting));
		expect(reviews.slice(1).some((day) => day.length > 0)).toBe(true);
		await page.screenshot({ path: 'test-results/days-status-lo-390.png' });

		// One more reload before the connection returns: nothing is lost.
		await openOffline(page, `/learn/courses/${course.id}`);
		await expect(page.getByTestId('sync-status')).toHaveText(offlineStatus(waiting));
		expect(outcomes).toEqual([]);

		// The phone reconnects to the server on day 3, its clock as far on as the phone's.
		await server.stop();
		const offset = (await phoneNow(page)) - Date.now();
		server = new AppServer(
			PORT,
			{ ...env, SERVER_CLOCK_OFFSET_MS: String(offset) },
			{ nodeArgs: CLOCK }
		);
		await server.start();
		await context.setOffline(false);
		await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved), {
			timeout: 60_000
		});
		await expect.poll(() => outcomes.length).toBe(waiting.count);
		expect(outcomes.filter((o) => o.status !== 'accepted')).toEqual([]);
		const deck = await page.evaluate(async () => {
			const open = indexedDB.open('mittaphap-offline');
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const account = await new Promise<string>((resolve) => {
				const get = db.transaction('meta').objectStore('meta').get('account');
				get.onsuccess = () => resolve(get.result as string);
			});
			const kept = await new Promise<{ cards: { vocabularyId: string; card: { due: Date } }[] }>(
				(resolve) => {
					const get = db.transaction('deck').objectStore('deck').get(account);
					get.onsuccess = () => resolve(get.result);
				}
			);
			db.close();
			return kept.cards.map((c) => ({ id: c.vocabularyId, due: new Date(c.card.due).getTime() }));
		});
		await server.stop();

		// What the database holds.
		const db = new PGlite(dir);
		try {
			const q = async (sql: string, params: unknown[] = []) =>
				(await db.query<Record<string, unknown>>(sql, params)).rows;
			const [{ id: userId }] = await q(`select id from "user" where username = $1`, [username]);

			// Each finished lesson once, at the time it was finished on the phone, with every answer.
			const attempts = await q(
				`select a.id, a.lesson_id, a.finished_at, count(x.id)::int as answers,
				        count(x.recording_id)::int as recorded
				   from lesson_attempt a join lesson_answer x on x.attempt_id = a.id
				  where a.user_id = $1 group by a.id order by a.finished_at`,
				[userId]
			);
			expect(attempts.map((a) => a.lesson_id)).toEqual(
				[lesson1, lesson2, lesson3].map((l) => `${course.id}.${l.id}`)
			);
			for (const [i, [lesson, done]] of [[lesson1, online] as const, ...lessons].entries()) {
				expect(within(attempts[i].finished_at as Date, done), `${lesson.id} finished`).toBe(true);
				expect(attempts[i].answers).toBe(lesson.exercises.length);
				expect(attempts[i].recorded).toBe(
					lesson.exercises.filter((e) => e.kind === 'speak').length
				);
			}
			const [{ recordings }] = await q(
				`select count(*)::int as recordings from recording where owner_id = $1`,
				[userId]
			);
			expect(recordings).toBe(3);

			// Each review once, on the day and at the time it was made.
			const logs = await q(
				`select id, vocabulary_id, reviewed_at from review_log where user_id = $1 order by reviewed_at`,
				[userId]
			);
			const made = reviews.flat();
			expect(logs).toHaveLength(made.length);
			for (const [i, done] of made.entries())
				expect(within(logs[i].reviewed_at as Date, done), `review ${i}`).toBe(true);

			// The server's schedule of each reviewed word is the one FSRS computed on the phone.
			const cards = await q(
				`select vocabulary_id, due from review_card where user_id = $1 and last_review is not null`,
				[userId]
			);
			const phoneDue = new Map(deck.map((c) => [c.id, c.due]));
			expect(cards.length).toBeGreaterThan(0);
			for (const c of cards)
				expect(new Date(c.due as Date).getTime(), String(c.vocabulary_id)).toBe(
					phoneDue.get(c.vocabulary_id as string)
				);
		} finally {
			await db.close();
		}
	} finally {
		await context.close();
		await server.stop('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		rmSync(env.COURSES_DIR, { recursive: true, force: true });
	}
});
