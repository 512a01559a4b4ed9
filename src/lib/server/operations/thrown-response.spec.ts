import { describe, expect, it } from 'vitest';
import { error, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { prefers, thrownResponse } from './thrown-response';

function thrown(f: () => never) {
	try {
		f();
	} catch (e) {
		if (isRedirect(e) || isHttpError(e)) return e;
	}
	throw new Error('nothing thrown');
}

const event = (accept: string | null, method = 'GET', isDataRequest = false) => ({
	request: new Request('http://localhost/learn', {
		method,
		headers: accept ? { accept } : {}
	}),
	isDataRequest
});

describe('thrownResponse (as SvelteKit answers a handle’s throw)', () => {
	it('negotiates as SvelteKit does', () => {
		const types = ['application/json', 'text/html'];
		expect(prefers('*/*', types)).toBe('application/json');
		expect(prefers('text/html,application/xhtml+xml,*/*;q=0.8', types)).toBe('text/html');
		expect(prefers('application/json', types)).toBe('application/json');
		expect(prefers('text/html;q=0.5, application/json;q=0.9', types)).toBe('application/json');
		expect(prefers('image/png', types)).toBeUndefined();
	});

	it('redirects a page, a data request and a form action each their own way, with the cookies', async () => {
		const to = thrown(() => redirect(303, '/login?next=%2Flearn'));
		const page = thrownResponse(event('text/html'), to, ['session=; Max-Age=0; Path=/']);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/login?next=%2Flearn');
		expect(page.headers.get('set-cookie')).toBe('session=; Max-Age=0; Path=/');
		const data = thrownResponse(event('*/*', 'GET', true), to, []);
		expect(await data.json()).toEqual({ type: 'redirect', location: '/login?next=%2Flearn' });
		const action = thrownResponse(event('application/json', 'POST'), to, []);
		expect(await action.json()).toEqual({
			type: 'redirect',
			status: 303,
			location: '/login?next=%2Flearn'
		});
	});

	it('answers an error with the static error page, escaped, or JSON', async () => {
		const bad = thrown(() => error(400, 'Không đọc được <b>'));
		const html = thrownResponse(event(null), bad, []);
		expect(html.status).toBe(400);
		expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const text = await html.text();
		expect(text).toContain('<h1>400</h1>');
		expect(text).toContain('Không đọc được &lt;b&gt;');
		const json = thrownResponse(event('application/json'), bad, []);
		expect(await json.json()).toEqual({ message: 'Không đọc được <b>' });
	});
});
