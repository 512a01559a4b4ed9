/**
 * Puts the problems `$lib/course/check.ts` finds (English sentences such as
 * `lesson l-1 exercise x-2: no answers`) next to the field they concern: which unit, lesson,
 * vocabulary entry or exercise, which form field, and a code the page translates. The checker stays
 * the one set of rules for seed files, imports and the editor; this only reads its sentences. Pure.
 */

export type ProblemCode =
	| 'no_text'
	| 'no_answers'
	| 'empty_answer'
	| 'few_options'
	| 'empty_option'
	| 'answer_not_option'
	| 'no_audio'
	| 'no_recording'
	| 'tiles_cannot_build'
	| 'few_pairs'
	| 'empty_term'
	| 'term_repeats'
	| 'answer_not_in_options'
	| 'empty_passage'
	| 'no_questions'
	| 'empty_text'
	| 'no_prompt'
	| 'duplicate_id'
	| 'bad_level'
	| 'no_romanization'
	| 'too_long'
	| 'no_alt'
	| 'bad_image'
	| 'other';

export type LocatedProblem = {
	unitId?: string;
	lessonId?: string;
	exerciseId?: string;
	vocabularyId?: string;
	/** The form field: `title`, `goal`, `meaning`, `options`, `answers`, … ('' for the item as a whole). */
	field: string;
	code: ProblemCode;
	/** The checker's own sentence, for anything the code does not say. */
	text: string;
};

const CODES: [RegExp, ProblemCode][] = [
	[/^no (vi|lo|en) text$/, 'no_text'],
	[/^no answers$/, 'no_answers'],
	[/^an empty answer$/, 'empty_answer'],
	[/^fewer than 2 options$/, 'few_options'],
	[/^an option has neither text nor picture$/, 'empty_option'],
	[/^answer .* is not an option index$/, 'answer_not_option'],
	[/^no audio text$/, 'no_audio'],
	[/^no recording for /, 'no_recording'],
	[/^the tiles cannot build /, 'tiles_cannot_build'],
	[/^fewer than 2 pairs$/, 'few_pairs'],
	[/^empty term$/, 'empty_term'],
	[/^a term repeats$/, 'term_repeats'],
	[/^the answer is not among the options$/, 'answer_not_in_options'],
	[/^empty passage$/, 'empty_passage'],
	[/^no questions$/, 'no_questions'],
	[/^empty text$/, 'empty_text'],
	[/^no prompt$/, 'no_prompt'],
	[/^duplicate id /, 'duplicate_id'],
	[/^level must be 1–6$/, 'bad_level'],
	[/^no romanization$/, 'no_romanization'],
	[/ longer than \d+$/, 'too_long'],
	[/^no alt text$/, 'no_alt'],
	[/^(not a picture of the media store|no such picture in the library)$/, 'bad_image']
];

/** Which form field of an exercise a problem belongs to, from the part after its id and the code. */
function exerciseField(rest: string, code: ProblemCode): string {
	if (/^prompt/.test(rest)) return 'promptGloss';
	if (/^meaning/.test(rest)) return 'meaning';
	if (/^question/.test(rest)) return 'questions';
	if (/^pair/.test(rest)) return 'pairs';
	if (/^picture label/.test(rest)) return 'options';
	if (/^image/.test(rest)) return code === 'no_alt' ? 'imageAlt' : 'image';
	switch (code) {
		case 'no_answers':
		case 'empty_answer':
		case 'tiles_cannot_build':
			return 'answers';
		case 'few_options':
		case 'empty_option':
		case 'answer_not_option':
			return 'options';
		case 'answer_not_in_options':
			return 'gapOptions';
		case 'no_audio':
		case 'no_recording':
			return 'audio';
		case 'few_pairs':
		case 'term_repeats':
			return 'pairs';
		case 'empty_passage':
			return 'passage';
		case 'no_questions':
			return 'questions';
		case 'empty_text':
			return 'text';
		case 'no_prompt':
			return 'prompt';
		default:
			return '';
	}
}

export function locateProblem(problem: string): LocatedProblem {
	const colon = problem.lastIndexOf(': ');
	const where = colon < 0 ? '' : problem.slice(0, colon);
	const message = colon < 0 ? problem : problem.slice(colon + 2);
	const code = CODES.find(([re]) => re.test(message))?.[1] ?? 'other';
	const located: LocatedProblem = { field: '', code, text: problem };
	let match: RegExpMatchArray | null;
	if ((match = where.match(/^lesson (\S+) exercise (\S+) ?(.*)$/))) {
		located.lessonId = match[1];
		located.exerciseId = match[2];
		located.field = exerciseField(match[3], code);
	} else if ((match = where.match(/^lesson (\S+) vocabulary (\S+) ?(.*)$/))) {
		located.lessonId = match[1];
		located.vocabularyId = match[2];
		located.field = match[3] === 'meaning' ? 'meaning' : code === 'empty_term' ? 'term' : '';
		if (code === 'no_romanization') located.field = 'romanization';
	} else if ((match = where.match(/^lesson (\S+) ?(.*)$/))) {
		located.lessonId = match[1];
		located.field = match[2];
	} else if ((match = where.match(/^unit (\S+) ?(.*)$/))) {
		located.unitId = match[1];
		located.field =
			code === 'bad_level' ? 'level' : match[2].startsWith('can-do') ? 'canDo' : match[2];
	} else if ((match = where.match(/^course ?(.*)$/))) {
		located.field = match[1];
	}
	return located;
}

export function locateProblems(problems: string[]): LocatedProblem[] {
	return problems.map(locateProblem);
}
