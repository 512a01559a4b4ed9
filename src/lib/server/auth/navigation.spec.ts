import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './navigation';

const HOME = '/learn';
const go = (target: unknown) => safeRedirectTarget(target, HOME);

describe('safeRedirectTarget', () => {
	it('keeps a path of this site with its query and fragment', () => {
		expect(go('/learn/review?mode=recall#top')).toBe('/learn/review?mode=recall#top');
		expect(go('/admissions/programs/abc')).toBe('/admissions/programs/abc');
	});

	it('sends Vietnamese and Lao text on percent-encoded, so the Location header stays ASCII', () => {
		expect(go('/verify/học?q=ລາວ')).toBe('/verify/h%E1%BB%8Dc?q=%E0%BA%A5%E0%BA%B2%E0%BA%A7');
	});

	it.each([
		['another site', 'https://evil.example/'],
		['a protocol-relative URL', '//evil.example'],
		['a backslash read as a slash', '/\\evil.example'],
		['a tab the browser drops (/\\t/ → //)', '/\t/evil.example'],
		['a line break the browser drops', '/\n/evil.example'],
		['a carriage return', '/\r/evil.example'],
		['a line break that broke the Location header (500)', '/\n/'],
		['a NUL byte', '/learn\u0000'],
		['DEL', '/\u007f/evil.example'],
		['a dot segment resolving to //', '/.//evil.example'],
		['dot-dot segments resolving to //', '/a/..//evil.example'],
		['a leading space the browser trims', ' //evil.example'],
		['a script URL', 'javascript:alert(1)'],
		['a relative path', 'learn'],
		['an empty string', ''],
		['nothing', null],
		['a file from a form', new Blob(['/learn'])]
	])('refuses %s', (_, target) => {
		expect(go(target)).toBe(HOME);
	});

	it('never returns a target that a browser would resolve to another origin', () => {
		const hostile = [
			'/%2F%2Fevil.example',
			'/%5Cevil.example',
			'/.%2F/evil.example',
			'/@evil.example'
		];
		for (const target of hostile) {
			const result = go(target);
			expect(new URL(result, 'https://mittaphap.example').origin).toBe('https://mittaphap.example');
		}
	});
});
