import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import type { Actor } from '$lib/server/auth/actor';
import { Forbidden } from '$lib/server/auth/actor';
import {
	admissionDecision,
	candidate,
	enrollment,
	itemBank,
	lesson,
	program,
	ratingRequest,
	reviewLog
} from '$lib/server/db/schema';
import { membershipsOf } from '$lib/server/accounts/repository';
import { registerAccount } from '$lib/server/accounts/service';
import { seedCourses } from '$lib/server/learning/seed';
import { submitAttempt } from '$lib/server/learning/attempts';
import { speakingRatingsOf } from '$lib/server/learning/lesson-ratings';
import { rate, ratingForRater, ratingQueue } from '$lib/server/rating/service';
import {
	assignCourse,
	classesOf,
	classForInstructor,
	classProgress,
	createClass,
	enrolAdmitted,
	enrolByUsernames,
	removeLearner,
	unassignCourse
} from '$lib/server/classes/service';
import type { Exercise } from '$lib/course/types';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';
import { rightAttempt } from '../factories/lesson-answers';

const FIXTURES = 'tests/fixtures/courses';
const VI_LESSON = 'vi-for-lo.vfx-u1-l1';

async function actorOf(db: DB, userId: string): Promise<Actor> {
	return { id: userId, isPlatformAdmin: false, memberships: await membershipsOf(db, userId) };
}

