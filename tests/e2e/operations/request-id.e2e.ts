import { expect, test, type APIResponse } from '@playwright/test';
import { messages } from '../learner/play';

/**
 * Every response carries `x-request-id` (the id of its log line), also those answering what a handle
 * throws before any page runs: the role gate's login redirect (page and data request), the request
 * guard's 400 and 413. A proxy's own id is echoed; anything else gets a new one.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function requestId(response: APIResponse): string {
	const id = response.headers()['x-request-id'];
	expect(id, `${response.status()} ${response.url()} has x-request-id`).toBeTruthy();
	return id;
}

test('every response carries its request id, redirects and refusals by a handle included', async ({
	request,
	baseURL
}) => {
	const vi = messages('vi');
	const lo = messages('lo');

	// A page, rendered through every handle.
	const login = await request.get('/login');
	expect(login.status()).toBe(200);
	expect(requestId(login)).toMatch(UUID);

	// The role gate's redirect to the login page, as a page and as a data request.
	const gate = await request.get('/learn', { maxRedirects: 0 });
	expect(gate.status()).toBe(303);
	expect(gate.headers()['location']).toMatch(/^\/login\?/);
	expect(requestId(gate)).toMatch(UUID);
	expect(gate.headers()['x-content-type-options']).toBe('nosniff');
	const data = await request.get('/learn/__data.json', { maxRedirects: 0 });
	expect(await data.json()).toMatchObject({ type: 'redirect', location: expect.any(String) });
	expect(requestId(data)).toMatch(UUID);

	// A proxy's id is echoed, a malformed one replaced; two requests never share a new one.
	const proxied = await request.get('/learn', {
		maxRedirects: 0,
		headers: { 'x-request-id': 'nginx-4f2a.77' }
	});
	expect(requestId(proxied)).toBe('nginx-4f2a.77');
	const odd = await request.get('/learn', {
		maxRedirects: 0,
		headers: { 'x-request-id': 'two words <b>' }
	});
	expect(requestId(odd)).toMatch(UUID);
	expect(requestId(odd)).not.toBe(requestId(gate));

	// A stale session cookie: removed with the redirect, as before.
	const stale = await request.get('/learn', {
		maxRedirects: 0,
		headers: { cookie: 'session=not-a-session-token' }
	});
	expect(stale.status()).toBe(303);
	expect(requestId(stale)).toMatch(UUID);
	expect(stale.headers()['set-cookie']).toMatch(/^session=;.*Max-Age=0/i);

	// The request guard: a NUL in the URL, as the translated error page (Lao asked for) and as JSON.
	const nul = await request.get('/login?next=%00', {
		headers: { accept: 'text/html', 'accept-language': 'lo' }
	});
	expect(nul.status()).toBe(400);
	expect(requestId(nul)).toMatch(UUID);
	expect(nul.headers()['content-type']).toContain('text/html');
	expect(await nul.text()).toContain(lo.error_bad_request);
	const nulJson = await request.get('/login?next=%00', {
		headers: { accept: 'application/json', 'accept-language': 'vi' }
	});
	expect(nulJson.status()).toBe(400);
	expect(requestId(nulJson)).toMatch(UUID);
	expect(await nulJson.json()).toEqual({ message: vi.error_bad_request });

	// A body over BODY_SIZE_LIMIT (4 MB here), as a form of this site sends it: 413.
	const big = await request.post('/login', {
		headers: {
			origin: new URL(baseURL!).origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'accept-language': 'vi'
		},
		data: `username=${'a'.repeat(5 * 1024 * 1024)}`,
		maxRedirects: 0
	});
	expect(big.status()).toBe(413);
	expect(requestId(big)).toMatch(UUID);
	expect(await big.text()).toContain(vi.error_too_large);
});
