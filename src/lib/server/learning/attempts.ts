import * as v from 'valibot';
import { and, eq } from 'drizzle-orm';
import { gradeExercise } from '$lib/course/grade';
import { firstTryScore } from '$lib/course/progress';
import type { Exercise } from '$lib/course/types';
import { entriesToAdd, newCard } from '$lib/srs';
import type { DB } from '$lib/server/db/client';
import { lessonAnswer, lessonAttempt, reviewCard } from '$lib/server/db/schema';
import { firstLearnerOrganization } from '$lib/server/accounts/repository';
import { requestRating, saveRecording, syncedRecordingId } from '$lib/server/rating/service';
import { BadSubmission, NotAllowed } from './errors';
import { lessonForLearner } from './courses';
import { lessonRatersOf } from './hooks';

/** Client-generated ids: UUIDs or similar, nothing that could be a path or markup. */
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** A few seconds of Opus or WebM speech is tens of kB; anything bigger is not a lesson recording. */
export const MAX_RECORDING_BYTES = 2_000_000;
export type AnswerSubmission = {
	id: string;
	exerciseId: string;
	/** The learner's answer (ExerciseResponse of $lib/course/grade); graded again here. */
	response: unknown;
	recording?: { mimeType: string; bytes: Uint8Array; durationMs?: number };
	/** The phone's id of a recording sent before from the outbox (`saveSyncedRecording`). */
	recordingClientId?: string;
};

export type AttemptSubmission = {
	id: string;
	lessonId: string;
	finishedAt: Date;
	/** Time spent answering as the phone measured it; null when it did not. */
	activeSeconds?: number | null;
	answers: AnswerSubmission[];
};

export type AttemptResult = {
	attemptId: string;
	/** False when this attempt had been received already (a retried or synced submission). */
	created: boolean;
	correctFirstTry: number;
	total: number;
	/** Vocabulary entries that entered the review deck with this attempt. */
	newCards: number;
};

/** The JSON part of a submission (valibot): client ids, a real finishing time, 1–500 answers. */
const Submission = v.object({
	id: v.pipe(v.string(), v.regex(CLIENT_ID)),
	finishedAt: v.pipe(
		v.string(),
		v.check((value) => !Number.isNaN(new Date(value).getTime()))
	),
	activeSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400))),
	answers: v.pipe(
		v.array(
			v.object({
				id: v.pipe(v.string(), v.regex(CLIENT_ID)),
				exerciseId: v.string(),
				response: v.optional(v.unknown())
			})
		),
		v.minLength(1),
		v.maxLength(500)
	)
});

/** Parses the JSON part of a submission; throws BadSubmission on anything malformed. */
export function parseSubmission(
	lessonId: string,
	value: unknown
): Omit<AttemptSubmission, 'answers'> & {
	answers: Omit<AnswerSubmission, 'recording'>[];
} {
	const parsed = v.safeParse(Submission, value);
	if (!parsed.success)
		throw new BadSubmission(v.getDotPath(parsed.issues[0]) ?? 'not a submission');
	const { id, finishedAt, activeSeconds, answers } = parsed.output;
	return {
		id,
		lessonId,
		finishedAt: new Date(finishedAt),
		activeSeconds: activeSeconds ?? null,
		answers: answers.map((a) => ({
			id: a.id,
			exerciseId: a.exerciseId,
			response: a.response ?? null
		}))
	};
}

/**
 * Stores a finished lesson: the attempt, every answer (with speak recordings) and the lesson's new
 * vocabulary cards, in one transaction. Idempotent by the client's attempt id: a submission that
 * arrives twice is stored once (the second call returns `created: false`). Each response is graded
 * again here with the same pure grader the browser used: the client's verdict is never trusted; kinds
 * and skills come from the lesson.
 */
