/**
 * The standard Lao keyboard layout, as data for the on-screen keyboard and for mapping physical keys.
 *
 * Copied from /work/shared/data/language/lao-keyboard.json (Windows "Lao" layout KBDLAO = STEA/PAN Localization
 * proposed standard, from Unicode CLDR keyboards/windows/lo-t-k0-windows.xml at commit 12a1d54a, cross-checked there
 * against Microsoft's published layout and xkeyboard-config "la(stea)"). It is copied rather than imported because
 * the app bundle must not depend on files outside the repository. Keep the two in sync by hand: lao-keyboard.spec.ts
 * checks this copy against the JSON when the shared folder is present.
 *
 * Combining marks and invisible characters are written as \u escapes; the comment after each key gives the code
 * points of base / shift.
 */

/** One key: `code` is `KeyboardEvent.code` (the physical position, independent of the OS layout). */
export interface LaoKey {
	readonly code: string;
	/** What the key types without modifiers. Vowel signs and tone marks are combining marks (see insertLaoKey). */
	readonly base: string;
	/**
	 * What it types with Shift. Eight keys type two code points: a vowel sign or ໍ followed by a tone mark
	 * (Shift+= ໍ່, Q ົ້, Y ິ້, U ີ້, A ັ້, B ຶ້, N ື້) and Shift+] types ຫຼ. Shift+Space types ZERO WIDTH SPACE U+200B,
	 * the Lao word-break hint.
	 */
	readonly shift: string;
	/** AltGr (or Ctrl+Alt) layer: the Lao digits ໑–໙ ໐ on the digit row; absent elsewhere. */
	readonly altgr?: string;
}

export interface LaoKeyboardLayout {
	/** Rows from top (digit row) to bottom (space bar), keys left to right as on a US/ANSI keyboard. */
	readonly rows: readonly (readonly LaoKey[])[];
}

