/**
 * When Today offers to install the app, pure: once the learner has finished a lesson (they know what
 * the app is for), only where the browser can install it (it fired `beforeinstallprompt`), not when it
 * is installed already, and not again for a long while after "not now".
 */

/** "Not now" holds for 90 days: long enough never to feel like nagging, short enough to ask again. */
export const INSTALL_SNOOZE_MS = 90 * 86_400_000;

export type InstallState = {
	/** The browser offered installation (`beforeinstallprompt` was caught and kept). */
	canPrompt: boolean;
	/** Running as the installed app (display-mode standalone), or installed in this session. */
	installed: boolean;
	/** When the learner last said "not now" (ms), or null. */
	dismissedAt: number | null;
};

export function shouldOfferInstall(
	state: InstallState,
	lessonsFinished: number,
	now = Date.now()
): boolean {
	if (!state.canPrompt || state.installed || lessonsFinished < 1) return false;
	return state.dismissedAt === null || now - state.dismissedAt >= INSTALL_SNOOZE_MS;
}

/** Reads the stored "not now" time: anything that is not a past time is none. */
export function parseDismissedAt(value: string | null, now = Date.now()): number | null {
	const at = Number(value);
	return value && Number.isFinite(at) && at > 0 && at <= now ? at : null;
}

/**
 * iPhone and iPad browsers (all WebKit) never fire `beforeinstallprompt`: installing is "Share → Add
 * to Home Screen", which Me explains. iPadOS reports itself as a Mac, told apart by its touch points.
 */
export function isAppleMobile(userAgent: string, maxTouchPoints: number): boolean {
	return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}