withTestDatabase('classes', (database) => {
	let db: DB;
	let school: { id: string };
	let teacher: Actor;
	let stranger: Actor;
	let bounmy: { id: string; username: string };
	let khamla: { id: string; username: string };
	let exercises: Exercise[];

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, FIXTURES);
		school = await makeOrganization(db, { name: 'Trường Chính trị (lớp)' });
		const province = await makeOrganization(db, { country: 'LA' });
		const elsewhere = await makeOrganization(db);
		teacher = await actorOf(
			db,
			(await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] })).id
		);
		// An instructor of another school, and a learner of the same school: neither teaches the class.
		stranger = await actorOf(
			db,
			(
				await makeUser(db, {
					roles: [
						{ organizationId: elsewhere.id, role: 'instructor' },
						{ organizationId: school.id, role: 'learner' }
					]
				})
			).id
		);
		// Huaphan cadres: learners of their province, taught by the school.
		bounmy = await makeUser(db, { roles: [{ organizationId: province.id, role: 'learner' }] });
		khamla = await makeUser(db, { roles: [{ organizationId: province.id, role: 'learner' }] });
		const [row] = await db.select().from(lesson).where(eq(lesson.id, VI_LESSON));
		exercises = row.exercises;
	});

	async function newClass(name = 'Lớp Lào khoá 6') {
		const created = await createClass(db, teacher, { organizationId: school.id, name });
		if (!created.ok) throw new Error('class not created');
		return created.id;
	}

	it('creates a class in an organization the instructor teaches for, and lists it', async () => {
		const refused = await createClass(db, teacher, { organizationId: school.id, name: '  ' });
		expect(refused).toEqual({ ok: false, errors: { name: 'class_name_required' } });
		const elsewhere = await createClass(db, stranger, { organizationId: school.id, name: 'X' });
		expect(elsewhere).toEqual({ ok: false, errors: { organizationId: 'organization_invalid' } });

		const id = await newClass('Lao class, intake 6');
		const mine = await classesOf(db, teacher);
		expect(mine.map((c) => [c.name, c.learners, c.courses])).toContainEqual([
			'Lao class, intake 6',
			0,
			0
		]);
		expect((await classesOf(db, stranger)).some((c) => c.id === id)).toBe(false);
	});

	it('refuses every read and change to an instructor of another organization', async () => {
		const id = await newClass();
		const refusals = [
			() => classForInstructor(db, stranger, id),
			() => classProgress(db, stranger, id),
			() => enrolByUsernames(db, stranger, id, [bounmy.username], 'one'),
			() => assignCourse(db, stranger, id, 'vi-for-lo'),
			() => unassignCourse(db, stranger, id, 'vi-for-lo'),
			() => removeLearner(db, stranger, id, bounmy.id),
			() => classForInstructor(db, teacher, 'no-such-class')
		];
		for (const refusal of refusals) await expect(refusal()).rejects.toBeInstanceOf(Forbidden);
		const progress = await classProgress(db, teacher, id);
		expect(progress.learners).toEqual([]);
	});

	it('enrols by username all or nothing, and into the courses assigned before and after', async () => {
		const id = await newClass();
		expect(await assignCourse(db, teacher, id, 'no-such-course')).toEqual({
			ok: false,
			error: 'course_unknown'
		});
		expect(await assignCourse(db, teacher, id, 'vi-for-lo')).toEqual({ ok: true });

		const wrong = await enrolByUsernames(db, teacher, id, [bounmy.username, 'nobody-here'], 'csv');
		expect(wrong).toEqual({ ok: false, unknown: ['nobody-here'] });
		expect((await classProgress(db, teacher, id)).learners).toEqual([]);

		const right = await enrolByUsernames(
			db,
			teacher,
			id,
			[bounmy.username.toUpperCase(), khamla.username],
			'csv'
		);
		expect(right).toEqual({ ok: true, added: 2, already: 0 });
		const again = await enrolByUsernames(db, teacher, id, [bounmy.username], 'one');
		expect(again).toEqual({ ok: true, added: 0, already: 1 });

		await assignCourse(db, teacher, id, 'lo-for-vi');
		const enrolled = await db
			.select({ courseId: enrollment.courseId })
			.from(enrollment)
			.where(eq(enrollment.userId, khamla.id));
		expect(enrolled.map((e) => e.courseId).sort()).toEqual(['lo-for-vi', 'vi-for-lo']);

		await unassignCourse(db, teacher, id, 'lo-for-vi');
		expect((await classProgress(db, teacher, id)).courses.map((c) => c.id)).toEqual(['vi-for-lo']);
		expect(await removeLearner(db, teacher, id, khamla.id)).toBe(true);
		const progress = await classProgress(db, teacher, id);
		expect(progress.learners.map((l) => l.userId)).toEqual([bounmy.id]);
	});

	it("enrols a program's admitted candidates who have an account", async () => {
		const id = await newClass();
		await db.insert(itemBank).values({ id: 'bank-classes', language: 'vi', version: '1' });
		const day = 86_400_000;
		const programRow = {
			organizationId: school.id,
			name: 'Trung cấp lý luận chính trị',
			intake: 'Khoá 6',
			bankId: 'bank-classes',
			minOverallLevel: 1,
			windowOpensAt: new Date(Date.now() - day),
			windowClosesAt: new Date(Date.now() + day),
			timeLimitMinutes: 60,
			maxAttempts: 1,
			retakeCooldownDays: 0,
			resultValidityMonths: 12
		};
		await db.insert(program).values({ id: 'prog-classes', ...programRow });
		await db.insert(program).values({
			id: 'prog-other-school',
			...programRow,
			organizationId: (await makeOrganization(db)).id
		});
		const people = [
			{ id: 'cand-1', userId: bounmy.id, decision: 'admit' },
			{ id: 'cand-2', userId: khamla.id, decision: 'refuse' },
			{ id: 'cand-3', userId: null, decision: 'admit' }
		] as const;
		for (const p of people) {
			await db.insert(candidate).values({
				id: p.id,
				programId: 'prog-classes',
				userId: p.userId,
				fullName: p.id,
				invitationCode: `CODE-${p.id}`
			});
			await db.insert(admissionDecision).values({
				id: `dec-${p.id}`,
				candidateId: p.id,
				decision: p.decision,
				decidedBy: teacher.id,
				decidedAt: new Date()
			});
		}
		expect(await enrolAdmitted(db, teacher, id, 'prog-classes')).toEqual({
			added: 1,
			already: 0,
			withoutAccount: 1
		});
		await expect(enrolAdmitted(db, teacher, id, 'prog-other-school')).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(enrolAdmitted(db, stranger, id, 'prog-classes')).rejects.toBeInstanceOf(Forbidden);
		const progress = await classProgress(db, teacher, id);
		expect(progress.learners.map((l) => l.userId)).toEqual([bounmy.id]);
		expect(progress.programs.map((p) => p.id)).toEqual(['prog-classes']);
	});

	it("lets a new learner register with the class's code: member of the class, its organization and courses", async () => {
		const id = await newClass('Lớp theo mã');
		await assignCourse(db, teacher, id, 'lo-for-vi');
		const { class: cls } = await classProgress(db, teacher, id);
		expect(cls.joinCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		for (const name of ['vanna', 'somphone']) {
			const registered = await registerAccount(db, {
				username: `${name}-${id.slice(0, 6)}`,
				displayName: name,
				password: 'huaphan-2026-pass',
				// Typed in lower case without the dash: normalized as every invitation code.
				invitationCode: cls.joinCode.toLowerCase().replace('-', '')
			});
			expect(registered).toMatchObject({ ok: true, organizationId: school.id, role: 'learner' });
		}
		const progress = await classProgress(db, teacher, id);
		expect(progress.learners).toHaveLength(2);
		const [first] = progress.learners;
		const enrolled = await db
			.select({ courseId: enrollment.courseId })
			.from(enrollment)
			.where(eq(enrollment.userId, first.userId));
		expect(enrolled.map((e) => e.courseId)).toEqual(['lo-for-vi']);
		const wrong = await registerAccount(db, {
			username: `nobody-${id.slice(0, 6)}`,
			displayName: 'x',
			password: 'huaphan-2026-pass',
			invitationCode: 'ZZZZ-ZZZZ'
		});
		expect(wrong.ok).toBe(false);
	});

	describe('progress and rated speaking', () => {
		let classId: string;
		const now = new Date('2026-12-06T05:00:00Z');

		beforeAll(async () => {
			classId = await newClass('Lớp tiến độ');
			await assignCourse(db, teacher, classId, 'vi-for-lo');
			await enrolByUsernames(db, teacher, classId, [bounmy.username, khamla.username], 'one');
		});

		it("shows each learner's progress per skill, lessons done, review streak and last activity", async () => {
			const finishedAt = new Date('2026-12-05T03:00:00Z');
			await submitAttempt(
				db,
				bounmy.id,
				rightAttempt('cls-att-0001', VI_LESSON, exercises, finishedAt),
				finishedAt
			);
			for (const [i, at] of [
				'2026-12-04T02:00:00Z',
				'2026-12-05T02:00:00Z',
				'2026-12-06T01:00:00Z'
			].entries())
				await db.insert(reviewLog).values({
					id: `cls-review-${i}`,
					userId: bounmy.id,
					courseId: 'vi-for-lo',
					vocabularyId: 'v1',
					rating: 3,
					mode: 'recall',
					state: 0,
					due: new Date(at),
					stability: 1,
					difficulty: 5,
					scheduledDays: 0,
					reviewedAt: new Date(at)
				});

			const progress = await classProgress(db, teacher, classId, now);
			const [one, two] = ['bounmy', 'khamla'].map((name) =>
				progress.learners.find((l) => l.userId === (name === 'bounmy' ? bounmy.id : khamla.id))
			);
			expect(one?.lessonsDone).toBe(1);
			expect(one?.lessonsTotal).toBe(1); // the fixture course has one lesson
			expect(one?.reviewStreak).toBe(3);
			expect(one?.lastActivity).toEqual(new Date('2026-12-06T01:00:00Z'));
			const speaking = one?.skills.find((s) => s.skill === 'speaking');
			expect(speaking?.done).toBeGreaterThan(0);
			expect(speaking?.accuracy).toBe(100);
			expect(two).toMatchObject({ lessonsDone: 0, reviewStreak: 0, lastActivity: null });
			const average = progress.averages.find((a) => a.skill === 'speaking');
			expect(average?.accuracy).toBe(100);
			expect(average?.learners).toBe(2);
		});

		it("sends the speaking answer to the class's instructors, who rate it with the rubric; the learner reads it", async () => {
			const [request] = await db
				.select()
				.from(ratingRequest)
				.where(eq(ratingRequest.source, 'lesson'));
			// The school teaching the class rates it, not the learner's own province.
			expect(request.organizationId).toBe(school.id);
			expect((await ratingQueue(db, teacher)).map((q) => q.id)).toContain(request.id);
			await expect(ratingForRater(db, stranger, request.id)).rejects.toBeInstanceOf(Forbidden);

			const view = await ratingForRater(db, teacher, request.id);
			const speak = exercises.find((e) => e.kind === 'speak');
			expect(view.task?.prompt).toBe(speak?.kind === 'speak' ? speak.text : null);
			expect(view.task?.rubric?.criteria).toHaveLength(2);

			const missing = await rate(db, teacher, request.id, { criterionScores: { 0: 3 } });
			expect(missing).toMatchObject({ ok: false, error: 'invalid_scores' });
			expect((await speakingRatingsOf(db, bounmy.id))[0]).toMatchObject({ status: 'pending' });

			const rated = await rate(db, teacher, request.id, {
				criterionScores: { 0: 3, 1: 3 },
				comment: 'Thanh điệu rất tốt!'
			});
			expect(rated).toEqual({ ok: true, level: view.task!.level + 1 });
			const [seen] = await speakingRatingsOf(db, bounmy.id);
			expect(seen).toMatchObject({
				status: 'rated',
				level: view.task!.level + 1,
				comment: 'Thanh điệu rất tốt!',
				text: speak?.kind === 'speak' ? speak.text : ''
			});
			expect(await speakingRatingsOf(db, khamla.id)).toEqual([]);
		});
	});
});
