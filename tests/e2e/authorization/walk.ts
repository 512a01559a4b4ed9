import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';

/**
 * What the authorization table and the fuzz suite share: the app's routes and form actions read
 * from the file system, the fixture's accounts and ids (src/lib/server/seed/e2e-authz.ts, loaded
 * with E2E_AUTHZ_FIXTURE=1), and real sessions made by logging in through the login form.
 */

export const WHO = ['anonymous', 'learner', 'instructor', 'officer', 'admin', 'platform'] as const;
export type Who = (typeof WHO)[number];

export const ACCOUNTS: Record<Exclude<Who, 'anonymous'>, string> = {
	learner: 'authz-learner-a',
	instructor: 'authz-instructor-a',
	officer: 'authz-officer-a',
	admin: 'authz-admin-a',
	platform: 'authz-platform'
};
export const PASSWORD = 'authz-fixture-password';

/** The fixture's objects: "own" is organization A (the accounts'), "other" is organization B. */
export const IDS = {
	own: {
		organization: 'org-authz-a',
		program: 'authz-program-a',
		candidate: 'authz-candidate-a',
		ratingRequest: '0a000000-0000-4000-8000-00000000000a',
		recording: '0a000000-0000-4000-8000-0000000000aa',
		class: '0a000000-0000-4000-8000-000000000c1a',
		item: 'authz-item-a'
	},
	other: {
		organization: 'org-authz-b',
		program: 'authz-program-b',
		candidate: 'authz-candidate-b',
		ratingRequest: '0b000000-0000-4000-8000-00000000000b',
		recording: '0b000000-0000-4000-8000-0000000000bb',
		class: '0b000000-0000-4000-8000-000000000c1b',
		item: 'authz-item-b'
	}
} as const;
export type Target = keyof typeof IDS;

/** `{program}` and the like in a table path, filled with the target organization's ids. */
export function fillPath(template: string, target: Target | undefined): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (!target) throw new Error(`${template} names {${name}} but the row has no target`);
		const value = IDS[target][name as keyof (typeof IDS)['own']];
		if (!value) throw new Error(`no fixture id {${name}}`);
		return encodeURIComponent(value);
	});
}

/** A request of the app: a page (GET), a form action (`POST ?/name`, `POST` for default), an endpoint method. */
export type AppRequest = { route: string; request: string };

const ROUTES_DIR = 'src/routes';
const METHODS = /export const (GET|POST|PUT|PATCH|DELETE)\b/g;

/** The names of a page's form actions, read from its `export const actions = { … }`. */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const block = source.slice(start, source.indexOf('\n};', start));
	return [...block.matchAll(/^\t(\w+):/gm)].map((m) => m[1]);
}

/** Every page, form action and endpoint method under src/routes, by SvelteKit route id. */
export function appRequests(dir = ROUTES_DIR, id = ''): AppRequest[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
	const route = id || '/';
	const found: AppRequest[] = [];
	if (files.has('+page.svelte') || files.has('+page.server.ts'))
		found.push({ route, request: 'GET' });
	if (files.has('+page.server.ts')) {
		for (const name of actionNames(readFileSync(join(dir, '+page.server.ts'), 'utf8')))
			found.push({ route, request: name === 'default' ? 'POST' : `POST ?/${name}` });
	}
	if (files.has('+server.ts')) {
		for (const m of readFileSync(join(dir, '+server.ts'), 'utf8').matchAll(METHODS))
			found.push({ route, request: m[1] });
	}
	return [
		...found,
		...entries
			.filter((e) => e.isDirectory())
			.flatMap((e) => appRequests(join(dir, e.name), `${id}/${e.name}`))
	];
}

/** A signed-in API context for `who` (a fresh one without cookies for `anonymous`). */
export async function sessionFor(
	newContext: () => Promise<APIRequestContext>,
	baseURL: string,
	who: Who
): Promise<APIRequestContext> {
	const context = await newContext();
	if (who === 'anonymous') return context;
	const response = await context.post('/login', {
		form: { username: ACCOUNTS[who], password: PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `logging in ${who}`).toBe(303);
	return context;
}

export const OUTCOMES = ['ok', 'redirect', 'login', 'invalid', 'forbidden', 'not-found'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * What an answer means for authorization: `login` (sent to log in, or 401), `forbidden` (403),
 * `not-found` (404: the object is not shown to exist), `invalid` (let through, the input refused:
 * 400, 409, 413, 415, 429), `redirect` (let through, sent on), `ok` (2xx). Anything else (a 5xx) is
 * returned as its status, which no row expects.
 */
export function outcomeOf(response: APIResponse): Outcome | `status ${number}` {
	const status = response.status();
	if (status >= 300 && status < 400) {
		const location = response.headers()['location'] ?? '';
		return /^(https?:\/\/[^/]+)?\/login(\?|$)/.test(location) ? 'login' : 'redirect';
	}
	if (status >= 200 && status < 300) return 'ok';
	if (status === 401) return 'login';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if ([400, 409, 413, 415, 422, 429].includes(status)) return 'invalid';
	return `status ${status}`;
}

/** Sends one request of the table: GET as a browser would, POST as a form without JavaScript. */
export function send(
	context: APIRequestContext,
	baseURL: string,
	request: string,
	path: string,
	form: Record<string, string> = {}
): Promise<APIResponse> {
	if (request === 'GET')
		return context.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } });
	const [method, action] = request.split(' ');
	const url = action ? `${path}${action}` : path;
	return context.fetch(url, {
		method,
		form,
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
}
