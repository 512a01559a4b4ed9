import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import type { Actor } from '$lib/server/auth/actor';
import { Forbidden } from '$lib/server/auth/actor';
import { course, lessonAttempt, reviewCard } from '$lib/server/db/schema';
import {
	addExercise,
	addLesson,
	addUnit,
	addVocabulary,
	deleteLesson,
	saveExercise,
	updateLesson
} from '$lib/authoring/edit';
import { exerciseFromFields } from '$lib/authoring/exercise-form';
import {
	authoredCourses,
	courseHistory,
	createCourse,
	editDraft,
	exportCourse,
	importCourse,
	openDraft,
	publishDraft,
	restoreVersion,
	startEditing
} from '$lib/server/authoring/service';
import { seedCourses } from '$lib/server/learning/seed';
import { giveSeedCourse } from '$lib/server/learning/publish';
import { courseMap, enrol, lessonForLearner } from '$lib/server/learning/courses';
import { submitAttempt } from '$lib/server/learning/attempts';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const instructorOf = (id: string, organizationId: string): Actor => ({
	id,
	isPlatformAdmin: false,
	memberships: [{ organizationId, organizationName: 'x', role: 'instructor', independent: false }]
});

withTestDatabase('authoring', (database) => {
	let db: DB;
	let author: Actor;
	let stranger: Actor;
	let orgId: string;
	let learnerId: string;
	let courseId: string;
	let lessonA: string;
	let lessonB: string;

	beforeAll(async () => {
		db = database.db;
		const org = await makeOrganization(db);
		const other = await makeOrganization(db);
		orgId = org.id;
		const a = await makeUser(db, { roles: [{ organizationId: org.id, role: 'instructor' }] });
		const s = await makeUser(db, { roles: [{ organizationId: other.id, role: 'instructor' }] });
		const l = await makeUser(db, { roles: [{ organizationId: org.id, role: 'learner' }] });
		author = instructorOf(a.id, org.id);
		stranger = instructorOf(s.id, other.id);
		learnerId = l.id;
	});

	/** A lesson of two exercises typed as in the editor's forms. */
	async function writeLesson(unitId: string, title: string) {
		return editDraft(db, author, courseId, { action: 'course.lesson' }, (doc) => {
			const lessonId = addLesson(doc, unitId, { title: { lo: title }, goal: { lo: 'ເປົ້າໝາຍ' } })!;
			const choiceId = addExercise(doc, lessonId, 'choice')!;
			saveExercise(
				doc,
				lessonId,
				exerciseFromFields(
					'choice',
					choiceId,
					{ prompt: 'Xin chào', options: '*ສະບາຍດີ\nຂອບໃຈ' },
					'lo'
				).exercise
			);
			const translateId = addExercise(doc, lessonId, 'translate')!;
			saveExercise(
				doc,
				lessonId,
				exerciseFromFields(
					'translate',
					translateId,
					{ promptGloss: 'ຂອບໃຈ', answers: 'Cảm ơn\nCám ơn' },
					'lo'
				).exercise
			);
			addVocabulary(doc, lessonId, [
				{ term: title === 'A' ? 'xin chào' : 'cảm ơn', meaning: { lo: 'ສະບາຍດີ' } }
			]);
			return lessonId;
		});
	}

	it('creates a course as a draft that learners do not see', async () => {
		const refused = await createCourse(db, author, {
			organizationId: orgId,
			targetLanguage: 'vi',
			interfaceLanguage: 'vi',
			title: '',
			titleEn: '',
			description: 'd',
			levels: 'A1'
		});
		expect(refused).toEqual({
			ok: false,
			errors: { title: 'required', interfaceLanguage: 'invalid' }
		});
		await expect(
			createCourse(db, author, {
				organizationId: 'not-mine',
				targetLanguage: 'vi',
				interfaceLanguage: 'lo',
				title: 't',
				titleEn: '',
				description: 'd',
				levels: 'A1'
			})
		).rejects.toBeInstanceOf(Forbidden);
		const created = await createCourse(db, author, {
			organizationId: orgId,
			targetLanguage: 'vi',
			interfaceLanguage: 'lo',
			title: 'ພາສາຫວຽດ ສຳລັບພະນັກງານ',
			titleEn: 'Vietnamese for staff',
			description: 'ຫຼັກສູດ',
			levels: 'A1'
		});
		if (!created.ok) throw new Error('not created');
		courseId = created.courseId;
		expect(await enrol(db, learnerId, courseId)).toBe(false);
		expect((await authoredCourses(db, author)).map((c) => c.id)).toEqual([courseId]);
		expect(await authoredCourses(db, stranger)).toEqual([]);
	});

	it('refuses publishing while the checker finds problems, and says where', async () => {
		const unitId = await editDraft(db, author, courseId, { action: 'course.unit' }, (doc) =>
			addUnit(doc, { title: { lo: 'ບົດທີ 1' }, level: 1 })
		);
		lessonA = await writeLesson(unitId, 'A');
		const blank = await editDraft(db, author, courseId, { action: 'course.exercise' }, (doc) =>
			addExercise(doc, lessonA, 'speak')
		);
		const refused = await publishDraft(db, author, courseId);
		expect(refused.ok).toBe(false);
		if (!refused.ok)
			expect(refused.problems).toEqual(
				expect.arrayContaining([`lesson ${lessonA} exercise ${blank}: empty text`])
			);
		await editDraft(db, author, courseId, { action: 'course.exercise' }, (doc) =>
			saveExercise(
				doc,
				lessonA,
				exerciseFromFields('speak', blank!, { text: 'Xin chào', meaning: 'ສະບາຍດີ' }, 'lo').exercise
			)
		);
		lessonB = await writeLesson(unitId, 'B');
		expect((await openDraft(db, author, courseId)).problems).toEqual([]);
	});

	it('publishes; a learner plays it; a new version keeps their attempts and cards', async () => {
		const published = await publishDraft(db, author, courseId);
		expect(published).toEqual({ ok: true, version: 1 });
		expect(await enrol(db, learnerId, courseId)).toBe(true);
		const map = await courseMap(db, learnerId, courseId);
		expect(map?.units[0].lessons.map((l) => l.id)).toEqual([
			`${courseId}.${lessonA}`,
			`${courseId}.${lessonB}`
		]);
		const found = await lessonForLearner(db, learnerId, `${courseId}.${lessonB}`);
		const exercises = found!.lesson.exercises;
		await submitAttempt(db, learnerId, {
			id: crypto.randomUUID(),
			lessonId: `${courseId}.${lessonB}`,
			finishedAt: new Date(),
			answers: [
				{ id: crypto.randomUUID(), exerciseId: exercises[0].id, response: { choice: 0 } },
				{ id: crypto.randomUUID(), exerciseId: exercises[1].id, response: { text: 'Cảm ơn' } }
			]
		});
		// Version 2 takes lesson A out: lesson B's attempt and card stay, and A is no longer shown.
		await editDraft(db, author, courseId, { action: 'course.lesson' }, (doc) =>
			deleteLesson(doc, lessonA)
		);
		expect(await publishDraft(db, author, courseId)).toEqual({ ok: true, version: 2 });
		const after = await courseMap(db, learnerId, courseId);
		expect(after?.units[0].lessons).toEqual([
			{ id: `${courseId}.${lessonB}`, title: { lo: 'B' }, done: true }
		]);
		expect(
			await db.select().from(lessonAttempt).where(eq(lessonAttempt.userId, learnerId))
		).toHaveLength(1);
		expect(await db.select().from(reviewCard).where(eq(reviewCard.userId, learnerId))).toHaveLength(
			1
		);
		expect(await lessonForLearner(db, learnerId, `${courseId}.${lessonA}`)).toBeNull();
	});

	it('keeps the history and restores an earlier version into the draft', async () => {
		const history = await courseHistory(db, author, courseId);
		expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
		expect(history.changes.map((c) => c.action)).toContain('course.publish');
		expect(history.changes[0].by).toBe('Test Person');
		expect(await restoreVersion(db, author, courseId, 1)).toBe(true);
		const draft = await openDraft(db, author, courseId);
		expect(draft.course.units[0].lessons.map((l) => l.id)).toEqual([lessonA, lessonB]);
		expect(draft.course.version).toBe(3);
		expect(await publishDraft(db, author, courseId)).toEqual({ ok: true, version: 3 });
		const map = await courseMap(db, learnerId, courseId);
		expect(map?.units[0].lessons.map((l) => l.done)).toEqual([false, true]);
	});

	it('publishes a lesson’s Markdown notes and an exercise’s picture; empty notes are none', async () => {
		const picture = { media: '0b7c4a38-2c1e-4d0e-9f3a-1b2c3d4e5f60', alt: { lo: 'ຮູບ' } };
		await editDraft(db, author, courseId, { action: 'course.lesson' }, (doc) => {
			const lesson = doc.units[0].lessons[1];
			lesson.exercises[0].image = picture;
			return updateLesson(doc, lessonB, {
				title: lesson.title,
				goal: lesson.goal,
				notes: { lo: '**ສຽງ** <script>x()</script>' }
			});
		});
		expect((await publishDraft(db, author, courseId)).ok).toBe(true);
		const found = await lessonForLearner(db, learnerId, `${courseId}.${lessonB}`);
		expect(found!.lesson.notes).toEqual({ lo: '**ສຽງ** <script>x()</script>' });
		expect(found!.lesson.exercises[0].image).toEqual(picture);
		expect((await exportCourse(db, author, courseId)).units[0].lessons[1].notes).toEqual({
			lo: '**ສຽງ** <script>x()</script>'
		});
		await editDraft(db, author, courseId, { action: 'course.lesson' }, (doc) =>
			updateLesson(doc, lessonB, {
				title: doc.units[0].lessons[1].title,
				goal: doc.units[0].lessons[1].goal,
				notes: { lo: '  ' }
			})
		);
		expect((await publishDraft(db, author, courseId)).ok).toBe(true);
		const after = await lessonForLearner(db, learnerId, `${courseId}.${lessonB}`);
		expect(after!.lesson.notes).toBeNull();
	});

	it('refuses an instructor of another organization everything', async () => {
		await expect(openDraft(db, stranger, courseId)).rejects.toBeInstanceOf(Forbidden);
		await expect(
			editDraft(db, stranger, courseId, { action: 'course.exercise' }, () => true)
		).rejects.toBeInstanceOf(Forbidden);
		await expect(publishDraft(db, stranger, courseId)).rejects.toBeInstanceOf(Forbidden);
		await expect(exportCourse(db, stranger, courseId)).rejects.toBeInstanceOf(Forbidden);
		await expect(courseHistory(db, stranger, courseId)).rejects.toBeInstanceOf(Forbidden);
		await expect(restoreVersion(db, stranger, courseId, 1)).rejects.toBeInstanceOf(Forbidden);
		await expect(startEditing(db, stranger, courseId)).rejects.toBeInstanceOf(Forbidden);
		// Importing a file with this course's id into the other organization is refused too.
		const text = JSON.stringify(await exportCourse(db, author, courseId));
		const strangerOrg = stranger.memberships[0].organizationId;
		expect(await importCourse(db, stranger, strangerOrg, text)).toEqual({
			ok: false,
			errors: [{ code: 'id_taken', text: courseId }]
		});
	});

	describe('export and import', () => {
		it('round-trips a course exactly', async () => {
			const exported = JSON.stringify(await exportCourse(db, author, courseId));
			const copy = exported.replaceAll(courseId, 'copy-of-course');
			const imported = await importCourse(db, author, orgId, copy);
			expect(imported).toEqual({ ok: true, courseId: 'copy-of-course' });
			expect(JSON.stringify(await exportCourse(db, author, 'copy-of-course'))).toBe(copy);
			// Importing over the same course replaces its draft with exactly the file.
			expect(await importCourse(db, author, orgId, exported)).toEqual({ ok: true, courseId });
			expect(JSON.stringify(await exportCourse(db, author, courseId))).toBe(exported);
		});

		it('writes nothing when the file has any problem, and lists them all', async () => {
			const broken = structuredClone(await exportCourse(db, author, courseId));
			broken.id = 'broken-course';
			const [first, second] = broken.units[0].lessons[0].exercises;
			if (first.kind === 'choice') first.answer = 7;
			if (second.kind === 'translate') second.answers = [];
			const result = await importCourse(db, author, orgId, JSON.stringify(broken));
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors.length).toBe(2);
			await expect(exportCourse(db, author, 'broken-course')).rejects.toBeInstanceOf(Forbidden);
			expect(await importCourse(db, author, orgId, '{not json')).toEqual({
				ok: false,
				errors: [{ code: 'not_json' }]
			});
			expect((await importCourse(db, author, orgId, '{"id":"x"}')).ok).toBe(false);
		});
	});

	it('imports a seed course once; after an instructor edits it the file no longer changes it', async () => {
		await seedCourses(db, 'tests/fixtures/courses');
		await giveSeedCourse(db, 'vi-for-lo', orgId);
		await expect(startEditing(db, stranger, 'vi-for-lo')).rejects.toBeInstanceOf(Forbidden);
		await startEditing(db, author, 'vi-for-lo');
		const [row] = await db.select().from(course).where(eq(course.id, 'vi-for-lo'));
		expect(row.origin).toBe('authored');
		await db.update(course).set({ contentHash: 'changed' }).where(eq(course.id, 'vi-for-lo'));
		const again = await seedCourses(db, 'tests/fixtures/courses');
		expect(again.find((c) => c.courseId === 'vi-for-lo')?.updated).toBe(false);
		const draft = await openDraft(db, author, 'vi-for-lo');
		expect(draft.course.version).toBe(row.version + 1);
		expect(draft.course.units.length).toBeGreaterThan(0);
	});
});
