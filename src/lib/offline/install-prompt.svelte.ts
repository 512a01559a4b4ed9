import { isAppleMobile, parseDismissedAt, shouldOfferInstall } from './install-rules';

/**
 * Installing the app: Chromium-based browsers fire `beforeinstallprompt` when the app can be
 * installed; the event is kept (its default mini-bar prevented) so Today can offer it once at a good
 * moment and Me keeps an "Install app" button. "Not now" is remembered on this device.
 */
type BeforeInstallPromptEvent = Event & {
	prompt(): Promise<unknown>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
};

const DISMISSED_KEY = 'mittaphap:install-dismissed-at';

export class InstallPrompt {
	#event = $state.raw<BeforeInstallPromptEvent | null>(null);
	installed = $state(false);
	dismissedAt = $state<number | null>(null);
	/** An iPhone or iPad: no event ever comes; Me explains Share → Add to Home Screen. */
	appleMobile = $state(false);
	/** False until the page's script has looked (the server cannot know any of this). */
	known = $state(false);

	get canPrompt(): boolean {
		return this.#event !== null;
	}

	/** Whether Today offers installation now (`install-rules.ts`). */
	offered(lessonsFinished: number): boolean {
		return shouldOfferInstall(
			{ canPrompt: this.canPrompt, installed: this.installed, dismissedAt: this.dismissedAt },
			lessonsFinished
		);
	}

	/** Listens from the page's first script on: the event may come before any component mounts. */
	listen(win: Window): void {
		win.addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			this.#event = event as BeforeInstallPromptEvent;
		});
		win.addEventListener('appinstalled', () => {
			this.installed = true;
			this.#event = null;
		});
		const standalone =
			win.matchMedia?.('(display-mode: standalone)').matches ||
			(win.navigator as Navigator & { standalone?: boolean }).standalone === true;
		this.installed = Boolean(standalone);
		this.appleMobile = isAppleMobile(win.navigator.userAgent, win.navigator.maxTouchPoints ?? 0);
		try {
			this.dismissedAt = parseDismissedAt(win.localStorage.getItem(DISMISSED_KEY));
		} catch {
			this.dismissedAt = null;
		}
		this.known = true;
	}

	/** Shows the browser's own install dialog; "cancel" there counts as "not now". */
	async install(): Promise<'accepted' | 'dismissed' | null> {
		const event = this.#event;
		if (!event) return null;
		// The browser allows one prompt() per event: a new one comes if the learner says no.
		this.#event = null;
		await event.prompt();
		const { outcome } = await event.userChoice;
		if (outcome === 'accepted') this.installed = true;
		else this.dismiss();
		return outcome;
	}

	dismiss(now = Date.now()): void {
		this.dismissedAt = now;
		try {
			localStorage.setItem(DISMISSED_KEY, String(now));
		} catch {
			// Private mode without storage: "not now" lasts as long as the page.
		}
	}
}

export const installPrompt = new InstallPrompt();
if (typeof window !== 'undefined') installPrompt.listen(window);
