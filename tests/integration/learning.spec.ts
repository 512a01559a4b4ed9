import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	attempt,
	candidate,
	course,
	itemBank,
	lesson,
	lessonAnswer,
	lessonAttempt,
	program,
	ratingRequest,
	recording,
	reviewCard,
	reviewLog
} from '$lib/server/db/schema';
import { seedCourses } from '$lib/server/learning/seed';
import {
	courseMap,
	enrol,
	enrolledCourseIds,
	lessonForLearner,
	nextLessonId,
	placementLevel
} from '$lib/server/learning/courses';
import { submitAttempt, type AttemptSubmission } from '$lib/server/learning/attempts';
import { dueCards, dueCount, recordReview } from '$lib/server/learning/review';
import { learnerHome } from '$lib/server/learning/home';
import { readOwnRecording } from '$lib/server/learning/recordings';
import { BadSubmission, NotAllowed } from '$lib/server/learning/errors';
import type { Exercise } from '$lib/course/types';
import { tileOrder } from '../e2e/learner/course-file';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const FIXTURES = 'tests/fixtures/courses';

/** What the lesson player posts for a right answer of each kind (ExerciseResponse). */
function rightResponse(e: Exercise): unknown {
	switch (e.kind) {
		case 'choice':
		case 'listen_choose':
			return { choice: e.answer };
		case 'listen_type':
		case 'translate':
		case 'fill_gap':
			return { text: e.answers[0] };
		case 'build_sentence':
			return { tiles: tileOrder(e, false) };
		case 'match_pairs':
			return { pairs: e.pairs.map((_, i) => i), mistakes: 0 };
		case 'reading':
			return { choices: e.questions.map((q) => q.answer) };
		case 'speak':
			return { selfCheck: 'well', recorded: true };
	}
}

function wrongResponse(e: Exercise): unknown {
	if (e.kind === 'choice') return { choice: (e.answer + 1) % e.options.length };
	throw new Error('the first fixture exercise is a choice');
}
const VI_LESSON = 'vi-for-lo.vfx-u1-l1';

