import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { attempt, candidate, itemBank, lesson, program } from '$lib/server/db/schema';
import { seedCourses } from '$lib/server/learning/seed';
import { currentCourseId, enrol } from '$lib/server/learning/courses';
import { submitAttempt } from '$lib/server/learning/attempts';
import { learnerHome } from '$lib/server/learning/home';
import { placementResults } from '$lib/server/learning/study';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const FIXTURES = 'tests/fixtures/courses';

/**
 * The learner shell's server parts (issue 15): the current course the Course tab opens, the lessons
 * Today names when it continues a play-through kept on the phone, and placement results per skill.
 */
withTestDatabase('learner shell', (database) => {
	let db: DB;
	let org: { id: string };

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, FIXTURES);
		org = await makeOrganization(db);
	});

	const newLearner = () => makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });

	it('opens the course last studied, else the one enrolled in last, else none', async () => {
		const learner = await newLearner();
		expect(await currentCourseId(db, learner.id)).toBeNull();
		await enrol(db, learner.id, 'vi-for-lo');
		expect(await currentCourseId(db, learner.id)).toBe('vi-for-lo');
		await enrol(db, learner.id, 'lo-for-vi');
		expect(await currentCourseId(db, learner.id)).toBe('lo-for-vi');

		// A lesson finished in the first course makes it the current one again.
		const [first] = await db
			.select({ id: lesson.id, exercises: lesson.exercises })
			.from(lesson)
			.where(eq(lesson.courseId, 'vi-for-lo'))
			.limit(1);
		await submitAttempt(db, learner.id, {
			id: `shell-attempt-${learner.id}`,
			lessonId: first.id,
			finishedAt: new Date(Date.now() - 60_000),
			activeSeconds: 60,
			answers: first.exercises.map((e, i) => ({
				id: `shell-answer-${i}-${learner.id}`,
				exerciseId: e.id,
				response: null
			}))
		});
		expect(await currentCourseId(db, learner.id)).toBe('vi-for-lo');
		// Another learner's study says nothing about this one's.
		expect(await currentCourseId(db, (await newLearner()).id)).toBeNull();
	});

	it("gives Today each course's version and lesson titles, in path order", async () => {
		const learner = await newLearner();
		await enrol(db, learner.id, 'vi-for-lo');
		const [course] = (await learnerHome(db, learner.id)).courses;
		expect(course.version).toBeGreaterThan(0);
		expect(course.lessons.length).toBe(course.lessonsTotal);
		expect(course.lessons[0].id).toBe(course.continueLessonId);
		expect(Object.keys(course.lessons[0].title)).toContain('lo');
	});

	it('reads placement results with the level of each skill, in the tested language', async () => {
		const learner = await newLearner();
		const now = new Date();
		await db.insert(itemBank).values({ id: 'shell-vi-bank', language: 'vi', version: '1' });
		await db.insert(program).values({
			id: 'shell-program',
			organizationId: org.id,
			name: 'Trung cấp lý luận chính trị',
			intake: 'Lớp Lào khoá 6',
			bankId: 'shell-vi-bank',
			minOverallLevel: 2,
			windowOpensAt: now,
			windowClosesAt: now,
			timeLimitMinutes: 60,
			maxAttempts: 1,
			retakeCooldownDays: 14,
			resultValidityMonths: 24
		});
		await db.insert(candidate).values({
			id: 'shell-candidate',
			programId: 'shell-program',
			userId: learner.id,
			fullName: 'ສົມພອນ',
			invitationCode: 'SHELL-TEST-1'
		});
		await db.insert(attempt).values({
			id: 'shell-attempt',
			candidateId: 'shell-candidate',
			status: 'awaiting_rating',
			catState: {},
			startedAt: now,
			deadlineAt: now,
			finishedAt: now,
			bankVersion: '1',
			engineConfig: {},
			overallLevel: 2,
			skillLevels: { listening: 3, reading: 2, vocabulary_grammar: 1 }
		});
		expect(await placementResults(db, learner.id)).toEqual([
			{
				level: 2,
				skillLevels: { listening: 3, reading: 2, vocabulary_grammar: 1 },
				status: 'awaiting_rating',
				language: 'vi',
				finishedAt: now
			}
		]);
	});
});
