/**
 * Pure progress rules shared by the lesson page (client) and the server: the order exercises are
 * played in, the first-try score of a lesson, per-skill progress, where to continue and where a
 * placement result says to start.
 */
import { LESSON_SKILLS, type Exercise, type LessonSkill } from './types';

export type SkillTally = Partial<Record<LessonSkill, { correct: number; total: number }>>;

/** A wrong exercise comes back at the end of the lesson, at most this many more times. */
export const MAX_RETRIES = 2;

/**
 * The lesson's play queue after an answer: the current exercise leaves the front; a missed one goes
 * to the back while it has retries left. `settled` is true for a right answer and for a skipped
 * speaking exercise (it is put off, not failed). `tries` counts the answers so far per exercise id.
 */
export function nextQueue(
	queue: string[],
	settled: boolean,
	tries: Record<string, number>
): string[] {
	const [current, ...rest] = queue;
	if (current === undefined) return [];
	if (settled || (tries[current] ?? 0) > MAX_RETRIES) return rest;
	return [...rest, current];
}

export type AnswerRecord = {
	exerciseId: string;
	skill: LessonSkill;
	correct: boolean;
	/** A speaking exercise put off: it counts neither for nor against the learner. */
	skipped?: boolean;
	/** Order in which the answers were given. */
	position: number;
};

/** First-try results of a lesson, overall and per skill. */
export type FirstTryScore = { correctFirstTry: number; total: number; skills: SkillTally };

/**
 * First-try results: an exercise counts as right when its first answer was right; a skipped one is left
 * out of the count.
 */
export function firstTryScore(answers: AnswerRecord[]): FirstTryScore {
	const first = new Map<string, AnswerRecord>();
	for (const a of [...answers].sort((x, y) => x.position - y.position))
		if (!first.has(a.exerciseId)) first.set(a.exerciseId, a);
	const counted = [...first.values()].filter((a) => !a.skipped);
	const skills: SkillTally = {};
	let correctFirstTry = 0;
	for (const a of counted) {
		const tally = (skills[a.skill] ??= { correct: 0, total: 0 });
		tally.total++;
		if (a.correct) {
			tally.correct++;
			correctFirstTry++;
		}
	}
	return { correctFirstTry, total: counted.length, skills };
}

/** Adds tallies (e.g. of every attempt of a learner). */
export function addTallies(tallies: SkillTally[]): SkillTally {
	const sum: SkillTally = {};
	for (const t of tallies)
		for (const skill of LESSON_SKILLS) {
			const part = t[skill];
			if (!part) continue;
			const s = (sum[skill] ??= { correct: 0, total: 0 });
			s.correct += part.correct;
			s.total += part.total;
		}
	return sum;
}

/** How many exercises of each skill a lesson has: stored with the lesson when it is published. */
export type SkillCounts = Partial<Record<LessonSkill, number>>;

export function skillCounts(exercises: Pick<Exercise, 'skill'>[]): SkillCounts {
	const counts: SkillCounts = {};
	for (const e of exercises) counts[e.skill] = (counts[e.skill] ?? 0) + 1;
	return counts;
}

export type SkillProgress = {
	skill: LessonSkill;
	/** Exercises of this skill in finished lessons, out of all in the course(s). */
	done: number;
	total: number;
	/** First-try accuracy over every attempt, 0–100, or null before any answer. */
	accuracy: number | null;
};

/** Per-skill progress through the lessons, with accuracy from the learner's attempts. */
export function skillProgress(
	lessons: { id: string; skillCounts: SkillCounts }[],
	finished: Set<string>,
	attempts: SkillTally
): SkillProgress[] {
	return LESSON_SKILLS.map((skill) => {
		let done = 0;
		let total = 0;
		for (const l of lessons) {
			const n = l.skillCounts[skill] ?? 0;
			total += n;
			if (finished.has(l.id)) done += n;
		}
		const t = attempts[skill];
		const accuracy = t && t.total > 0 ? Math.round((100 * t.correct) / t.total) : null;
		return { skill, done, total, accuracy };
	});
}

/**
 * Where a learner placed at `level` starts: the first unit meant for that level or above (a unit's
 * `level` is what the learner should have before it); above every unit, the last one. 0-based.
 */
export function startUnitIndex(units: { level: number }[], level: number): number {
	if (units.length === 0) return 0;
	const index = units.findIndex((u) => u.level >= level);
	return index >= 0 ? index : units.length - 1;
}

/**
 * The lesson to continue with: the first unfinished lesson from the start unit on, else the first
 * unfinished one anywhere, else null (all done).
 */
export function nextLessonId(
	units: { lessons: { id: string }[] }[],
	finished: Set<string>,
	fromUnit = 0
): string | null {
	const ordered = [...units.slice(fromUnit), ...units.slice(0, fromUnit)];
	for (const unit of ordered) for (const l of unit.lessons) if (!finished.has(l.id)) return l.id;
	return null;
}