/** Windows "Lao" layout (see the file comment for source and provenance). */
export const LAO_KEYBOARD: LaoKeyboardLayout = {
	rows: [
		[
			{ code: 'Backquote', base: '"', shift: "'" }, // U+0022 / U+0027
			{ code: 'Digit1', base: 'ຢ', shift: '1', altgr: '໑' }, // U+0EA2 / U+0031
			{ code: 'Digit2', base: 'ຟ', shift: '2', altgr: '໒' }, // U+0E9F / U+0032
			{ code: 'Digit3', base: 'ໂ', shift: '3', altgr: '໓' }, // U+0EC2 / U+0033
			{ code: 'Digit4', base: 'ຖ', shift: '4', altgr: '໔' }, // U+0E96 / U+0034
			{ code: 'Digit5', base: '\u0EB8', shift: '\u0ECC', altgr: '໕' }, // U+0EB8 / U+0ECC
			{ code: 'Digit6', base: '\u0EB9', shift: '\u0EBC', altgr: '໖' }, // U+0EB9 / U+0EBC
			{ code: 'Digit7', base: 'ຄ', shift: '5', altgr: '໗' }, // U+0E84 / U+0035
			{ code: 'Digit8', base: 'ຕ', shift: '6', altgr: '໘' }, // U+0E95 / U+0036
			{ code: 'Digit9', base: 'ຈ', shift: '7', altgr: '໙' }, // U+0E88 / U+0037
			{ code: 'Digit0', base: 'ຂ', shift: '8', altgr: '໐' }, // U+0E82 / U+0038
			{ code: 'Minus', base: 'ຊ', shift: '9' }, // U+0E8A / U+0039
			{ code: 'Equal', base: '\u0ECD', shift: '\u0ECD\u0EC8' } // U+0ECD / U+0ECD U+0EC8
		],
		[
			{ code: 'KeyQ', base: '\u0EBB', shift: '\u0EBB\u0EC9' }, // U+0EBB / U+0EBB U+0EC9
			{ code: 'KeyW', base: 'ໄ', shift: '0' }, // U+0EC4 / U+0030
			{ code: 'KeyE', base: 'ຳ', shift: '*' }, // U+0EB3 / U+002A
			{ code: 'KeyR', base: 'ພ', shift: '_' }, // U+0E9E / U+005F
			{ code: 'KeyT', base: 'ະ', shift: '+' }, // U+0EB0 / U+002B
			{ code: 'KeyY', base: '\u0EB4', shift: '\u0EB4\u0EC9' }, // U+0EB4 / U+0EB4 U+0EC9
			{ code: 'KeyU', base: '\u0EB5', shift: '\u0EB5\u0EC9' }, // U+0EB5 / U+0EB5 U+0EC9
			{ code: 'KeyI', base: 'ຮ', shift: 'ຣ' }, // U+0EAE / U+0EA3
			{ code: 'KeyO', base: 'ນ', shift: 'ໜ' }, // U+0E99 / U+0EDC
			{ code: 'KeyP', base: 'ຍ', shift: 'ຽ' }, // U+0E8D / U+0EBD
			{ code: 'BracketLeft', base: 'ບ', shift: '-' }, // U+0E9A / U+002D
			{ code: 'BracketRight', base: 'ລ', shift: 'ຫ\u0EBC' }, // U+0EA5 / U+0EAB U+0EBC
			{ code: 'Backslash', base: '/', shift: '\\' } // U+002F / U+005C
		],
		[
			{ code: 'KeyA', base: '\u0EB1', shift: '\u0EB1\u0EC9' }, // U+0EB1 / U+0EB1 U+0EC9
			{ code: 'KeyS', base: 'ຫ', shift: ';' }, // U+0EAB / U+003B
			{ code: 'KeyD', base: 'ກ', shift: '.' }, // U+0E81 / U+002E
			{ code: 'KeyF', base: 'ດ', shift: ',' }, // U+0E94 / U+002C
			{ code: 'KeyG', base: 'ເ', shift: ':' }, // U+0EC0 / U+003A
			{ code: 'KeyH', base: '\u0EC9', shift: '\u0ECA' }, // U+0EC9 / U+0ECA
			{ code: 'KeyJ', base: '\u0EC8', shift: '\u0ECB' }, // U+0EC8 / U+0ECB
			{ code: 'KeyK', base: 'າ', shift: '!' }, // U+0EB2 / U+0021
			{ code: 'KeyL', base: 'ສ', shift: '?' }, // U+0EAA / U+003F
			{ code: 'Semicolon', base: 'ວ', shift: '%' }, // U+0EA7 / U+0025
			{ code: 'Quote', base: 'ງ', shift: '=' } // U+0E87 / U+003D
		],
		[
			{ code: 'KeyZ', base: 'ຜ', shift: '₭' }, // U+0E9C / U+20AD
			{ code: 'KeyX', base: 'ປ', shift: '(' }, // U+0E9B / U+0028
			{ code: 'KeyC', base: 'ແ', shift: 'ຯ' }, // U+0EC1 / U+0EAF
			{ code: 'KeyV', base: 'ອ', shift: 'x' }, // U+0EAD / U+0078
			{ code: 'KeyB', base: '\u0EB6', shift: '\u0EB6\u0EC9' }, // U+0EB6 / U+0EB6 U+0EC9
			{ code: 'KeyN', base: '\u0EB7', shift: '\u0EB7\u0EC9' }, // U+0EB7 / U+0EB7 U+0EC9
			{ code: 'KeyM', base: 'ທ', shift: 'ໆ' }, // U+0E97 / U+0EC6
			{ code: 'Comma', base: 'ມ', shift: 'ໝ' }, // U+0EA1 / U+0EDD
			{ code: 'Period', base: 'ໃ', shift: '$' }, // U+0EC3 / U+0024
			{ code: 'Slash', base: 'ຝ', shift: ')' } // U+0E9D / U+0029
		],
		[
			{ code: 'Space', base: ' ', shift: '\u200B' } // U+0020 / U+200B
		]
	]
};

/** The same keys indexed by `KeyboardEvent.code`, for turning physical key presses into Lao text. */
export const LAO_KEYS_BY_CODE: Readonly<Record<string, LaoKey>> = Object.fromEntries(
	LAO_KEYBOARD.rows.flat().map((key) => [key.code, key])
);
