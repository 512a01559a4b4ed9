import { deserialize } from '$app/forms';

export type DraftSaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * A written answer as it is typed, saved on the server (the rated page's `?/save` action) a moment after
 * typing stops, so a reload or a dropped connection loses nothing. Create it while a component initialises:
 * a save still waiting when that component goes is dropped.
 */
export class DraftAutosave {
	text = $state('');
	saveState = $state<DraftSaveState>('idle');

	#itemId: string;
	/** The text the server holds. */
	#saved: string;
	#delayMs: number;
	#timer: ReturnType<typeof setTimeout> | undefined;

	/**
	 * `text` is what to show (what a refused submit sent back, else the saved draft); `saved` is the draft
	 * the server holds.
	 */
	constructor(itemId: string, { text, saved }: { text: string; saved: string }, delayMs = 1500) {
		this.#itemId = itemId;
		this.#saved = saved;
		this.#delayMs = delayMs;
		this.text = text;
		this.saveState = saved ? 'saved' : 'idle';
		$effect(() => () => this.cancel());
	}

	/** Call after each edit: saves once typing has paused for the delay. */
	typed() {
		this.saveState = 'idle';
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.save(), this.#delayMs);
	}

	/** Drops a save still waiting (the answer is being submitted with the form). */
	cancel() {
		clearTimeout(this.#timer);
	}

	/** Saves the text now unless the server already holds it. */
	async save() {
		if (this.text === this.#saved) return;
		const sending = this.text;
		this.saveState = 'saving';
		const body = new FormData();
		body.set('itemId', this.#itemId);
		body.set('text', sending);
		try {
			const response = await fetch('?/save', {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true' }
			});
			const result = deserialize(await response.text());
			if (result.type === 'success') {
				this.#saved = sending;
				// Typing went on while saving: the newer text is not saved yet.
				this.saveState = this.text === sending ? 'saved' : 'idle';
			} else this.saveState = 'failed';
		} catch {
			this.saveState = 'failed';
		}
	}
}
