/**
 * Checks a course file (`content/courses/<id>/course.json`) before it is loaded: what would make a
 * lesson unplayable or wrongly graded is a problem; a course smaller than the issue asks for (8 units,
 * 3 lessons per unit, 8 exercises per lesson) is a shortfall. Pure: the seeder, the content spec and the
 * audio script share it.
 */
import { MARKDOWN_MAX_LENGTH } from '$lib/markdown/limits';
import { EXERCISE_KINDS, type Course, type Exercise, type ExerciseKind, type Gloss } from './types';

export const MINIMUM_UNITS = 8;
export const MINIMUM_LESSONS_PER_UNIT = 3;
export const MINIMUM_EXERCISES_PER_LESSON = 8;

export type CourseCounts = {
	units: number;
	lessons: number;
	exercises: number;
	vocabulary: number;
	byKind: Record<ExerciseKind, number>;
	/** Units, lessons and vocabulary entries per unit level (1–6). */
	byLevel: Record<number, { units: number; lessons: number; vocabulary: number }>;
};

export type CourseReport = {
	/** Errors: the course must not be loaded. */
	problems: string[];
	/** Below the minimum sizes (reported, not fatal). */
	shortfalls: string[];
	counts: CourseCounts;
};

export type CheckOptions = {
	/** Whether a recording exists for this target-language text; listening kinds need one. */
	hasAudio?: (text: string) => boolean;
	/** Whether a picture of the media store may be shown in this course (the editor asks the library). */
	hasImage?: (mediaId: string) => boolean;
};

