import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isDatabaseUnavailable', () => {
	it('knows a refused, dropped or shutting-down database', () => {
		for (const code of [
			'ECONNREFUSED',
			'CONNECTION_CLOSED',
			'CONNECT_TIMEOUT',
			'57P01',
			'57P03',
			'08006'
		])
			expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
	});

	it('looks through the wrappers drizzle and Node put around it', () => {
		const wrapped = new Error('Failed query: select 1', { cause: withCode('ECONNREFUSED') });
		expect(isDatabaseUnavailable(wrapped)).toBe(true);
		const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]);
		expect(isDatabaseUnavailable(new Error('connect', { cause: aggregate }))).toBe(true);
	});

	it('leaves the faults of a request or of the code alone', () => {
		expect(isDatabaseUnavailable(withCode('23505'))).toBe(false); // unique violation
		expect(isDatabaseUnavailable(withCode('22P02'))).toBe(false); // invalid text
		expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
	});

	it('stops on a cycle of causes', () => {
		const a = withCode('X') as Error & { cause?: unknown };
		a.cause = a;
		expect(isDatabaseUnavailable(a)).toBe(false);
	});
});
