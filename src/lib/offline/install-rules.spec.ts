import { describe, expect, it } from 'vitest';
import {
	INSTALL_SNOOZE_MS,
	isAppleMobile,
	parseDismissedAt,
	shouldOfferInstall
} from './install-rules';

const now = 1_800_000_000_000;
const ready = { canPrompt: true, installed: false, dismissedAt: null };

describe('the install offer', () => {
	it('comes after the first finished lesson, where the browser can install', () => {
		expect(shouldOfferInstall(ready, 1, now)).toBe(true);
		expect(shouldOfferInstall(ready, 0, now)).toBe(false);
		expect(shouldOfferInstall({ ...ready, canPrompt: false }, 3, now)).toBe(false);
		expect(shouldOfferInstall({ ...ready, installed: true }, 3, now)).toBe(false);
	});

	it('does not come back for 90 days after "not now"', () => {
		const day = 86_400_000;
		expect(shouldOfferInstall({ ...ready, dismissedAt: now - day }, 5, now)).toBe(false);
		expect(shouldOfferInstall({ ...ready, dismissedAt: now - 89 * day }, 5, now)).toBe(false);
		expect(shouldOfferInstall({ ...ready, dismissedAt: now - INSTALL_SNOOZE_MS }, 5, now)).toBe(
			true
		);
	});

	it('reads a stored dismissal, ignoring anything that is not a past time', () => {
		expect(parseDismissedAt(String(now - 5), now)).toBe(now - 5);
		expect(parseDismissedAt(null, now)).toBeNull();
		expect(parseDismissedAt('soon', now)).toBeNull();
		expect(parseDismissedAt(String(now + 1000), now)).toBeNull();
	});

	it('knows iPhones and iPads, which install through Share → Add to Home Screen', () => {
		const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15';
		const ipad = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15';
		const android = 'Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 Chrome/120';
		expect(isAppleMobile(iphone, 5)).toBe(true);
		expect(isAppleMobile(ipad, 5)).toBe(true);
		expect(isAppleMobile(ipad, 0)).toBe(false);
		expect(isAppleMobile(android, 5)).toBe(false);
	});
});
