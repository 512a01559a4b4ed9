import { beforeAll, expect, it } from 'vitest';
import type { DB } from '$lib/server/db/client';
import { seedCourses } from '$lib/server/learning/seed';
import { courseOutline, nextLessonId } from '$lib/server/learning/courses';
import { withTestDatabase } from '../factories/databases';

/** The lesson page's "next lesson" (one query) follows the course map's order across units. */
withTestDatabase('next lesson', (database) => {
	let db: DB;

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, 'content/courses');
	});

	it('is the following lesson of the course map, into the next unit, and none after the last', async () => {
		for (const courseId of ['vi-for-lo', 'lo-for-vi']) {
			const units = await courseOutline(db, courseId);
			const order = units.flatMap((u) => u.lessons.map((l) => l.id));
			expect(units.length).toBeGreaterThan(1);
			for (const [i, id] of order.entries())
				expect(await nextLessonId(db, courseId, id)).toBe(order[i + 1] ?? null);
		}
		expect(await nextLessonId(db, 'vi-for-lo', 'lo-for-vi.lfx-u1-l1')).toBeNull();
	});
});