export async function submitAttempt(
	db: DB,
	userId: string,
	submission: AttemptSubmission,
	now = new Date()
): Promise<AttemptResult> {
	const found = await lessonForLearner(db, userId, submission.lessonId);
	if (!found) throw new BadSubmission('no such lesson');
	const { lesson } = found;
	const exercises = new Map<string, Exercise>(lesson.exercises.map((e) => [e.id, e]));
	for (const a of submission.answers) {
		const ex = exercises.get(a.exerciseId);
		if (!ex) throw new BadSubmission(`unknown exercise ${a.exerciseId}`);
		if ((a.recording || a.recordingClientId) && ex.kind !== 'speak')
			throw new BadSubmission('recording on a non-speak');
		if (a.recording && a.recording.bytes.byteLength > MAX_RECORDING_BYTES)
			throw new BadSubmission('recording too large');
	}
	const answered = new Set(submission.answers.map((a) => a.exerciseId));
	if (lesson.exercises.some((e) => !answered.has(e.id)))
		throw new BadSubmission('an exercise is not answered');

	const records = submission.answers.map((a, position) => {
		const exercise = exercises.get(a.exerciseId)!;
		const grade = gradeExercise(exercise, a.response, found.course.targetLanguage);
		return {
			...a,
			position,
			skill: exercise.skill,
			kind: exercise.kind,
			correct: grade.correct,
			verdict: grade.verdict,
			skipped: grade.verdict === 'skipped'
		};
	});
	const score = firstTryScore(records);

	// Speak recordings wait in the rating queue of the organization teaching the learner's class that
	// follows the course, else of the learner's own (the first one where they are a learner); a
	// learner without either keeps the recording without a rating request.
	const home =
		(await lessonRatersOf(db, userId, lesson.courseId)) ??
		(await firstLearnerOrganization(db, userId));

	return db.transaction(async (tx) => {
		const inserted = await tx
			.insert(lessonAttempt)
			.values({
				id: submission.id,
				userId,
				courseId: lesson.courseId,
				lessonId: lesson.id,
				correctFirstTry: score.correctFirstTry,
				total: score.total,
				skills: score.skills,
				activeSeconds: submission.activeSeconds ?? null,
				finishedAt: submission.finishedAt > now ? now : submission.finishedAt,
				receivedAt: now
			})
			.onConflictDoNothing()
			.returning({ id: lessonAttempt.id });
		if (inserted.length === 0) {
			const [existing] = await tx
				.select({
					userId: lessonAttempt.userId,
					correctFirstTry: lessonAttempt.correctFirstTry,
					total: lessonAttempt.total
				})
				.from(lessonAttempt)
				.where(eq(lessonAttempt.id, submission.id));
			if (!existing || existing.userId !== userId) throw new NotAllowed('attempt id taken');
			return { attemptId: submission.id, created: false, newCards: 0, ...pick(existing) };
		}
		for (const r of records) {
			// A recording the outbox could not deliver (refused as too large, say) leaves the answer without
			// one rather than losing the whole lesson.
			const recordingId = r.recording
				? await saveRecording(
						tx,
						{
							ownerId: userId,
							mimeType: r.recording.mimeType,
							bytes: r.recording.bytes,
							durationMs: r.recording.durationMs ?? null
						},
						now
					)
				: r.recordingClientId
					? await syncedRecordingId(tx, userId, r.recordingClientId)
					: null;
			await tx
				.insert(lessonAnswer)
				.values({
					id: r.id,
					attemptId: submission.id,
					position: r.position,
					exerciseId: r.exerciseId,
					kind: r.kind,
					skill: r.skill,
					correct: r.correct,
					verdict: r.verdict,
					response: r.response,
					recordingId
				})
				.onConflictDoNothing();
			if (recordingId && home)
				await requestRating(
					tx,
					{
						organizationId: home,
						source: 'lesson',
						sourceId: r.id,
						itemId: null,
						skill: 'speaking',
						response: { recordingId }
					},
					now
				);
		}
		const inDeck = await tx
			.select({ vocabularyId: reviewCard.vocabularyId })
			.from(reviewCard)
			.where(and(eq(reviewCard.userId, userId), eq(reviewCard.courseId, lesson.courseId)));
		const fresh = entriesToAdd(lesson.vocabulary, new Set(inDeck.map((c) => c.vocabularyId)));
		let newCards = 0;
		for (const entry of fresh) {
			const card = newCard(now);
			const added = await tx
				.insert(reviewCard)
				.values({
					userId,
					courseId: lesson.courseId,
					vocabularyId: entry.id,
					lessonId: lesson.id,
					...card,
					createdAt: now
				})
				.onConflictDoNothing()
				.returning({ id: reviewCard.vocabularyId });
			newCards += added.length;
		}
		return {
			attemptId: submission.id,
			created: true,
			correctFirstTry: score.correctFirstTry,
			total: score.total,
			newCards
		};
	});
}

function pick(row: { correctFirstTry: number; total: number }) {
	return { correctFirstTry: row.correctFirstTry, total: row.total };
}
