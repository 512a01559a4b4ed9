import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Course, Exercise } from '../../../src/lib/course/types';
import { uniqueUsername } from '../helpers';
import { gloss, lessonWithEveryKind, readCourse, tileOrder, toTelex } from '../learner/course-file';
import { escape, messages, type Messages } from '../learner/play';
import { tabTo } from './keyboard';

/**
 * Issue 14: a lesson with every exercise kind played with the keyboard alone, in Lao, at a laptop's
 * width: enrolling, each control reached by Tab with a visible focus, radios chosen with the arrow
 * keys, tiles and pairs with Enter, Vietnamese typed in Telex, the speaking exercise recorded
 * (Chromium's fake microphone) and self-rated, and the lesson's end.
 */

const exact = (text: string) => new RegExp(`^\\s*${escape(text)}\\s*$`);

/** A radio group's `index`th option: Tab enters the group, the arrow keys move and select. */
async function chooseRadio(page: Page, group: Locator, index: number) {
	const first = group.getByRole('radio').first();
	await tabTo(page, first);
	if (index === 0) await page.keyboard.press('Space');
	for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
	await expect(group.getByRole('radio').nth(index)).toBeChecked();
}

async function press(page: Page, target: Locator, options?: { back?: boolean }) {
	await tabTo(page, target, options);
	await page.keyboard.press('Enter');
}

async function answerByKeyboard(page: Page, course: Course, ex: Exercise, t: Messages) {
	const form = page.locator(`form.exercise[data-kind="${ex.kind}"]`);
	await expect(form).toBeVisible();
	const check = form.getByRole('button', { name: t.ex_check });
	const typeIn = async (text: string) => {
		await tabTo(page, form.locator(`#answer-${ex.id}`));
		await page.keyboard.type(toTelex(text));
		await expect(form.locator(`#answer-${ex.id}`)).toHaveValue(text.normalize('NFC'));
	};
	switch (ex.kind) {
		case 'choice':
		case 'listen_choose':
			await chooseRadio(page, form, ex.answer);
			await press(page, check);
			break;
		case 'listen_type':
		case 'translate':
			await typeIn(ex.answers[0]);
			await press(page, check);
			break;
		case 'fill_gap':
			if (ex.options) await chooseRadio(page, form, ex.options.indexOf(ex.answers[0]));
			else await typeIn(ex.answers[0]);
			await press(page, check);
			break;
		case 'build_sentence':
			for (const i of tileOrder(ex, false)) {
				const tile = form
					.locator('.pool button.tile:not([disabled])')
					.filter({ hasText: exact(ex.tiles[i]) })
					.first();
				// A placed tile leaves the pool: the next one may lie before the focus.
				await tabTo(page, tile, { back: true }).catch(() => tabTo(page, tile));
				await page.keyboard.press('Enter');
			}
			await press(page, check);
			break;
		case 'match_pairs': {
			const [terms, meanings] = [form.locator('.column').nth(0), form.locator('.column').nth(1)];
			for (const pair of ex.pairs) {
				const term = terms.getByRole('button').filter({ hasText: exact(pair.term) });
				await tabTo(page, term, { back: true }).catch(() => tabTo(page, term));
				await page.keyboard.press('Enter');
				const meaning = meanings
					.getByRole('button')
					.filter({ hasText: exact(gloss(pair.meaning, 'lo', course)) });
				await tabTo(page, meaning).catch(() => tabTo(page, meaning, { back: true }));
				await page.keyboard.press('Enter');
			}
			await press(page, check);
			break;
		}
		case 'reading':
			for (const [q, question] of ex.questions.entries())
				await chooseRadio(page, form.locator('section.question').nth(q), question.answer);
			await press(page, check);
			break;
		case 'speak': {
			await press(page, form.getByRole('button', { name: t.rec_record }));
			const stop = form.getByRole('button', { name: t.rec_stop });
			await expect(stop).toBeVisible();
			await page.waitForTimeout(700);
			await tabTo(page, stop, { back: true }).catch(() => tabTo(page, stop));
			await page.keyboard.press('Enter');
			await press(page, form.getByRole('button', { name: new RegExp(t.ex_speak_well) }));
			break;
		}
	}
	await press(page, form.getByRole('button', { name: t.ex_continue }));
}

test('a Lao learner plays a lesson with every exercise kind with the keyboard only', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const t = messages('lo');
	const course = readCourse('vi-for-lo');
	const lesson = lessonWithEveryKind(course);
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		locale: 'lo-LA',
		permissions: ['microphone']
	});
	const page = await context.newPage();
	await page.goto('/register?code=huap-2026');
	await page.locator('input[name="displayName"]').fill('ບົວລະພາ ແສງສຸລິຍາ');
	await page.locator('input[name="username"]').fill(uniqueUsername('keys'));
	await page.locator('input[name="password"]').fill('vientiane-hanoi-2026');
	await page.locator('main button[type=submit]').click();
	await expect(page).toHaveURL(/\/learn$/);

	await page.goto('/learn/courses');
	const card = page.locator('li.card').filter({ hasText: gloss(course.title, 'lo', course) });
	await press(page, card.getByRole('button', { name: t.course_enrol }));
	await expect(page).toHaveURL(new RegExp(`/learn/courses/${course.id}$`));
	await press(
		page,
		page.getByRole('link', { name: new RegExp(escape(gloss(lesson.title, 'lo', course))) }).first()
	);
	await expect(page).toHaveURL(new RegExp(`/learn/lessons/${course.id}\\.${lesson.id}`));
	// The start card first: Start once the page is ready, reached by Tab.
	const start = page.getByTestId('lesson-start').getByRole('button', { name: t.lesson_start });
	await expect(start).toBeEnabled();
	await press(page, start);

	for (const ex of lesson.exercises) await answerByKeyboard(page, course, ex, t);
	await expect(page.getByTestId('lesson-score')).toBeVisible();
	await context.close();
});
