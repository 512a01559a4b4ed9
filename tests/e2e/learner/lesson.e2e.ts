import { expect, test, type Page } from '@playwright/test';
import type { Course } from '../../../src/lib/course/types';
import { DEMO_PASSWORD, lessonAudioUrl, logIn, uniqueUsername } from '../helpers';
import { gloss, lessonWithEveryKind, readCourse } from './course-file';
import { lessonMinutes } from '../../../src/lib/learning/lesson-time';
import { answer, escape, fill, messages, typeAnswer } from './play';

/** The lesson with every kind's start card, in `locale`, with Start enabled (nothing to resume). */
async function expectStartCard(page: Page, course: Course, locale: 'vi' | 'lo' | 'en') {
	const t = messages(locale);
	const lesson = lessonWithEveryKind(course);
	const card = page.getByTestId('lesson-start');
	await expect(card.getByRole('heading', { level: 1 })).toHaveText(
		gloss(lesson.title, locale, course)
	);
	await expect(card.getByText(t.lesson_start_goal)).toBeVisible();
	if (lesson.goal) await expect(card).toContainText(gloss(lesson.goal, locale, course));
	await expect(card.getByTestId('lesson-time')).toHaveText(
		fill(t.lesson_start_time, {
			minutes: lessonMinutes(lesson.exercises),
			count: lesson.exercises.length
		})
	);
	const words = card.getByTestId('lesson-words').getByRole('listitem');
	await expect(words).toHaveCount(lesson.vocabulary.length);
	for (const [i, word] of lesson.vocabulary.entries()) {
		await expect(words.nth(i)).toContainText(word.term);
		await expect(words.nth(i)).toContainText(gloss(word.meaning, locale, course));
	}
	const start = card.getByRole('button', { name: t.lesson_start });
	await expect(start).toBeEnabled();
	// A phone's thumb target, whatever the text size.
	expect((await start.boundingBox())!.height).toBeGreaterThanOrEqual(44);
}

