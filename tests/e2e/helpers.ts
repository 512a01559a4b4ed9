import { expect, type Locator, type Page } from '@playwright/test';
import { unflatten } from 'devalue';

export const DEMO_PASSWORD = 'mittaphap-demo';

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel(/username|tên đăng nhập|ຊື່ຜູ້ໃຊ້/i).fill(username);
	await page.getByLabel(/^(password|mật khẩu|ລະຫັດຜ່ານ)$/i).fill(password);
	await page.locator('main button[type=submit]').click();
}

export async function logOut(page: Page) {
	await page.locator('form[action="/logout"] button').click();
	await expect(page).toHaveURL(/\/login$/);
}

/** A username no earlier run has taken (the e2e database is fresh per run, tests share it). */
export function uniqueUsername(prefix: string) {
	return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/**
 * Picks an interface language in the header. The select submits itself on change only once the
 * page's JavaScript has run (before that, only its no-script button would): wait for it first.
 */
export async function chooseLanguage(page: Page, label: string, locale: 'vi' | 'lo' | 'en') {
	await hydrated(page);
	await page.getByLabel(label, { exact: true }).selectOption(locale);
}

/**
 * The URL the lesson page gives the player for `text`'s recording (or its first recording), read from
 * the page's data as SvelteKit sends it (`__data.json`, devalue-encoded).
 */
export async function lessonAudioUrl(
	page: Page,
	lessonId: string,
	text?: string
): Promise<string | undefined> {
	const response = await page.request.get(`/learn/lessons/${lessonId}/__data.json`);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	for (const node of body.nodes) {
		if (node?.type !== 'data') continue;
		const data = unflatten(node.data) as { audio?: Record<string, string> } | null;
		if (!data?.audio) continue;
		return text === undefined ? Object.values(data.audio)[0] : data.audio[text];
	}
	return undefined;
}

/**
 * Waits until the service worker is activated and controls the page. Promise-based, in the page:
 * `waitForFunction` with an async predicate returns at once (a pending Promise is truthy), which is
 * what made the offline tests race the worker's install. `ready` resolves once a worker is active
 * (possibly still `activating`); then its `activated` state and the page's controller (clients.claim)
 * are awaited by their events, each checked again after listening so no event is missed.
 */
export async function serviceWorkerControls(page: Page) {
	await page.evaluate(async () => {
		const container = navigator.serviceWorker;
		const { active } = await container.ready;
		if (active && active.state !== 'activated') {
			await new Promise<void>((resolve) => {
				const check = () => active.state === 'activated' && resolve();
				active.addEventListener('statechange', check);
				check();
			});
		}
		if (!container.controller) {
			await new Promise<void>((resolve) => {
				container.addEventListener('controllerchange', () => resolve(), { once: true });
				if (container.controller) resolve();
			});
		}
	});
}

/** The public id of the screening item on screen (the test page's hidden field). */
export const currentItemId = (page: Page) => page.locator('input[name=itemId]').inputValue();

const onTestPage = (page: Page) => new URL(page.url()).pathname.endsWith('/test');

/**
 * Waits until the answer to item `before` moved the screening test on: another item, or another page
 * (the rated part, the overview). Checked inside the page in one step: two checks from the test (the
 * address, then the question number) can straddle the navigation to the rated part, and the second
 * then waits for ever for a question number that is gone.
 */
export async function waitForNextItem(page: Page, before: string) {
	await page.waitForFunction(
		(id) =>
			!location.pathname.endsWith('/test') ||
			document.querySelector<HTMLInputElement>('input[name=itemId]')?.value !== id,
		before
	);
}

/** Chooses `choice` on the screening test page, presses Answer, and waits for the next item or the end. */
export async function answerItem(page: Page, choice: Locator, answerLabel: string) {
	const before = await currentItemId(page);
	await choice.click();
	await page.getByRole('button', { name: answerLabel, exact: true }).click();
	await waitForNextItem(page, before);
}

/**
 * The adaptive part of a screening test with any answer, until the rated part (writing, speaking)
 * opens. `answerLabel`: the Answer button's text in the candidate's language.
 */
export async function answerUntilRatedPart(candidate: Page, answerLabel: string) {
	await expect(candidate).toHaveURL(/\/test$/);
	for (let i = 0; i < 45 && onTestPage(candidate); i++) {
		await answerItem(candidate, candidate.locator('label.option').first(), answerLabel);
	}
	await expect(candidate).toHaveURL(/\/rated$/);
}

/** Resolves once the page's script has taken over (the root layout marks `<html data-hydrated>`). */
export async function hydrated(page: Page) {
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
}