/** A media store id (`/media/<id>`): a UUID, lower case. */
export const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every target-language text an audio recording is made for (listening kinds, speak models, terms). */
export function audioTexts(course: Course): string[] {
	const texts = new Set<string>();
	for (const unit of course.units)
		for (const lesson of unit.lessons) {
			for (const entry of lesson.vocabulary) texts.add(entry.term);
			for (const ex of lesson.exercises) {
				if (ex.kind === 'listen_choose' || ex.kind === 'listen_type') texts.add(ex.audio);
				if (ex.kind === 'speak' && ex.audio) texts.add(ex.audio);
			}
		}
	return [...texts];
}

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/** Punctuation a learner never builds from tiles (the graders ignore it too). */
const TILE_PUNCTUATION = /[.,!?;:…"'“”‘’()«»\-–—]/gu;

function tileKey(text: string, lao: boolean): string {
	const plain = text.normalize('NFC').replace(TILE_PUNCTUATION, ' ').toLowerCase();
	return lao ? plain.replace(/\s+/g, '') : plain.replace(/\s+/g, ' ').trim();
}

/**
 * Whether `answer` is some of `tiles` put together: for Vietnamese, words joined with spaces; for Lao,
 * tiles joined with nothing (a depth-first search, since Lao tiles may be prefixes of each other).
 */
export function canBuildFromTiles(answer: string, tiles: string[], lao: boolean): boolean {
	const keys = tiles.map((t) => tileKey(t, lao)).filter((k) => k.length > 0);
	const target = tileKey(answer, lao);
	if (!target) return false;
	if (!lao) {
		const pool = [...keys];
		for (const word of target.split(' ')) {
			const i = pool.indexOf(word);
			if (i < 0) {
				// A tile may hold a several-syllable word ("Việt Nam"): fall back to the string search.
				return buildsBySearch(
					target.replaceAll(' ', ''),
					keys.map((k) => k.replaceAll(' ', ''))
				);
			}
			pool.splice(i, 1);
		}
		return true;
	}
	return buildsBySearch(target, keys);
}

function buildsBySearch(target: string, keys: string[]): boolean {
	const used = keys.map(() => false);
	const search = (rest: string): boolean => {
		if (rest === '') return true;
		for (let i = 0; i < keys.length; i++) {
			if (used[i] || !rest.startsWith(keys[i])) continue;
			used[i] = true;
			if (search(rest.slice(keys[i].length))) return true;
			used[i] = false;
		}
		return false;
	};
	return search(target);
}

/** Checks a parsed course file; see the module comment. */
export function checkCourse(course: Course, options: CheckOptions = {}): CourseReport {
	const problems: string[] = [];
	const shortfalls: string[] = [];
	const byKind = Object.fromEntries(EXERCISE_KINDS.map((k) => [k, 0])) as Record<
		ExerciseKind,
		number
	>;
	const counts: CourseCounts = {
		units: 0,
		lessons: 0,
		exercises: 0,
		vocabulary: 0,
		byKind,
		byLevel: {}
	};
	const lang = course.interfaceLanguage;
	const lao = course.targetLanguage === 'lo';
	const ids = new Set<string>();
	/** Vocabulary term (NFC, lower case) → the lesson that teaches it: a word is taught once per course. */
	const taughtIn = new Map<string, string>();

	const uniqueId = (id: unknown, where: string) => {
		if (typeof id !== 'string' || !id.trim()) problems.push(`${where}: missing id`);
		else if (ids.has(id)) problems.push(`${where}: duplicate id ${id}`);
		else ids.add(id);
	};
	const gloss = (g: Gloss | undefined, where: string) => {
		if (!g?.[lang]?.trim()) problems.push(`${where}: no ${lang} text`);
	};
	const nonEmpty = (answers: unknown, where: string) => {
		if (!Array.isArray(answers) || answers.length === 0) problems.push(`${where}: no answers`);
		else if (answers.some((a) => typeof a !== 'string' || !a.trim()))
			problems.push(`${where}: an empty answer`);
	};
	const choice = (
		options: { text?: string; picture?: string }[] | undefined,
		answer: number,
		where: string
	) => {
		if (!Array.isArray(options) || options.length < 2) {
			problems.push(`${where}: fewer than 2 options`);
			return;
		}
		if (options.some((o) => !o.text?.trim() && !o.picture?.trim()))
			problems.push(`${where}: an option has neither text nor picture`);
		if (!Number.isInteger(answer) || answer < 0 || answer >= options.length)
			problems.push(`${where}: answer ${answer} is not an option index`);
	};
	const audio = (text: string | undefined, where: string, required: boolean) => {
		if (!text?.trim()) {
			if (required) problems.push(`${where}: no audio text`);
			return;
		}
		if (options.hasAudio && !options.hasAudio(text))
			problems.push(`${where}: no recording for "${text}"`);
	};

	if (!['vi', 'lo'].includes(course.targetLanguage)) problems.push('unknown targetLanguage');
	if (!['vi', 'lo'].includes(lang)) problems.push('unknown interfaceLanguage');
	if (!Number.isInteger(course.version) || course.version < 1) problems.push('version must be ≥ 1');
	for (const s of strings(course))
		if (s !== s.normalize('NFC')) problems.push(`text not in NFC: ${s}`);
	uniqueId(course.id, 'course');
	gloss(course.title, 'course title');
	gloss(course.description, 'course description');

	for (const unit of course.units ?? []) {
		counts.units++;
		const atLevel = (counts.byLevel[unit.level] ??= { units: 0, lessons: 0, vocabulary: 0 });
		atLevel.units++;
		const u = `unit ${unit.id}`;
		uniqueId(unit.id, u);
		gloss(unit.title, `${u} title`);
		if (!Number.isInteger(unit.level) || unit.level < 1 || unit.level > 6)
			problems.push(`${u}: level must be 1–6`);
		(unit.canDo ?? []).forEach((goal, i) => gloss(goal, `${u} can-do ${i + 1}`));
		if ((unit.lessons?.length ?? 0) < MINIMUM_LESSONS_PER_UNIT)
			shortfalls.push(`${u}: ${unit.lessons?.length ?? 0} lessons (< ${MINIMUM_LESSONS_PER_UNIT})`);
		for (const lesson of unit.lessons ?? []) {
			counts.lessons++;
			atLevel.lessons++;
			const l = `lesson ${lesson.id}`;
			uniqueId(lesson.id, l);
			gloss(lesson.title, `${l} title`);
			gloss(lesson.goal, `${l} goal`);
			for (const [language, note] of Object.entries(lesson.notes ?? {}))
				if (typeof note !== 'string') problems.push(`${l} notes: not text`);
				else if (note.length > MARKDOWN_MAX_LENGTH)
					problems.push(`${l} notes: ${language} text longer than ${MARKDOWN_MAX_LENGTH}`);
			for (const entry of lesson.vocabulary ?? []) {
				counts.vocabulary++;
				atLevel.vocabulary++;
				const v = `${l} vocabulary ${entry.id}`;
				uniqueId(entry.id, v);
				if (!entry.term?.trim()) problems.push(`${v}: empty term`);
				else {
					const term = entry.term.normalize('NFC').trim().toLowerCase();
					const first = taughtIn.get(term);
					// Not fatal (the lesson still plays), but the learner would get two review cards for one word.
					if (first && !entry.homograph)
						shortfalls.push(`${v}: "${entry.term}" is already taught in lesson ${first}`);
					else taughtIn.set(term, lesson.id);
				}
				// Lao terms carry the course's romanization (content/courses/lo-for-vi/ROMANIZATION.md).
				if (lao && !entry.romanization?.trim()) problems.push(`${v}: no romanization`);
				gloss(entry.meaning, `${v} meaning`);
			}
			const exercises = lesson.exercises ?? [];
			if (exercises.length < MINIMUM_EXERCISES_PER_LESSON)
				shortfalls.push(`${l}: ${exercises.length} exercises (< ${MINIMUM_EXERCISES_PER_LESSON})`);
			for (const ex of exercises) {
				counts.exercises++;
				checkExercise(ex, `${l} exercise ${ex.id}`);
			}
		}
	}
	if (counts.units < MINIMUM_UNITS) shortfalls.push(`${counts.units} units (< ${MINIMUM_UNITS})`);
	const targets = course.targets;
	if (targets) {
		for (const level of targets.levels)
			if (!counts.byLevel[level]) shortfalls.push(`no unit at level ${level}`);
		if (counts.units < targets.units)
			shortfalls.push(`${counts.units} units (target ${targets.units})`);
		if (counts.vocabulary < targets.vocabulary)
			shortfalls.push(`${counts.vocabulary} vocabulary entries (target ${targets.vocabulary})`);
	}
	for (const kind of EXERCISE_KINDS) {
		// No Lao synthesizer: a Lao course has listening kinds only where someone recorded the audio.
		if (lao && (kind === 'listen_choose' || kind === 'listen_type')) continue;
		if (byKind[kind] === 0) shortfalls.push(`no ${kind} exercise in the course`);
	}
	return { problems, shortfalls, counts };

	function checkExercise(ex: Exercise, where: string) {
		uniqueId(ex.id, where);
		if (!EXERCISE_KINDS.includes(ex.kind)) {
			problems.push(`${where}: unknown kind ${String(ex.kind)}`);
			return;
		}
		byKind[ex.kind]++;
		switch (ex.kind) {
			case 'choice':
				if (!ex.prompt?.trim() && !ex.promptGloss) problems.push(`${where}: no prompt`);
				if (ex.promptGloss) gloss(ex.promptGloss, `${where} prompt`);
				choice(ex.options, ex.answer, where);
				break;
			case 'listen_choose':
				audio(ex.audio, where, true);
				choice(ex.options, ex.answer, where);
				break;
			case 'listen_type':
				audio(ex.audio, where, true);
				nonEmpty(ex.answers, where);
				break;
			case 'translate':
				gloss(ex.promptGloss, `${where} prompt`);
				nonEmpty(ex.answers, where);
				break;
			case 'build_sentence':
				gloss(ex.promptGloss, `${where} prompt`);
				nonEmpty(ex.answers, where);
				for (const answer of ex.answers ?? [])
					if (typeof answer === 'string' && !canBuildFromTiles(answer, ex.tiles ?? [], lao))
						problems.push(`${where}: the tiles cannot build "${answer}"`);
				break;
			case 'match_pairs':
				if (!Array.isArray(ex.pairs) || ex.pairs.length < 2)
					problems.push(`${where}: fewer than 2 pairs`);
				for (const [i, pair] of (ex.pairs ?? []).entries()) {
					if (!pair.term?.trim()) problems.push(`${where} pair ${i}: empty term`);
					gloss(pair.meaning, `${where} pair ${i}`);
				}
				if (new Set((ex.pairs ?? []).map((p) => p.term)).size !== (ex.pairs ?? []).length)
					problems.push(`${where}: a term repeats`);
				break;
			case 'fill_gap':
				nonEmpty(ex.answers, where);
				if (ex.promptGloss) gloss(ex.promptGloss, `${where} prompt`);
				if (ex.options && !ex.options.includes(ex.answers?.[0]))
					problems.push(`${where}: the answer is not among the options`);
				break;
			case 'reading':
				if (!ex.passage?.trim()) problems.push(`${where}: empty passage`);
				if (!Array.isArray(ex.questions) || ex.questions.length === 0)
					problems.push(`${where}: no questions`);
				for (const [i, q] of (ex.questions ?? []).entries()) {
					gloss(q.promptGloss, `${where} question ${i}`);
					choice(q.options, q.answer, `${where} question ${i}`);
				}
				break;
			case 'speak':
				if (!ex.text?.trim()) problems.push(`${where}: empty text`);
				gloss(ex.meaning, `${where} meaning`);
				audio(ex.audio, where, false);
				break;
			default:
				// Every kind has its content checks: a new kind without a case here does not compile.
				ex satisfies never;
		}
		if (ex.image !== undefined) {
			if (typeof ex.image?.media !== 'string' || !MEDIA_ID.test(ex.image.media))
				problems.push(`${where} image: not a picture of the media store`);
			else if (options.hasImage && !options.hasImage(ex.image.media))
				problems.push(`${where} image: no such picture in the library`);
			if (!ex.image?.alt?.[lang]?.trim()) problems.push(`${where} image: no alt text`);
		}
		for (const o of 'options' in ex && Array.isArray(ex.options) ? ex.options : [])
			if (typeof o === 'object' && o.pictureLabel) gloss(o.pictureLabel, `${where} picture label`);
	}
}
