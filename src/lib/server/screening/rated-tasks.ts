import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import type { SpeakingTime } from '$lib/screening/speaking-time';
import { attemptAnswer, testItem, type ItemContent } from '$lib/server/db/schema';

/**
 * The rated tasks of an attempt: after the adaptive items, one writing and/or one speaking task (the
 * program's `ratedSections`). Each is an `attempt_answer` row whose response holds the draft or the
 * recording until it is submitted.
 */

export type RatedSkill = 'writing' | 'speaking';
export type RatedResponse = { text?: string; recordingId?: string; submitted: boolean };

export type RatedTask = {
	itemId: string;
	skill: RatedSkill;
	level: number;
	instruction: string;
	prompt: string;
	promptGloss: string | null;
	/** Timed speaking tasks: the time asked for (`$lib/screening/speaking-time`). */
	speakingTime: SpeakingTime | null;
	response: RatedResponse;
};

export async function ratedTasksOf(db: DB, attemptId: string): Promise<RatedTask[]> {
	const rows = await db
		.select({
			itemId: attemptAnswer.itemId,
			skill: testItem.skill,
			level: testItem.level,
			content: testItem.content,
			response: attemptAnswer.response
		})
		.from(attemptAnswer)
		.innerJoin(testItem, eq(attemptAnswer.itemId, testItem.id))
		.where(
			and(eq(attemptAnswer.attemptId, attemptId), inArray(testItem.kind, ['writing', 'speaking']))
		)
		.orderBy(asc(attemptAnswer.sequence));
	return rows.map((row) => {
		const content = row.content as ItemContent;
		return {
			itemId: row.itemId,
			skill: row.skill as RatedSkill,
			level: row.level,
			instruction: content.instruction,
			prompt: content.prompt,
			promptGloss: content.promptGloss ?? null,
			speakingTime: content.speakingTime ?? null,
			response: row.response as RatedResponse
		};
	});
}

/** The task to do now: the first one not yet submitted. */
export function currentRatedTask(tasks: RatedTask[]): RatedTask | null {
	return tasks.find((t) => !t.response.submitted) ?? null;
}

/** A written text or a recording is there (submitted or saved as a draft). */
export function hasAnswer(response: RatedResponse): boolean {
	return Boolean(response.recordingId || response.text?.trim());
}
