/**
 * A learner's display settings (text size, high contrast), kept on the server per account and in a
 * cookie so the very first paint of any page already uses them (`hooks.server.ts` puts the classes
 * on `<html>`; app.css scales every rem from the root font size).
 */

export const TEXT_SIZES = [0, 1, 2, 3] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const DISPLAY_COOKIE = 'mittaphap_display';

export type Display = { textSize: TextSize; highContrast: boolean };
export const DEFAULT_DISPLAY: Display = { textSize: 0, highContrast: false };

/** The cookie's value: `<size>.<contrast>`, e.g. `2.1`. */
export function displayCookieValue(display: Display): string {
	return `${display.textSize}.${display.highContrast ? 1 : 0}`;
}

/** Reads the cookie; anything unexpected is the default, never an error. */
export function parseDisplayCookie(value: string | undefined): Display {
	const match = /^([0-3])\.([01])$/.exec(value ?? '');
	if (!match) return DEFAULT_DISPLAY;
	return { textSize: Number(match[1]) as TextSize, highContrast: match[2] === '1' };
}

/** The classes on `<html>`: `text-N` from size 1 up, `contrast` when chosen. */
export function displayClasses(display: Display): string {
	return [
		display.textSize > 0 ? `text-${display.textSize}` : '',
		display.highContrast ? 'contrast' : ''
	]
		.filter(Boolean)
		.join(' ');
}
