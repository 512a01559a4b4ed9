import { beforeAll, expect, it } from 'vitest';
import { eq, isNotNull } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { courseAudio, lesson, media } from '$lib/server/db/schema';
import { recordingTexts } from '$lib/course/recording-texts';
import { seedCourses } from '$lib/server/learning/seed';
import { courseOutline, nextLessonId } from '$lib/server/learning/courses';
import { lessonsInOrder } from '$lib/server/learning/course-content';
import { fillLessonRecordingTexts } from '$lib/server/learning/publish';
import { textCoverage } from '$lib/server/media/repository';
import { audioTextKey } from '$lib/server/learning/text-key';
import { withTestDatabase } from '../factories/databases';

/**
 * What the server derives once instead of per request, checked against the computation it replaced,
 * on the seed courses: the lesson page's next lesson (one query) and the recording queue's coverage
 * (counted in SQL from the texts stored with each lesson).
 */
withTestDatabase('derived course figures', (database) => {
	let db: DB;
	const COURSES = ['vi-for-lo', 'lo-for-vi'];

	// Both seed courses are written here (a few seconds, more on a busy machine).
	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, 'content/courses');
	}, 180_000);

	it('next lesson: the following one of the course map, into the next unit, none after the last', async () => {
		for (const courseId of COURSES) {
			const units = await courseOutline(db, courseId);
			const order = units.flatMap((u) => u.lessons.map((l) => l.id));
			expect(units.length).toBeGreaterThan(1);
			for (const [i, id] of order.entries())
				expect(await nextLessonId(db, courseId, id)).toBe(order[i + 1] ?? null);
		}
		expect(await nextLessonId(db, 'vi-for-lo', 'lo-for-vi.lfx-u1-l1')).toBeNull();
	});

	/** The coverage as it was computed before: every lesson's texts, read and keyed in JavaScript. */
	async function coverageInJs(courseId: string) {
		const texts = recordingTexts(await lessonsInOrder(db, courseId));
		const have = new Set(
			(
				await db
					.select({ key: courseAudio.textKey })
					.from(courseAudio)
					.where(eq(courseAudio.courseId, courseId))
			).map((r) => r.key)
		);
		const byKind: Record<string, [number, number]> = {};
		for (const t of texts) {
			const k = (byKind[t.kind] ??= [0, 0]);
			k[1]++;
			if (have.has(audioTextKey(t.text))) k[0]++;
		}
		return byKind;
	}

	async function coverageInSql(courseId: string) {
		const byKind: Record<string, [number, number]> = {};
		for (const row of await textCoverage(db, COURSES))
			if (row.courseId === courseId) byKind[row.kind] = [row.recorded, row.total];
		return byKind;
	}

	it('recording coverage: counted in SQL as in JavaScript, with recordings and after a backfill', async () => {
		// Some recordings: every third text of each course.
		for (const courseId of COURSES) {
			const texts = recordingTexts(await lessonsInOrder(db, courseId)).filter(
				(_, i) => i % 3 === 0
			);
			const ids = texts.map(() => crypto.randomUUID());
			await db.insert(media).values(
				ids.map((id) => ({
					id,
					organizationId: null,
					kind: 'audio' as const,
					mimeType: 'audio/ogg',
					byteLength: 1,
					sha256: id
				}))
			);
			await db.insert(courseAudio).values(
				texts.map((t, i) => ({
					courseId,
					textKey: audioTextKey(t.text),
					text: t.text,
					mediaId: ids[i],
					source: 'recorded' as const
				}))
			);
		}
		for (const courseId of COURSES) {
			const expected = await coverageInJs(courseId);
			expect(Object.keys(expected).length).toBeGreaterThan(1);
			expect(Object.values(expected).some(([done]) => done > 0)).toBe(true);
			expect(await coverageInSql(courseId)).toEqual(expected);
		}

		// Lessons stored before the column existed: filled at start-up, then counted the same.
		const before = await coverageInSql('vi-for-lo');
		await db.update(lesson).set({ recordingTexts: null });
		expect(await coverageInSql('vi-for-lo')).toEqual({});
		const lessons = await db.select({ id: lesson.id }).from(lesson);
		expect(await fillLessonRecordingTexts(db)).toBe(lessons.length);
		expect(await fillLessonRecordingTexts(db)).toBe(0);
		expect(
			await db.select({ id: lesson.id }).from(lesson).where(isNotNull(lesson.recordingTexts))
		).toHaveLength(lessons.length);
		expect(await coverageInSql('vi-for-lo')).toEqual(before);
		expect(await textCoverage(db, [])).toEqual([]);
	}, 120_000);
});
