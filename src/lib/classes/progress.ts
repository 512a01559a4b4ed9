/**
 * A class's progress, pure: what the instructor's class page, its chart and its CSV export compute
 * from each learner's lesson and review history. No database, no SvelteKit.
 */
import type { LessonSkill } from '$lib/course/types';
import type { SkillProgress } from '$lib/course/progress';
import Papa from 'papaparse';

/**
 * Days are counted on the clock of the learners: Vietnam and Laos are both UTC+7 all year (no
 * daylight saving), so a review at 23:30 in Vientiane counts for that day, not the next.
 */
const UTC_OFFSET_MS = 7 * 3_600_000;

/** The calendar day (yyyy-mm-dd) of `date` in UTC+7. */
export function dayKey(date: Date): string {
	return new Date(date.getTime() + UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The review streak: how many consecutive days, up to today, the learner reviewed on. A streak that
 * ended yesterday still counts (today is not over yet); one that ended before is 0.
 */
export function reviewStreak(reviewedAt: Date[], now = new Date()): number {
	const days = new Set(reviewedAt.map(dayKey));
	const day = new Date(now.getTime());
	if (!days.has(dayKey(day))) day.setTime(day.getTime() - 86_400_000);
	let streak = 0;
	while (days.has(dayKey(day))) {
		streak++;
		day.setTime(day.getTime() - 86_400_000);
	}
	return streak;
}

export type SkillAverage = {
	skill: LessonSkill;
	/** Mean share of the skill's exercises done (0–100) over learners whose courses have any. */
	percentDone: number | null;
	/** Mean first-try accuracy (0–100) over learners who answered any. */
	accuracy: number | null;
	/** Learners counted in `percentDone`. */
	learners: number;
};

/** Kept to one decimal: one lesson of a 122-lesson course is 0.8 %, which must not show as 0. */
const mean = (values: number[]) =>
	values.length === 0
		? null
		: Math.round((10 * values.reduce((a, b) => a + b, 0)) / values.length) / 10;

/** Per-skill class averages (the class chart): each learner weighs the same. */
export function classSkillAverages(
	learners: { skills: Pick<SkillProgress, 'skill' | 'done' | 'total' | 'accuracy'>[] }[]
): SkillAverage[] {
	if (learners.length === 0) return [];
	return learners[0].skills.map(({ skill }) => {
		const rows = learners.map((l) => l.skills.find((s) => s.skill === skill));
		const withExercises = rows.filter((r) => r && r.total > 0) as SkillProgress[];
		const answered = rows.filter((r) => r && r.accuracy !== null) as SkillProgress[];
		return {
			skill,
			percentDone: mean(withExercises.map((r) => (100 * r.done) / r.total)),
			accuracy: mean(answered.map((r) => r.accuracy!)),
			learners: withExercises.length
		};
	});
}

const USERNAME_HEADERS = ['username', 'user name', 'tên đăng nhập', 'ຊື່ຜູ້ໃຊ້', 'login'];

/**
 * A list of learners' usernames: CSV with a header naming the username column (vi, lo or en; any
 * other columns are ignored), or no header at all and one username per line. Commas or semicolons.
 * Usernames are compared lower-case, and each is kept once.
 */
export function parseUsernamesCsv(text: string): { usernames: string[]; missingColumn: boolean } {
	// papaparse, as the candidates' CSV: quoted separators, doubled quotes, `,` or `;`.
	const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		delimitersToGuess: [',', ';'],
		skipEmptyLines: 'greedy'
	});
	const lines = data.map((fields) => fields.map((f) => f.trim().normalize('NFC')));
	if (lines.length === 0) return { usernames: [], missingColumn: false };
	const header = lines[0].map((h) => h.toLowerCase());
	let column = header.findIndex((h) => USERNAME_HEADERS.includes(h));
	let rows = lines.slice(1);
	if (column < 0) {
		// A header row has several columns or spaces in a name; a bare list is one username per line.
		if (header.length > 1 || /\s/.test(header[0])) return { usernames: [], missingColumn: true };
		column = 0;
		rows = lines;
	}
	const usernames = rows
		.map((fields) => (fields[column] ?? '').trim().toLowerCase())
		.filter((u) => u !== '');
	return { usernames: [...new Set(usernames)], missingColumn: false };
}
