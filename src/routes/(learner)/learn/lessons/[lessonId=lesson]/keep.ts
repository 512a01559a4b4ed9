import { outbox } from '$lib/offline/outbox.svelte';
import { forgetPlayThrough, loadPlayThrough, savePlayThrough } from '$lib/offline/outbox-store';
import { playThroughKey } from '$lib/learning/continue';
import type { PlayedAnswer } from './attempt';
import type { PlayThroughSnapshot } from './play-through.svelte';

/**
 * A play-through kept on the phone (IndexedDB, per account and lesson), so a reload, Back,
 * "Quit" or a language switch picks it up where it was; and a finished lesson handed to the outbox.
 */
export function keptPlayThrough(accountId: string, lessonId: string) {
	const key = playThroughKey(accountId, lessonId);
	return {
		async load(): Promise<PlayThroughSnapshot | null> {
			try {
				const stored = (await loadPlayThrough(key)) as PlayThroughSnapshot | undefined;
				return stored && Array.isArray(stored.queue) && Array.isArray(stored.answers)
					? stored
					: null;
			} catch {
				return null;
			}
		},
		async save(snapshot: PlayThroughSnapshot): Promise<void> {
			// Without IndexedDB (a private window) the play-through lives as long as the page, as before.
			await savePlayThrough(key, snapshot).catch(() => {});
		},
		async forget(): Promise<void> {
			await forgetPlayThrough(key).catch(() => {});
		}
	};
}

/**
 * Puts a finished lesson in the outbox: each speak recording first (its record id is the answer's id, so
 * finishing twice queues nothing twice), then the attempt, which waits for them. Throws when the phone
 * cannot keep it (no IndexedDB): the caller posts it directly then.
 */
export async function queueAttempt(
	lessonId: string,
	attemptId: string,
	answers: PlayedAnswer[],
	activeSeconds: number
): Promise<void> {
	const recordings: string[] = [];
	for (const a of answers)
		if (a.recording && a.recording.size > 0) {
			await outbox.add(
				'recording',
				{ mimeType: a.recording.type || 'audio/webm', blob: a.recording },
				{ id: a.id }
			);
			recordings.push(a.id);
		}
	await outbox.add(
		'attempt',
		{
			lessonId,
			finishedAt: new Date().toISOString(),
			activeSeconds,
			// The server grades each response again; the verdicts shown here stay in the browser.
			answers: answers.map((a) => ({
				id: a.id,
				exerciseId: a.exerciseId,
				response: a.response,
				...(recordings.includes(a.id) ? { recordingId: a.id } : {})
			}))
		},
		{ id: attemptId, after: recordings }
	);
}
