import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, logError, logRequest, requestIdOf } from './log';

/** A logger writing into an array of parsed lines. */
function capture(level = 'info') {
	const lines: Record<string, unknown>[] = [];
	const raw: string[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, done) {
			raw.push(chunk.toString());
			lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
			done();
		}
	});
	return { log: createLogger(level, destination), lines, raw };
}

const PASSWORD = 'mittaphap-demo';
const TOKEN = 'session-token-abcdef0123456789';

describe('request log', () => {
	it('one JSON line per request, without the password, cookie or query it carried', () => {
		const { log, lines, raw } = capture();
		const request = new Request('http://localhost/login?code=HUAP-2026', {
			method: 'POST',
			headers: { cookie: `session=${TOKEN}`, 'x-request-id': 'proxy-42' },
			body: `username=learner&password=${PASSWORD}`
		});
		// What hooks.server.ts hands over; extra fields from a careless caller are dropped too.
		logRequest(log, {
			requestId: requestIdOf(request.headers),
			method: request.method,
			route: '/(auth)/login',
			status: 303,
			durationMs: 12.345,
			userId: null,
			...({ headers: Object.fromEntries(request.headers), password: PASSWORD } as object)
		});
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 30,
			msg: 'request',
			requestId: 'proxy-42',
			method: 'POST',
			route: '/(auth)/login',
			status: 303,
			durationMs: 12.3,
			userId: null
		});
		expect(raw[0]).not.toContain(PASSWORD);
		expect(raw[0]).not.toContain(TOKEN);
		expect(raw[0]).not.toContain('HUAP-2026');
		expect(raw[0]).not.toContain('cookie');
	});

	it('logs a server error at error level, and nothing below LOG_LEVEL', () => {
		const { log, lines } = capture('warn');
		const line = { requestId: 'r', method: 'GET', route: null, durationMs: 1, userId: 'u1' };
		logRequest(log, { ...line, status: 200 });
		logRequest(log, { ...line, status: 503 });
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 50, status: 503, userId: 'u1' });
	});

	it('an unexpected error keeps its message and the request id, not the query parameters', () => {
		const { log, lines, raw } = capture();
		const error = Object.assign(new Error('duplicate key'), {
			parameters: [PASSWORD],
			query: 'insert into "user" …'
		});
		logError(log, { requestId: 'abc', route: '/learn', status: 500 }, error);
		expect(lines[0]).toMatchObject({
			requestId: 'abc',
			route: '/learn',
			error: { type: 'Error', message: 'duplicate key' }
		});
		expect(raw[0]).not.toContain(PASSWORD);
	});

	it('takes a plain request id from the client and makes one for anything else', () => {
		expect(requestIdOf(new Headers({ 'x-request-id': 'abc-123' }))).toBe('abc-123');
		const made = requestIdOf(new Headers({ 'x-request-id': 'a b {"x":1}' }));
		expect(made).toMatch(/^[0-9a-f-]{36}$/);
		expect(requestIdOf(new Headers())).not.toBe(requestIdOf(new Headers()));
	});
});
