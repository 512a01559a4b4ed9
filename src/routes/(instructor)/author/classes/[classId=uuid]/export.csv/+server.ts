import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { classProgress } from '$lib/server/classes/service';
import { csvResponse, fileSlug } from '$lib/server/csv';
import { m } from '$lib/paraglide/messages';
import { skillLabel } from '$lib/components/screening/labels';
import { LESSON_SKILLS } from '$lib/course/types';

/** The class's progress as a spreadsheet: one row per learner, column headings in the interface language. */
export const GET: RequestHandler = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const progress = await classProgress(db, actor, event.params.classId);
		const header = [
			m.class_csv_name(),
			m.field_username(),
			m.class_col_lessons(),
			m.class_csv_lessons_total(),
			...LESSON_SKILLS.flatMap((skill) => [
				m.class_csv_skill_done({ skill: skillLabel(skill) }),
				m.class_csv_skill_accuracy({ skill: skillLabel(skill) })
			]),
			m.class_col_streak(),
			m.class_col_last_activity()
		];
		const rows = progress.learners.map((l) => [
			l.displayName,
			l.username,
			l.lessonsDone,
			l.lessonsTotal,
			...LESSON_SKILLS.flatMap((skill) => {
				const s = l.skills.find((x) => x.skill === skill);
				return [
					s && s.total > 0 ? Math.round((100 * s.done) / s.total) : null,
					s?.accuracy ?? null
				];
			}),
			l.reviewStreak,
			l.lastActivity?.toISOString() ?? null
		]);
		return csvResponse(`${fileSlug(progress.class.name)}.csv`, [header, ...rows]);
	});
