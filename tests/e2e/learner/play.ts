// Plays lesson exercises in the browser as a learner would, answering from the course file.
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Course, Exercise } from '../../../src/lib/course/types';
import { gloss, laoKeys, tileOrder, toTelex } from './course-file';

export type Messages = Record<string, string>;
export const messages = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Messages;
export const fill = (text: string, values: Record<string, string | number>) =>
	text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exact = (text: string) => new RegExp(`^\\s*${escape(text)}\\s*$`);

/** Types target-language text the way a learner without a native keyboard does. */
export async function typeAnswer(
	page: Page,
	course: Course,
	inputId: string,
	text: string,
	t: Messages
) {
	const input = page.locator(`#${inputId}`);
	if (course.targetLanguage === 'vi') {
		await input.click();
		await input.pressSequentially(toTelex(text));
	} else {
		const keyboard = page.locator('.keyboard');
		for (const key of laoKeys(text)) {
			if (key.code === 'Space') {
				await keyboard.locator('.key.space').click();
				continue;
			}
			if (key.shift) await keyboard.getByRole('button', { name: t.kb_shift }).click();
			await keyboard.locator(`button.key[data-code="${key.code}"]`).click();
		}
	}
	await expect(input).toHaveValue(text.normalize('NFC'));
}

/**
 * Before a new play-through's first exercise, the lesson's start card: Start is enabled once the page has
 * looked for a play-through kept on the phone, and a resumed one skips the card. So whichever comes first
 * — `exercise` or an enabled Start — is what the page settled on; Start is pressed when it is there.
 */
export async function passStartCard(page: Page, exercise: Locator, t: Messages) {
	const start = page
		.getByTestId('lesson-start')
		.getByRole('button', { name: t.lesson_start, disabled: false });
	await expect(exercise.or(start)).toBeVisible();
	if (await start.isVisible()) {
		await start.click();
		await expect(page.getByTestId('lesson-start')).toHaveCount(0);
	}
	await expect(exercise).toBeVisible();
}

export async function answer(
	page: Page,
	course: Course,
	ex: Exercise,
	locale: 'vi' | 'lo' | 'en',
	t: Messages,
	/** Called while the feedback is shown, before Continue (screenshots). */
	onFeedback?: () => Promise<void>
) {
	const form = page.locator(`form.exercise[data-kind="${ex.kind}"]`);
	await passStartCard(page, form, t);
	const check = () => form.getByRole('button', { name: t.ex_check }).click();
	switch (ex.kind) {
		case 'choice':
		case 'listen_choose':
			await form.locator('label.option').nth(ex.answer).click();
			await check();
			break;
		case 'listen_type':
		case 'translate':
			await typeAnswer(page, course, `answer-${ex.id}`, ex.answers[0], t);
			await check();
			break;
		case 'fill_gap':
			if (ex.options) {
				await form.locator('label.option').nth(ex.options.indexOf(ex.answers[0])).click();
			} else await typeAnswer(page, course, `answer-${ex.id}`, ex.answers[0], t);
			await check();
			break;
		case 'build_sentence':
			for (const i of tileOrder(ex, course.targetLanguage === 'lo')) {
				await form
					.locator('.pool button.tile:not([disabled])')
					.filter({ hasText: exact(ex.tiles[i]) })
					.first()
					.click();
			}
			await check();
			break;
		case 'match_pairs': {
			const [terms, meanings] = [form.locator('.column').nth(0), form.locator('.column').nth(1)];
			for (const pair of ex.pairs) {
				await terms
					.getByRole('button')
					.filter({ hasText: exact(pair.term) })
					.click();
				await meanings
					.getByRole('button')
					.filter({ hasText: exact(gloss(pair.meaning, locale, course)) })
					.click();
			}
			await check();
			break;
		}
		case 'reading':
			for (const [q, question] of ex.questions.entries())
				await form
					.locator('section.question')
					.nth(q)
					.locator('label.option')
					.nth(question.answer)
					.click();
			await check();
			break;
		case 'speak':
			// Chromium's fake microphone (playwright.config.ts) records a tone.
			await form.getByRole('button', { name: t.rec_record }).click();
			await expect(form.getByRole('button', { name: t.rec_stop })).toBeVisible();
			await page.waitForTimeout(700);
			await form.getByRole('button', { name: t.rec_stop }).click();
			await form.getByRole('button', { name: new RegExp(t.ex_speak_well) }).click();
			break;
	}
	await onFeedback?.();
	await form.getByRole('button', { name: t.ex_continue }).click();
}
