import { m } from '$lib/paraglide/messages';
import type { Exercise, ExerciseKind, LessonSkill } from '$lib/course/types';
import type { LocatedProblem, ProblemCode } from '$lib/authoring/problems';

export function languageName(lang: 'vi' | 'lo'): string {
	return lang === 'vi' ? m.author_language_vi() : m.author_language_lo();
}

const KIND_NAMES: Record<ExerciseKind, () => string> = {
	choice: m.author_kind_choice,
	listen_choose: m.author_kind_listen_choose,
	listen_type: m.author_kind_listen_type,
	translate: m.author_kind_translate,
	build_sentence: m.author_kind_build_sentence,
	match_pairs: m.author_kind_match_pairs,
	fill_gap: m.author_kind_fill_gap,
	reading: m.author_kind_reading,
	speak: m.author_kind_speak
};

export const kindName = (kind: ExerciseKind) => KIND_NAMES[kind]();

const SKILL_NAMES: Record<LessonSkill, () => string> = {
	listening: m.skill_listening,
	speaking: m.skill_speaking,
	reading: m.skill_reading,
	writing: m.skill_writing
};

export const skillName = (skill: LessonSkill) => SKILL_NAMES[skill]();

const PROBLEMS: Record<ProblemCode, () => string> = {
	no_text: m.author_problem_no_text,
	no_answers: m.author_problem_no_answers,
	empty_answer: m.author_problem_empty_answer,
	few_options: m.author_problem_few_options,
	empty_option: m.author_problem_empty_option,
	answer_not_option: m.author_problem_no_right_option,
	no_audio: m.author_problem_no_audio,
	no_recording: m.author_problem_no_recording,
	tiles_cannot_build: m.author_problem_tiles,
	few_pairs: m.author_problem_few_pairs,
	empty_term: m.author_problem_empty_term,
	term_repeats: m.author_problem_term_repeats,
	answer_not_in_options: m.author_problem_answer_not_in_options,
	empty_passage: m.author_problem_empty_passage,
	no_questions: m.author_problem_no_questions,
	empty_text: m.author_problem_empty_text,
	no_prompt: m.author_problem_no_prompt,
	duplicate_id: m.author_problem_duplicate_id,
	bad_level: m.author_problem_level,
	no_romanization: m.author_problem_no_romanization,
	too_long: m.author_problem_too_long,
	no_alt: m.author_problem_no_alt,
	bad_image: m.author_problem_bad_image,
	other: m.author_problem_other
};

/** A checker problem in the interface language, with the checker's own words when it has no code. */
export function problemText(problem: Pick<LocatedProblem, 'code' | 'text'>): string {
	const text = PROBLEMS[problem.code]();
	return problem.code === 'other' ? `${text} (${problem.text})` : text;
}

export function importErrorText(error: { code: string; text?: string }): string {
	switch (error.code) {
		case 'not_json':
			return m.author_import_not_json();
		case 'bad_id':
			return m.author_import_bad_id({ id: error.text ?? '' });
		case 'id_taken':
			return m.author_import_id_taken({ id: error.text ?? '' });
		default:
			return error.text ?? '';
	}
}

const CHANGES: Record<string, () => string> = {
	'course.create': m.author_change_create,
	'course.start_editing': m.author_change_start_editing,
	'course.publish': m.author_change_publish,
	'course.restore': m.author_change_restore,
	'course.import': m.author_change_import,
	'course.head': m.author_change_head,
	'course.unit': m.author_change_unit,
	'course.lesson': m.author_change_lesson,
	'course.exercise': m.author_change_exercise,
	'course.vocabulary': m.author_change_vocabulary
};

/** What a history entry did, e.g. "Published version 3". */
export function changeText(action: string, details: Record<string, unknown>): string {
	const text = CHANGES[action]?.() ?? action;
	return details.version
		? `${text} (${m.author_version({ version: Number(details.version) })})`
		: text;
}

/** One line saying what an exercise asks, for the lesson's list. */
export function exerciseSummary(exercise: Exercise, lang: 'vi' | 'lo'): string {
	const e = exercise;
	const text =
		e.kind === 'choice'
			? (e.prompt ?? e.promptGloss?.[lang])
			: e.kind === 'listen_choose' || e.kind === 'listen_type'
				? e.audio
				: e.kind === 'translate' || e.kind === 'build_sentence'
					? e.promptGloss[lang]
					: e.kind === 'match_pairs'
						? e.pairs.map((p) => p.term).join(', ')
						: e.kind === 'fill_gap'
							? `${e.before} ___ ${e.after}`
							: e.kind === 'reading'
								? e.passage
								: e.text;
	const line = (text ?? '').replace(/\s+/g, ' ').trim();
	return line.length > 70 ? `${line.slice(0, 69)}…` : line || '—';
}
