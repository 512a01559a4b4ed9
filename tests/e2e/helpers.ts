import { expect, type Page } from '@playwright/test';
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
	await page.waitForLoadState('networkidle');
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

/**
 * The adaptive part of a screening test with any answer, until the rated part (writing, speaking)
 * opens. On a busy machine a choice can be lost to a re-render before Answer is pressed (the page then
 * asks for a choice): it chooses again, as a candidate would; the server takes one answer per item, so
 * nothing is answered twice. `answerLabel`: the Answer button's text in the candidate's language.
 */
export async function answerUntilRatedPart(candidate: Page, answerLabel: string) {
	const questionNumber = candidate.getByTestId('question-number');
	const onRatedPart = () => /\/rated$/.test(new URL(candidate.url()).pathname);
	for (let i = 0; i < 45 && !onRatedPart(); i++) {
		const before = await questionNumber.textContent();
		const moved = async () => onRatedPart() || (await questionNumber.textContent()) !== before;
		await expect(async () => {
			if (!(await moved())) {
				await candidate.locator('label.option').first().click();
				await candidate.getByRole('button', { name: answerLabel }).click();
			}
			await expect.poll(moved, { timeout: 15_000 }).toBe(true);
		}).toPass({ timeout: 60_000 });
	}
	await expect(candidate).toHaveURL(/\/rated$/);
}
