import { expect, test, type Page } from '@playwright/test';
import type { Course, ExerciseKind } from '../../../src/lib/course/types';
import { logIn, serviceWorkerControls } from '../helpers';
import { gloss, readCourse } from './course-file';
import { answer, escape, fill, messages } from './play';
import { newLaoLearner } from './offline';

const t = messages('lo');
const vi = messages('vi');

/**
 * A small course of the instructor's school, made from the seed course's first two lessons (kinds
 * that need no recorded audio, which a new course does not have). Edition 2 renames both lessons:
 * what a learner sees change when the new version reaches the phone.
 */
const seed = readCourse('vi-for-lo');
const courseId = `offline-rp-${Date.now().toString(36)}`;
const SILENT: ExerciseKind[] = [
	'choice',
	'match_pairs',
	'translate',
	'build_sentence',
	'fill_gap',
	'reading'
];
function edition(n: 1 | 2): Course {
	const unit = seed.units[0];
	return {
		...seed,
		id: courseId,
		version: 1,
		title: { lo: `ພາສາຫວຽດ ສຳລັບການເດີນທາງ ${courseId.slice(-5)}`, en: 'Vietnamese on the road' },
		units: [
			{
				...unit,
				lessons: unit.lessons.slice(0, 2).map((lesson) => ({
					...lesson,
					title: n === 1 ? lesson.title : { ...lesson.title, lo: `${lesson.title.lo} (ສະບັບໃໝ່)` },
					exercises: lesson.exercises.filter((e) => SILENT.includes(e.kind))
				}))
			}
		]
	};
}
const [lesson1, lesson2] = edition(1).units[0].lessons;
const titleOf = (course: Course, i: number) =>
	gloss(course.units[0].lessons[i].title, 'lo', course);
const lessonUrl = (i: number) => `/learn/lessons/${courseId}.${edition(1).units[0].lessons[i].id}`;

/** The instructor imports the edition (replacing the draft) and publishes it as version `version`. */
async function publish(page: Page, course: Course, version: number) {
	await page.goto('/author/courses');
	await page.getByLabel(vi.author_import_file).setInputFiles({
		name: `${course.id}.json`,
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(course))
	});
	await page.getByRole('button', { name: vi.author_import_button }).click();
	await expect(page).toHaveURL(new RegExp(`/author/courses/${course.id}$`));
	await page.getByRole('button', { name: vi.author_publish_button }).click();
	await expect(page.getByRole('status')).toHaveText(fill(vi.author_published, { version }));
}

/** lesson id → the version stored on the phone (IndexedDB, downloads-db.ts). */
async function downloadedVersions(page: Page): Promise<Record<string, string>> {
	return page.evaluate(async () => {
		const open = indexedDB.open('mittaphap-downloads');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const units = await new Promise<{ lessons: Record<string, string> }[]>((resolve, reject) => {
			const all = db.transaction('units').objectStore('units').getAll();
			all.onsuccess = () => resolve(all.result);
			all.onerror = () => reject(all.error);
		});
		db.close();
		return Object.assign({}, ...units.map((u) => u.lessons));
	});
}

test.setTimeout(300_000);

test('a lesson republished while the phone was offline replaces the downloaded copy at the next connection, keeping progress', async ({
	browser
}) => {
	const instructorContext = await browser.newContext({ locale: 'vi-VN' });
	const instructor = await instructorContext.newPage();
	await logIn(instructor, 'instructor');
	await publish(instructor, edition(1), 1);

	// A Lao learner enrols and downloads the unit.
	const context = await browser.newContext({
		locale: 'lo-LA',
		viewport: { width: 390, height: 844 }
	});
	const page = await context.newPage();
	const course = edition(1);
	await newLaoLearner(
		page,
		{ id: courseId, title: gloss(course.title, 'lo', course) },
		t.course_enrol
	);
	await serviceWorkerControls(page);
	const unit = page
		.locator('li.card')
		.filter({ hasText: gloss(course.units[0].title, 'lo', course) });
	await unit.getByRole('button', { name: new RegExp(escape(t.offline_download_unit)) }).click();
	await expect(unit.getByTestId('unit-download')).toHaveAttribute('data-downloaded', 'true', {
		timeout: 60_000
	});
	const before = await downloadedVersions(page);

	// Offline: the first lesson finished (it waits in the outbox), the second played halfway.
	await context.setOffline(true);
	await page.getByRole('link', { name: new RegExp(escape(titleOf(course, 0))) }).click();
	for (const ex of lesson1.exercises) await answer(page, course, ex, 'lo', t);
	await expect(page.getByTestId('saved-on-phone')).toHaveText(t.sync_saved_on_phone);
	await page.goto(lessonUrl(1));
	const half = 3;
	for (const ex of lesson2.exercises.slice(0, half)) await answer(page, course, ex, 'lo', t);
	await page.goto(`/learn/courses/${courseId}`);
	await expect(page.getByTestId('sync-status')).toHaveText(
		new RegExp(fill(t.sync_status_offline, { count: 1 }))
	);

	// Meanwhile the instructor renames both lessons and publishes version 2.
	await publish(instructor, edition(2), 2);
	const renamed = edition(2);

	// The connection returns: the finished lesson is sent, the two lessons on the phone are replaced.
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved), {
		timeout: 30_000
	});
	await expect(
		page.getByRole('status').filter({ hasText: fill(t.offline_download_updated, { count: 2 }) })
	).toBeVisible({ timeout: 60_000 });
	await page.screenshot({ path: 'test-results/republished-map-lo-390.png', fullPage: true });
	// Both lessons' stored versions are the new ones.
	const after = await downloadedVersions(page);
	for (const lesson of [lesson1, lesson2]) {
		const id = `${courseId}.${lesson.id}`;
		expect(after[id]).toBeTruthy();
		expect(after[id]).not.toBe(before[id]);
	}

	// Offline again: the new version opens from the phone, and the half-played lesson resumes.
	await page.reload();
	await expect(page.locator('ul.lessons a.done')).toHaveCount(1);
	await context.setOffline(true);
	await page.reload();
	await page.getByRole('link', { name: new RegExp(escape(titleOf(renamed, 0))) }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(titleOf(renamed, 0));
	await page.goto(`/learn/courses/${courseId}`);
	await page.getByRole('link', { name: new RegExp(escape(titleOf(renamed, 1))) }).click();
	await expect(page.getByText(t.sync_resumed)).toBeVisible();
	await expect(page.locator('.top .count')).toHaveText(`${half}/${lesson2.exercises.length}`);
	await page.screenshot({ path: 'test-results/republished-resumed-lo-390.png' });
	for (const ex of lesson2.exercises.slice(half)) await answer(page, renamed, ex, 'lo', t);
	await expect(page.getByTestId('saved-on-phone')).toHaveText(t.sync_saved_on_phone);

	// Online: both lessons done, on the server.
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText(new RegExp(t.sync_status_saved), {
		timeout: 30_000
	});
	await page.goto(`/learn/courses/${courseId}`);
	await expect(page.locator('ul.lessons a.done')).toHaveCount(2);
	await context.close();
	await instructorContext.close();
});