withTestDatabase('learning', (database) => {
	let db: DB;
	let learner: { id: string };
	let other: { id: string };
	let exercises: Exercise[];
	let org: { id: string };

	beforeAll(async () => {
		db = database.db;
		const seeded = await seedCourses(db, FIXTURES);
		expect(seeded.map((s) => s.courseId)).toEqual(['lo-for-vi', 'vi-for-lo']);
		org = await makeOrganization(db);
		learner = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		other = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		const [row] = await db.select().from(lesson).where(eq(lesson.id, VI_LESSON));
		exercises = row.exercises;
	});

	/** Every exercise answered, the first wrong and then right, the speak one with a recording. */
	function submission(id: string): AttemptSubmission {
		const answers: AttemptSubmission['answers'] = exercises.map((e, i) => ({
			id: `${id}-a${i}`,
			exerciseId: e.id,
			response: i === 0 ? wrongResponse(e) : rightResponse(e),
			...(e.kind === 'speak'
				? {
						recording: {
							mimeType: 'audio/webm',
							bytes: new Uint8Array([26, 69, 223, 163, 1, 2, 3]),
							durationMs: 1200
						}
					}
				: {})
		}));
		answers.push({
			id: `${id}-retry`,
			exerciseId: exercises[0].id,
			response: rightResponse(exercises[0])
		});
		return { id, lessonId: VI_LESSON, finishedAt: new Date(), answers };
	}

	it('seeding twice changes nothing, and the courses are listed', async () => {
		const again = await seedCourses(db, FIXTURES);
		expect(again.every((s) => !s.updated)).toBe(true);
		const rows = await db.select({ id: course.id }).from(course);
		expect(rows.map((r) => r.id).sort()).toEqual(['lo-for-vi', 'vi-for-lo']);
	});

	it('refuses lessons and the map to a learner who is not enrolled', async () => {
		await expect(lessonForLearner(db, learner.id, VI_LESSON)).rejects.toBeInstanceOf(NotAllowed);
		await expect(courseMap(db, learner.id, 'vi-for-lo')).rejects.toBeInstanceOf(NotAllowed);
		await expect(
			submitAttempt(db, learner.id, submission('att-not-enrolled-1'))
		).rejects.toBeInstanceOf(NotAllowed);
	});

	it('enrols, and then shows the map and the lesson', async () => {
		expect(await enrol(db, learner.id, 'no-such-course')).toBe(false);
		expect(await enrol(db, learner.id, 'vi-for-lo')).toBe(true);
		expect(await enrol(db, learner.id, 'vi-for-lo')).toBe(true);
		expect(await enrolledCourseIds(db, learner.id)).toEqual(['vi-for-lo']);
		const map = await courseMap(db, learner.id, 'vi-for-lo');
		expect(map?.units[0].lessons).toEqual([
			{ id: VI_LESSON, title: expect.any(Object), done: false }
		]);
		// The course map groups units by level and shows what each unit teaches one to do.
		expect(map?.units[0]).toMatchObject({
			level: 1,
			canDo: [{ lo: 'ທັກທາຍເປັນພາສາຫວຽດໄດ້', en: 'Can greet people in Vietnamese' }]
		});
		const found = await lessonForLearner(db, learner.id, VI_LESSON);
		expect(found?.lesson.exercises).toHaveLength(9);
		// Enrolled in one course is not enrolled in the other.
		await expect(lessonForLearner(db, learner.id, 'lo-for-vi.lfx-u1-l1')).rejects.toBeInstanceOf(
			NotAllowed
		);
	});

	it('gives the lesson with its course in one read, and no next lesson after the last', async () => {
		const found = await lessonForLearner(db, learner.id, VI_LESSON);
		const [head] = await db.select().from(course).where(eq(course.id, 'vi-for-lo'));
		expect(found?.course).toEqual({
			id: head.id,
			title: head.title,
			description: head.description,
			levels: head.levels,
			targetLanguage: head.targetLanguage,
			interfaceLanguage: head.interfaceLanguage,
			version: head.version
		});
		expect(found?.lesson.id).toBe(VI_LESSON);
		const order = (await courseMap(db, learner.id, 'vi-for-lo'))!.units.flatMap((u) =>
			u.lessons.map((l) => l.id)
		);
		// The fixture course has one lesson (lesson-order.spec.ts walks the seed course's many).
		for (const [i, id] of order.entries())
			expect(await nextLessonId(db, 'vi-for-lo', id)).toBe(order[i + 1] ?? null);
		expect(await nextLessonId(db, 'vi-for-lo', 'vi-for-lo.no-such-lesson')).toBeNull();
	});

	it('stores an attempt once however often it is submitted, and the lesson is done', async () => {
		const first = await submitAttempt(db, learner.id, submission('att-idem-0001'));
		expect(first).toMatchObject({ created: true, correctFirstTry: 8, total: 9, newCards: 4 });
		const second = await submitAttempt(db, learner.id, submission('att-idem-0001'));
		expect(second).toMatchObject({ created: false, correctFirstTry: 8, total: 9, newCards: 0 });
		const attempts = await db
			.select()
			.from(lessonAttempt)
			.where(eq(lessonAttempt.userId, learner.id));
		expect(attempts).toHaveLength(1);
		expect(attempts[0].skills.reading).toEqual({ correct: 3, total: 4 });
		const answers = await db
			.select()
			.from(lessonAnswer)
			.where(eq(lessonAnswer.attemptId, 'att-idem-0001'));
		expect(answers).toHaveLength(10);
		const recordings = await db.select().from(recording).where(eq(recording.ownerId, learner.id));
		expect(recordings).toHaveLength(1);
		expect([...recordings[0].bytes]).toEqual([26, 69, 223, 163, 1, 2, 3]);
		const speak = answers.find((a) => a.kind === 'speak');
		expect(speak?.recordingId).toBe(recordings[0].id);
		// The recording waits for an instructor's rating in the learner's organization.
		const requests = await db
			.select()
			.from(ratingRequest)
			.where(eq(ratingRequest.sourceId, speak!.id));
		expect(requests).toEqual([
			expect.objectContaining({
				source: 'lesson',
				organizationId: org.id,
				skill: 'speaking',
				status: 'pending',
				response: { recordingId: recordings[0].id }
			})
		]);
		const map = await courseMap(db, learner.id, 'vi-for-lo');
		expect(map?.units[0].lessons[0].done).toBe(true);
	});

	it('grades the responses itself: a claimed verdict counts for nothing', async () => {
		const org = await makeOrganization(db);
		const cheater = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		await enrol(db, cheater.id, 'vi-for-lo');
		const cheat = submission('att-cheat-0001');
		for (const a of cheat.answers)
			Object.assign(a, { correct: true, verdict: 'correct', response: { choice: -1 } });
		const result = await submitAttempt(db, cheater.id, cheat);
		expect(result).toMatchObject({ created: true, correctFirstTry: 0, total: 9 });
		const answers = await db
			.select()
			.from(lessonAnswer)
			.where(eq(lessonAnswer.attemptId, 'att-cheat-0001'));
		expect(answers.every((a) => !a.correct && a.verdict === 'wrong')).toBe(true);
	});

	it('leaves a skipped speaking exercise out of the score', async () => {
		const org = await makeOrganization(db);
		const quiet = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		await enrol(db, quiet.id, 'vi-for-lo');
		const attempt = submission('att-skip-0001');
		for (const a of attempt.answers) {
			const kind = exercises.find((e) => e.id === a.exerciseId)?.kind;
			if (kind === 'speak')
				Object.assign(a, {
					response: { selfCheck: 'skipped', recorded: false },
					recording: undefined
				});
		}
		const result = await submitAttempt(db, quiet.id, attempt);
		expect(result).toMatchObject({ created: true, correctFirstTry: 7, total: 8 });
		const [speak] = await db
			.select()
			.from(lessonAnswer)
			.where(and(eq(lessonAnswer.attemptId, 'att-skip-0001'), eq(lessonAnswer.kind, 'speak')));
		expect(speak).toMatchObject({ verdict: 'skipped', correct: false, recordingId: null });
	});

	it('refuses submissions that do not fit the lesson', async () => {
		const partial = submission('att-partial-01');
		partial.answers = partial.answers.slice(1, 3);
		await expect(submitAttempt(db, learner.id, partial)).rejects.toBeInstanceOf(BadSubmission);
		const unknown = submission('att-unknown-01');
		unknown.answers[0].exerciseId = 'lfx-e1';
		await expect(submitAttempt(db, learner.id, unknown)).rejects.toBeInstanceOf(BadSubmission);
		// Another learner cannot reuse (or overwrite) someone's attempt id.
		await enrol(db, other.id, 'vi-for-lo');
		await expect(submitAttempt(db, other.id, submission('att-idem-0001'))).rejects.toBeInstanceOf(
			NotAllowed
		);
	});

	it('puts the lesson vocabulary in the deck, due at once, and reviews move the card', async () => {
		const now = new Date();
		expect(await dueCount(db, learner.id, now)).toBe(4);
		const due = await dueCards(db, learner.id, now);
		expect(due.map((c) => c.term).sort()).toEqual(['cảm ơn', 'tên', 'tôi', 'xin chào']);
		expect(due[0]).toMatchObject({ targetLanguage: 'vi', interfaceLanguage: 'lo' });

		const card = due.find((c) => c.term === 'cảm ơn')!;
		const input = {
			reviewId: 'rev-0000-0001',
			courseId: card.courseId,
			vocabularyId: card.vocabularyId,
			grade: 3 as const,
			mode: 'recall' as const
		};
		const first = await recordReview(db, learner.id, input, now);
		expect(first.applied).toBe(true);
		const again = await recordReview(db, learner.id, input, now);
		expect(again.applied).toBe(false);
		const logs = await db.select().from(reviewLog).where(eq(reviewLog.userId, learner.id));
		expect(logs).toHaveLength(1);
		const [stored] = await db
			.select()
			.from(reviewCard)
			.where(
				and(eq(reviewCard.userId, learner.id), eq(reviewCard.vocabularyId, card.vocabularyId))
			);
		expect(stored.reps).toBe(1);
		expect(stored.due.getTime()).toBeGreaterThan(now.getTime());
		expect(await dueCount(db, learner.id, now)).toBe(3);
		// Due again once its time comes.
		expect(await dueCount(db, learner.id, stored.due)).toBe(4);

		// Nobody else's deck moves, and nobody reviews someone else's card.
		expect(await dueCount(db, other.id, now)).toBe(0);
		await expect(
			recordReview(db, other.id, { ...input, reviewId: 'rev-0000-0002' }, now)
		).rejects.toBeInstanceOf(NotAllowed);
	});

	it('shows progress on the learner home', async () => {
		const home = await learnerHome(db, learner.id);
		expect(home.courses).toEqual([
			expect.objectContaining({
				id: 'vi-for-lo',
				lessonsDone: 1,
				lessonsTotal: 1,
				continueLessonId: null
			})
		]);
		expect(home.due).toBeGreaterThan(0);
		const reading = home.skills.find((s) => s.skill === 'reading');
		expect(reading).toEqual({ skill: 'reading', done: 4, total: 4, accuracy: 75 });
	});

	it('reads where the placement result says to start', async () => {
		expect(await placementLevel(db, learner.id, 'vi')).toBeNull();
		const now = new Date();
		await db.insert(itemBank).values({ id: 'vi-placement-test', language: 'vi', version: '1' });
		await db.insert(program).values({
			id: 'program-placement-test',
			organizationId: org.id,
			name: 'Trung cấp lý luận chính trị',
			intake: 'Lớp Lào khoá 6',
			bankId: 'vi-placement-test',
			minOverallLevel: 2,
			windowOpensAt: now,
			windowClosesAt: now,
			timeLimitMinutes: 60,
			maxAttempts: 1,
			retakeCooldownDays: 14,
			resultValidityMonths: 24
		});
		await db.insert(candidate).values({
			id: 'candidate-placement-test',
			programId: 'program-placement-test',
			userId: learner.id,
			fullName: 'ສົມພອນ',
			invitationCode: 'PLACE-TEST-1'
		});
		await db.insert(attempt).values({
			id: 'attempt-placement-test',
			candidateId: 'candidate-placement-test',
			status: 'completed',
			catState: {},
			startedAt: now,
			deadlineAt: now,
			finishedAt: now,
			bankVersion: '1',
			engineConfig: {},
			overallLevel: 2
		});
		expect(await placementLevel(db, learner.id, 'vi')).toBe(2);
		expect(await placementLevel(db, learner.id, 'lo')).toBeNull();
		expect(await placementLevel(db, other.id, 'vi')).toBeNull();
	});

	it('gives a recording to its owner only', async () => {
		const [rec] = await db
			.select({ id: recording.id })
			.from(recording)
			.where(eq(recording.ownerId, learner.id));
		const own = await readOwnRecording(db, learner.id, rec.id);
		expect(own?.mimeType).toBe('audio/webm');
		await expect(readOwnRecording(db, other.id, rec.id)).rejects.toBeInstanceOf(NotAllowed);
		expect(await readOwnRecording(db, learner.id, 'no-such-recording')).toBeNull();
	});
});