/** Enrols, plays the lesson with every kind, checks the summary, then reviews its new cards. */
async function completeLessonAndReview(page: Page, course: Course, locale: 'vi' | 'lo') {
	const t = messages(locale);
	const lesson = lessonWithEveryKind(course);

	await page.goto('/learn/courses');
	const card = page.locator('li.card').filter({ hasText: gloss(course.title, locale, course) });
	await card.getByRole('button', { name: t.course_enrol }).click();
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		gloss(course.title, locale, course)
	);

	const link = page.getByRole('link', {
		name: new RegExp(escape(gloss(lesson.title, locale, course)))
	});
	await expect(link.first()).toContainText(t.course_lesson_todo);
	await page.goto(`/learn/lessons/${course.id}.${lesson.id}`);

	// The start card: the goal, the time, the new words with their meanings in the interface language.
	await expectStartCard(page, course, locale);
	await page.screenshot({ path: `test-results/lesson-start-${locale}-390.png`, fullPage: true });
	const [first, ...rest] = lesson.exercises;
	await answer(page, course, first, locale, t);
	// A play-through picked up again (a reload) goes straight back where it was, without the card.
	await page.reload();
	await expect(page.getByText(t.sync_resumed)).toBeVisible();
	await expect(page.getByTestId('lesson-start')).toHaveCount(0);
	await expect(
		page.getByText(fill(t.learn_lesson_progress, { n: 2, total: lesson.exercises.length }))
	).toBeVisible();
	for (const ex of rest) await answer(page, course, ex, locale, t);

	await expect(page.getByRole('heading', { name: t.learn_summary_title })).toBeVisible();
	const total = lesson.exercises.length;
	await expect(page.getByTestId('lesson-score')).toHaveText(
		fill(t.learn_summary_score, { correct: total, total })
	);
	await expect(page.getByRole('status').filter({ hasText: t.learn_saved })).toBeVisible();
	// The end card is short; the words and skills are one tap away.
	await page.getByText(t.end_details).click();
	for (const v of lesson.vocabulary)
		await expect(page.getByText(v.term, { exact: true }).first()).toBeVisible();

	await page.goto(`/learn/courses/${course.id}`);
	await expect(link.first()).toContainText(t.course_lesson_done);

	// The words met in the lesson are new cards, due at once (FSRS schedules a new card for now).
	const words = new Set(lesson.vocabulary.map((v) => v.id)).size;
	await page.goto('/learn');
	// Not invited to a placement test: no button leads to an empty test list.
	await expect(page.getByTestId('placement-tests')).toHaveCount(0);
	await expect(page.getByTestId('due-count')).toHaveText(
		fill(t.review_due_count, { count: words })
	);
	await page.getByRole('link', { name: t.review_start }).click();
	await expect(page.getByTestId('review-remaining')).toHaveText(
		fill(t.review_due_count, { count: words })
	);
	const term = (await page.getByTestId('review-term').textContent())!.trim();
	const entry = lesson.vocabulary.find((v) => v.term === term)!;
	expect(entry).toBeTruthy();
	await page.getByText(t.review_show_meaning).click();
	await expect(page.getByText(gloss(entry.meaning, locale, course)).first()).toBeVisible();
	await page.getByRole('button', { name: t.review_good, exact: true }).click();
	await expect(page.getByTestId('review-remaining')).toHaveText(
		fill(t.review_due_count, { count: words - 1 })
	);
	await expect(page.getByTestId('review-term')).not.toHaveText(term);
	// The next card's meaning stays hidden until the learner has tried to recall it.
	await expect(page.getByText(t.review_how_well)).toBeHidden();

	// Typing mode: the meaning is shown, the learner types the word.
	await page.getByRole('link', { name: t.review_mode_type }).click();
	const meaning = (await page.getByTestId('review-meaning').textContent())!.trim();
	const typed = lesson.vocabulary.find((v) => gloss(v.meaning, locale, course) === meaning)!;
	expect(typed).toBeTruthy();
	await typeAnswer(page, course, 'review-answer', typed.term, t);
	await page.getByRole('button', { name: t.review_check }).click();
	await expect(page.getByText(t.review_correct)).toBeVisible();
	// Reviewed on the phone (the deck): "next" is a button; before the page's script runs, a link.
	await page
		.getByRole('button', { name: t.review_next })
		.or(page.getByRole('link', { name: t.review_next }))
		.click();
	await expect(page.getByTestId('review-remaining')).toHaveText(
		fill(t.review_due_count, { count: words - 2 })
	);
}

