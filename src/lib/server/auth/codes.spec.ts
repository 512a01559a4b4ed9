import { describe, expect, it } from 'vitest';
import { generateCode, normalizeCode } from './codes';

describe('normalizeCode', () => {
	it('reads a generated code as typed with or without the dash, in any case, with spaces', () => {
		const code = generateCode();
		expect(normalizeCode(code)).toBe(code);
		for (const typed of [
			code.replace('-', ''),
			code.toLowerCase(),
			` ${code.slice(0, 2)} ${code.slice(2, 6)} ${code.slice(6)} `,
			code.replace('-', '–')
		])
			expect(normalizeCode(typed)).toBe(code);
	});
	it('reads O as 0 and I, L as 1, as Crockford base32 does', () => {
		expect(normalizeCode('ab0o-il1z')).toBe('AB00-111Z');
	});
	it('refuses anything that cannot be a code', () => {
		for (const typed of [
			'',
			'.',
			'..',
			'../..',
			'ABCD-EFG',
			'ABCD-EFGHJ',
			'ABCD/EFGH',
			'ABCU-EFGH',
			'ABC%2E-EFGH'
		])
			expect(normalizeCode(typed)).toBeNull();
	});
});
