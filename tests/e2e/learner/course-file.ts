// Helpers for the lesson e2e: read a seed course file, find its lesson with every exercise kind,
// and turn answers into the keystrokes a learner would type (Telex, on-screen Lao keyboard).
import { existsSync } from 'node:fs';
import { readCourseFolder } from '../../../src/lib/course/course-files';
import type { Course, Exercise, ExerciseKind, Gloss, Lesson } from '../../../src/lib/course/types';
import { EXERCISE_KINDS } from '../../../src/lib/course/types';
import { LAO_KEYBOARD } from '../../../src/lib/language/lao-keyboard';

/** The seed course when it exists, else the fixture (kept in step with COURSES_DIR in the config). */
export function readCourse(id: string): Course {
	const seed = `content/courses/${id}`;
	return readCourseFolder(existsSync(seed) ? seed : `tests/fixtures/courses/${id}`);
}

/** The kinds a course can have: Lao has no synthesizer, so listening kinds only with recordings. */
function kindsUsed(course: Course): Set<ExerciseKind> {
	return new Set(
		course.units.flatMap((u) => u.lessons.flatMap((l) => l.exercises.map((e) => e.kind)))
	);
}

/** The first lesson that uses every kind the course uses (the content writers put one in each course). */
export function lessonWithEveryKind(course: Course): Lesson {
	const wanted = [...kindsUsed(course)];
	const lesson = course.units
		.flatMap((u) => u.lessons)
		.find((l) => wanted.every((k) => l.exercises.some((e) => e.kind === k)));
	if (!lesson) throw new Error(`${course.id}: no lesson uses all of ${wanted.join(', ')}`);
	if (course.targetLanguage === 'vi' && wanted.length !== EXERCISE_KINDS.length)
		throw new Error(`${course.id}: not every exercise kind is used`);
	return lesson;
}

export function gloss(g: Gloss | undefined, locale: 'vi' | 'lo' | 'en', course: Course): string {
	if (!g) return '';
	return g[locale] ?? g[course.interfaceLanguage] ?? g.en ?? '';
}

const TONE_KEYS: Record<string, string> = {
	'\u0301': 's',
	'\u0300': 'f',
	'\u0309': 'r',
	'\u0303': 'x',
	'\u0323': 'j'
};

/**
 * Telex keystrokes for Vietnamese text, as a learner types them: vowel marks right after their vowel
 * (aa â, aw ă, ow ơ, uw ư, dd đ), the tone key at the end of the syllable: "Việt" → "Vieejt".
 */
export function toTelex(text: string): string {
	return text
		.normalize('NFC')
		.split(/(\s+)/)
		.map((word) => {
			let out = '';
			let tone = '';
			let trailing = '';
			for (const ch of word) {
				if (ch === 'đ' || ch === 'Đ') {
					out += ch === 'đ' ? 'dd' : 'DD';
					continue;
				}
				const [base, ...marks] = ch.normalize('NFD');
				if (!/\p{L}/u.test(base)) {
					trailing += ch;
					continue;
				}
				out += trailing + base;
				trailing = '';
				for (const mark of marks) {
					if (mark === '\u0302') out += base;
					else if (mark === '\u0306' || mark === '\u031B') out += 'w';
					else if (TONE_KEYS[mark]) tone = TONE_KEYS[mark];
				}
			}
			return out + tone + trailing;
		})
		.join('');
}

/**
 * The on-screen Lao keys to press for `text`: `{ code, shift }` per key, preferring a key that types
 * the longest piece (Shift+Q types ົ້ in one press).
 */
export function laoKeys(text: string): { code: string; shift: boolean }[] {
	const keys = LAO_KEYBOARD.rows.flat();
	const presses: { code: string; shift: boolean }[] = [];
	let rest = text.normalize('NFC');
	while (rest.length > 0) {
		let best: { code: string; shift: boolean; length: number } | null = null;
		for (const key of keys) {
			for (const [shift, typed] of [
				[false, key.base],
				[true, key.shift]
			] as const) {
				if (typed && rest.startsWith(typed) && (!best || typed.length > best.length))
					best = { code: key.code, shift, length: typed.length };
			}
		}
		if (rest.startsWith(' ')) best = { code: 'Space', shift: false, length: 1 };
		if (!best)
			throw new Error(`no Lao key types "${rest[0]}" (U+${rest.codePointAt(0)?.toString(16)})`);
		presses.push({ code: best.code, shift: best.shift });
		rest = rest.slice(best.length);
	}
	return presses;
}

/** The order to place tiles in for the first accepted answer (a search, as Lao tiles may overlap). */
export function tileOrder(
	exercise: Extract<Exercise, { kind: 'build_sentence' }>,
	lao: boolean
): number[] {
	const strip = (s: string) =>
		s
			.normalize('NFC')
			.replace(/[.,!?;:…"'“”‘’()\-–—]/gu, ' ')
			.toLowerCase();
	const target = lao
		? strip(exercise.answers[0]).replace(/\s+/g, '')
		: strip(exercise.answers[0]).replace(/\s+/g, ' ').trim();
	const tiles = exercise.tiles.map((t) => (lao ? strip(t).replace(/\s+/g, '') : strip(t).trim()));
	const used = tiles.map(() => false);
	const order: number[] = [];
	const search = (rest: string): boolean => {
		if (rest === '') return true;
		for (let i = 0; i < tiles.length; i++) {
			if (used[i] || !tiles[i] || !rest.startsWith(tiles[i])) continue;
			const next = rest.slice(tiles[i].length);
			if (!lao && next !== '' && !next.startsWith(' ')) continue;
			used[i] = true;
			order.push(i);
			if (search(lao ? next : next.trimStart())) return true;
			used[i] = false;
			order.pop();
		}
		return false;
	};
	if (!search(target)) throw new Error(`${exercise.id}: tiles cannot build the answer`);
	return order;
}
