import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Moves the focus with Tab (Shift+Tab when `back`) until `target` has it, as someone without a
 * pointer would, and fails when it is not reached within `limit` presses. The focused element must
 * show where the focus is (an outline or a ring), or a keyboard user could not follow it.
 */
export async function tabTo(page: Page, target: Locator, { back = false, limit = 40 } = {}) {
	for (let i = 0; i < limit; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
			await expectVisibleFocus(target);
			return;
		}
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`not reached by keyboard in ${limit} presses: ${target}`);
}

/** The focused element (or its label, for a styled radio) draws a visible focus indicator. */
export async function expectVisibleFocus(target: Locator) {
	const shown = await target.evaluate((el) => {
		const visible = (node: Element | null) => {
			if (!node) return false;
			const style = getComputedStyle(node);
			return (
				(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
				style.boxShadow !== 'none'
			);
		};
		return visible(el) || visible(el.closest('label'));
	});
	expect(shown, `visible focus on ${target}`).toBe(true);
}