test('a Lao learner plays the Vietnamese lesson with every exercise kind and reviews its words', async ({
	page
}) => {
	const course = readCourse('vi-for-lo');
	await logIn(page, 'learner', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/learn$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'lo');
	await completeLessonAndReview(page, course, 'lo');

	// The lesson's synthesized recordings come from the media store, cacheable for a year.
	const listening = lessonWithEveryKind(course).exercises.find((e) => e.kind === 'listen_choose');
	if (listening?.kind !== 'listen_choose') throw new Error('no listen_choose exercise');
	const url = await lessonAudioUrl(page, `${course.id}.${lessonWithEveryKind(course).id}`);
	expect(url).toMatch(/^\/media\/[0-9a-f-]{36}$/);
	const response = await page.request.get(url!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('audio/ogg');
	expect(response.headers()['cache-control']).toContain('immutable');
	expect((await response.body()).subarray(0, 4).toString()).toBe('OggS');
});

test.describe('with a Vietnamese browser', () => {
	// Registration keeps the interface language the browser asked for.
	test.use({ locale: 'vi-VN' });

	test('a Vietnamese learner plays the Lao lesson typing on the on-screen Lao keyboard', async ({
		page
	}) => {
		const course = readCourse('lo-for-vi');
		await page.goto('/register?code=huap-2026');
		await page.locator('input[name="displayName"]').fill('Nguyễn Văn Bình');
		await page.locator('input[name="username"]').fill(uniqueUsername('canbo'));
		await page.locator('input[name="password"]').fill('hanoi-vientiane-2026');
		await page.locator('main button[type=submit]').click();
		await expect(page).toHaveURL(/\/learn$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await completeLessonAndReview(page, course, 'vi');
	});
});

test.describe('with an English browser at a laptop’s width', () => {
	test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

	test('the start card says the goal, the time and the new words in English; Start is reached by keyboard', async ({
		page
	}) => {
		const course = readCourse('vi-for-lo');
		const lesson = lessonWithEveryKind(course);
		const t = messages('en');
		await page.goto('/register?code=huap-2026');
		await page.locator('input[name="displayName"]').fill('Somchai Phommavong');
		await page.locator('input[name="username"]').fill(uniqueUsername('start'));
		await page.locator('input[name="password"]').fill('vientiane-hanoi-2026');
		await page.locator('main button[type=submit]').click();
		await expect(page).toHaveURL(/\/learn$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.goto('/learn/courses');
		await page
			.locator('li.card')
			.filter({ hasText: gloss(course.title, 'en', course) })
			.getByRole('button', { name: t.course_enrol })
			.click();
		await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));

		await page.goto(`/learn/lessons/${course.id}.${lesson.id}`);
		await expectStartCard(page, course, 'en');
		await page.screenshot({ path: 'test-results/lesson-start-en-1280.png', fullPage: true });
		// Keyboard: Start takes the focus by Tab and Enter; the first exercise's instruction gets it.
		const start = page.getByRole('button', { name: t.lesson_start });
		for (let i = 0; i < 40 && !(await start.evaluate((el) => el === document.activeElement)); i++)
			await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		const first = page.locator(`form.exercise[data-kind="${lesson.exercises[0].kind}"]`);
		await expect(first.locator('h2.instruction')).toBeFocused();
	});
});

test('lessons, maps and audio of a course are refused to a learner not enrolled in it', async ({
	page
}) => {
	const course = readCourse('lo-for-vi');
	const lesson = lessonWithEveryKind(course);
	await logIn(page, 'learner', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/learn$/);
	const t = messages('lo');
	for (const path of [`/learn/lessons/${course.id}.${lesson.id}`, `/learn/courses/${course.id}`]) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
		await expect(page.getByText(t.course_not_enrolled)).toBeVisible();
	}
	const post = await page.request.post(`/learn/lessons/${course.id}.${lesson.id}/attempt`, {
		multipart: {
			attempt: JSON.stringify({
				id: 'e2e-not-enrolled',
				finishedAt: new Date().toISOString(),
				answers: []
			})
		},
		headers: { origin: new URL(page.url()).origin }
	});
	expect([400, 403]).toContain(post.status());
});

test.describe('with a Lao browser', () => {
	test.use({ locale: 'lo-LA' });

	test('a link to a lesson of a course not started offers to start it, then opens the course', async ({
		page
	}) => {
		const course = readCourse('vi-for-lo');
		const lessonPath = `/learn/lessons/${course.id}.${course.units[0].lessons[0].id}`;
		const t = messages('lo');
		await page.goto('/register?code=huap-2026');
		await page.locator('input[name="displayName"]').fill('ບຸນມີ ລິ້ງ');
		await page.locator('input[name="username"]').fill(uniqueUsername('enrol-link'));
		await page.locator('input[name="password"]').fill('huaphan-link-2026');
		await page.locator('main button[type=submit]').click();
		await expect(page).toHaveURL(/\/learn$/);

		const refused = await page.goto(lessonPath);
		expect(refused?.status()).toBe(403);
		await expect(page.getByRole('alert')).toHaveText(t.course_not_enrolled);
		await expect(page.getByRole('link', { name: t.course_all_courses })).toBeVisible();
		await page.getByRole('button', { name: t.course_enrol }).click();
		await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
		await expect(page.locator('h1')).toHaveText(gloss(course.title, 'lo', course));
		expect((await page.goto(lessonPath))?.status()).toBe(200);
	});
});
