import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAO_KEYBOARD, LAO_KEYS_BY_CODE, insertLaoKey, normalizeLao } from './lo';

const keys = LAO_KEYBOARD.rows.flat();

describe('LAO_KEYBOARD', () => {
	it('has the five rows of a keyboard, from the digit row to the space bar', () => {
		expect(LAO_KEYBOARD.rows.map((row) => row.length)).toEqual([13, 13, 11, 10, 1]);
		expect(LAO_KEYBOARD.rows[0][1].code).toBe('Digit1');
		expect(LAO_KEYBOARD.rows[4][0].code).toBe('Space');
	});

	it('gives every key a unique KeyboardEvent.code and both layers', () => {
		expect(new Set(keys.map((key) => key.code)).size).toBe(keys.length);
		for (const key of keys) {
			expect(key.base, key.code).not.toBe('');
			expect(key.shift, key.code).not.toBe('');
		}
	});

	it.each([
		['KeyE', 'ຳ', '*'],
		['KeyO', 'ນ', 'ໜ'],
		['Comma', 'ມ', 'ໝ'],
		['BracketRight', 'ລ', 'ຫ\u0EBC'],
		['Equal', '\u0ECD', '\u0ECD\u0EC8'],
		['KeyH', '\u0EC9', '\u0ECA'],
		['KeyJ', '\u0EC8', '\u0ECB'],
		['KeyM', 'ທ', 'ໆ'],
		['KeyC', 'ແ', 'ຯ'],
		['Space', ' ', '\u200B']
	])('%s types %j and, with Shift, %j', (code, base, shift) => {
		expect(LAO_KEYS_BY_CODE[code]).toMatchObject({ base, shift });
	});

	it('puts the Lao digits on AltGr of the digit row', () => {
		const digits = LAO_KEYBOARD.rows[0].slice(1, 11).map((key) => key.altgr);
		expect(digits).toEqual(['໑', '໒', '໓', '໔', '໕', '໖', '໗', '໘', '໙', '໐']);
	});

	it('types the two-mark keys in canonical order, so insertLaoKey keeps them as they are', () => {
		for (const key of keys.filter((candidate) => [...candidate.shift].length === 2)) {
			const { text } = insertLaoKey('ກ', 1, key.shift);
			expect(text, key.code).toBe(`ກ${key.shift}`);
		}
	});
});

const SHARED = '../../../tests/fixtures/reference/language/';
const LAYOUT_PATH = fileURLToPath(new URL(`${SHARED}lao-keyboard.json`, import.meta.url));
const PHRASES_PATH = fileURLToPath(new URL(`${SHARED}phrases.json`, import.meta.url));

describe('LAO_KEYBOARD against the shared lao-keyboard.json', () => {
	type JsonKey = { base: string; shift: string; altgr?: string };
	const source = JSON.parse(readFileSync(LAYOUT_PATH, 'utf8')) as {
		by_code: Record<string, JsonKey>;
	};

	it('has exactly the keys of the source', () => {
		expect(keys.map((key) => key.code).sort()).toEqual(Object.keys(source.by_code).sort());
	});

	it.each(Object.entries(source.by_code))('copies %s unchanged', (code, { base, shift, altgr }) => {
		const expected = altgr === undefined ? { code, base, shift } : { code, base, shift, altgr };
		expect(LAO_KEYS_BY_CODE[code]).toEqual(expected);
	});
});

describe('LAO_KEYBOARD covers the checked phrases', () => {
	const phrases = JSON.parse(readFileSync(PHRASES_PATH, 'utf8')) as {
		lo: string;
		lo_alternatives?: string[];
	}[];
	const typeable = new Set(
		keys.flatMap((key) => [key.base, key.shift, key.altgr ?? ''].flatMap((out) => [...out]))
	);

	it('can type every character of every Lao phrase and alternative', () => {
		const texts = phrases.flatMap((phrase) => [phrase.lo, ...(phrase.lo_alternatives ?? [])]);
		const missing = new Set(
			texts.flatMap((text) => [...normalizeLao(text)]).filter((char) => !typeable.has(char))
		);
		expect([...missing]).toEqual([]);
	});
});
