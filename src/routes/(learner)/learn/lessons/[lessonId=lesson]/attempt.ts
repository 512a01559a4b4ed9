import type { ExerciseResult } from '$lib/course/grade';
import { routes } from '$lib/routes';

export type PlayedAnswer = ExerciseResult & { id: string };

/**
 * A client-generated id. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost);
 * a school server on plain HTTP gets 128 random bits from getRandomValues instead.
 */
export function newClientId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Posts the finished lesson once (multipart: the answers as JSON, speak recordings as files). The ids
 * make a repeated post harmless. Returns the server's summary, or null when it could not be saved.
 */
export async function postAttempt(
	lessonId: string,
	attemptId: string,
	answers: PlayedAnswer[],
	activeSeconds: number
): Promise<{ newCards: number } | null> {
	const body = new FormData();
	body.set(
		'attempt',
		JSON.stringify({
			id: attemptId,
			finishedAt: new Date().toISOString(),
			activeSeconds,
			// The server grades each response again; the verdicts shown here stay in the browser.
			answers: answers.map((a) => ({ id: a.id, exerciseId: a.exerciseId, response: a.response }))
		})
	);
	for (const a of answers)
		if (a.recording && a.recording.size > 0) body.set(`recording:${a.id}`, a.recording);
	try {
		const response = await fetch(routes.learn.lessonAttempt(lessonId), {
			method: 'POST',
			body
		});
		if (!response.ok) return null;
		return (await response.json()) as { newCards: number };
	} catch {
		return null;
	}
}
