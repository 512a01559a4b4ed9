/**
 * The service worker's registration and the app's own updates: a new version installs in the
 * background and waits; the learner sees "update available — reload" and chooses when, so nothing
 * changes under their hands mid-lesson. Pressing it tells the waiting worker to take over, and the page
 * reloads once it has.
 */
const SCRIPT = '/service-worker.js';
/** The worker's message for "take over now" ($lib/sw/messages.ts). */
const SKIP_WAITING = 'skip-waiting';

export class AppUpdate {
	/** A new version installed and waiting for the learner's go. */
	waiting = $state<ServiceWorker | null>(null);
	private requested = false;

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const container = navigator.serviceWorker;
		const registration = await container.register(SCRIPT);
		// Only an update waits: the first worker has no page to take over from.
		const offer = (worker: ServiceWorker | null) => {
			if (worker && container.controller) this.waiting = worker;
		};
		offer(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const worker = registration.installing;
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'installed') offer(worker);
			});
		});
		container.addEventListener('controllerchange', () => {
			if (this.requested) location.reload();
		});
		// A phone keeps the app open for days: look for a new version when it comes back online or to the front.
		const check = () => void registration.update().catch(() => undefined);
		window.addEventListener('online', check);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') check();
		});
	}

	/** Reload into the new version. */
	apply(): void {
		if (!this.waiting) return;
		this.requested = true;
		this.waiting.postMessage(SKIP_WAITING);
	}
}

export const appUpdate = new AppUpdate();
