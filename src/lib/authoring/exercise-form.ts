/**
 * The exercise editor's form, both ways: `exerciseFields` fills a kind's form from an exercise, and
 * `exerciseFromFields` builds the exercise from what was typed. The browser uses it for the live
 * preview (the learner's own player over the exercise being typed) and the server to save, so the two
 * never disagree. Lists are one item a line; in an option list the right option starts with `*`
 * (as in Moodle's GIFT format, which instructors may know). Pure.
 */
import type {
	ChoiceOption,
	Exercise,
	ExerciseKind,
	ExerciseOf,
	Gloss,
	LessonSkill
} from '$lib/course/types';

/** The form's fields, by name; every value is the text typed. */
export type ExerciseFields = Record<string, string>;

/** Which fields each kind's form has (besides `skill` where the kind allows a choice). */
export const KIND_FIELDS: { readonly [K in ExerciseKind]: readonly string[] } = {
	choice: ['prompt', 'promptGloss', 'promptGlossEn', 'options'],
	listen_choose: ['audio', 'options'],
	listen_type: ['audio', 'answers'],
	translate: ['promptGloss', 'promptGlossEn', 'answers'],
	build_sentence: ['promptGloss', 'promptGlossEn', 'tiles', 'answers'],
	match_pairs: ['pairs'],
	fill_gap: ['before', 'after', 'promptGloss', 'promptGlossEn', 'gapOptions', 'answers'],
	reading: ['passage', 'questions'],
	speak: ['text', 'meaning', 'meaningEn', 'audio']
};

/**
 * The picture fields every kind's form has besides its own: the media id of a library picture (empty:
 * none) and its text alternative (required with a picture, in the interface language; English optional).
 */
export const IMAGE_FIELDS = ['image', 'imageAlt', 'imageAltEn'] as const;

/**
 * The fields holding a target-language text a learner hears, which the editor records beside the field
 * (stored as the course's recording of those words: `keepCourseRecording`).
 */
export const RECORDABLE_FIELDS: readonly string[] = ['prompt', 'audio', 'text'];

/** The skills a kind may train; the first is the default. */
export const KIND_SKILLS: { readonly [K in ExerciseKind]: readonly ExerciseOf<K>['skill'][] } = {
	choice: ['reading', 'listening', 'writing', 'speaking'],
	listen_choose: ['listening'],
	listen_type: ['listening'],
	translate: ['writing'],
	build_sentence: ['writing', 'reading'],
	match_pairs: ['reading'],
	fill_gap: ['reading', 'writing'],
	reading: ['reading'],
	speak: ['speaking']
};

const lines = (text: string | undefined) =>
	(text ?? '')
		.split(/\r?\n/)
		.map((l) => l.trim().normalize('NFC'))
		.filter((l) => l.length > 0);

const clean = (text: string | undefined) => (text ?? '').trim().normalize('NFC');

function glossOf(main: string | undefined, en: string | undefined, lang: 'vi' | 'lo'): Gloss {
	const gloss: Gloss = { [lang]: clean(main) };
	if (clean(en)) gloss.en = clean(en);
	return gloss;
}

/** `*right` / `wrong` lines → options and the right one's index (-1 when none is marked). */
function parseOptions(text: string | undefined, previous: ChoiceOption[] = []) {
	let answer = -1;
	const options = lines(text).map((line, i): ChoiceOption => {
		const right = line.startsWith('*');
		if (right && answer < 0) answer = i;
		const optionText = right ? line.slice(1).trim() : line;
		// A picture or its label (seed options) stays with the option while its text is unchanged.
		const before = previous[i];
		return before && (before.text ?? '') === optionText ? { ...before } : { text: optionText };
	});
	return { options, answer };
}

function optionLines(options: ChoiceOption[], answer: number): string {
	return options.map((o, i) => `${i === answer ? '*' : ''}${o.text ?? ''}`).join('\n');
}

/**
 * A reading exercise's questions: blocks separated by a blank line, the question first, then its
 * options (right one with `*`).
 */
function parseQuestions(text: string | undefined, lang: 'vi' | 'lo') {
	return (text ?? '')
		.split(/\r?\n\s*\r?\n/)
		.map((block) => lines(block))
		.filter((block) => block.length > 0)
		.map(([question, ...rest]) => {
			const { options, answer } = parseOptions(rest.join('\n'));
			return { promptGloss: { [lang]: question } as Gloss, options, answer };
		});
}

/** `term = meaning` lines. */
function parsePairs(text: string | undefined, lang: 'vi' | 'lo') {
	return lines(text).map((line) => {
		const at = line.indexOf('=');
		const term = at < 0 ? line : line.slice(0, at).trim();
		const meaning = at < 0 ? '' : line.slice(at + 1).trim();
		return { term, meaning: { [lang]: meaning } as Gloss };
	});
}

/** A field the author left with a shape the builder cannot read (before check.ts runs). */
export type FieldError = { field: string; code: 'no_right_option' };

/**
 * The exercise the form describes. `previous` (the saved exercise) keeps what the form does not show:
 * pictures of options with unchanged text. `lang` is the course's interface language.
 */
export function exerciseFromFields(
	kind: ExerciseKind,
	id: string,
	fields: ExerciseFields,
	lang: 'vi' | 'lo',
	previous?: Exercise
): { exercise: Exercise; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const allowed = KIND_SKILLS[kind] as readonly LessonSkill[];
	const skill = allowed.includes(fields.skill as LessonSkill)
		? (fields.skill as LessonSkill)
		: allowed[0];
	const promptGloss = glossOf(fields.promptGloss, fields.promptGlossEn, lang);
	const previousOptions = previous && 'options' in previous ? (previous.options ?? []) : [];
	const choiceOptions = () => {
		const parsed = parseOptions(fields.options, previousOptions as ChoiceOption[]);
		if (parsed.answer < 0 && parsed.options.length > 0)
			errors.push({ field: 'options', code: 'no_right_option' });
		return parsed;
	};
	const exercise = ((): Exercise => {
		switch (kind) {
			case 'choice': {
				const { options, answer } = choiceOptions();
				const prompt = clean(fields.prompt);
				return {
					kind,
					id,
					skill,
					...(prompt ? { prompt } : {}),
					...(clean(fields.promptGloss) ? { promptGloss } : {}),
					options,
					answer
				};
			}
			case 'listen_choose': {
				const { options, answer } = choiceOptions();
				return { kind, id, skill: 'listening', audio: clean(fields.audio), options, answer };
			}
			case 'listen_type':
				return {
					kind,
					id,
					skill: 'listening',
					audio: clean(fields.audio),
					answers: lines(fields.answers)
				};
			case 'translate':
				return { kind, id, skill: 'writing', promptGloss, answers: lines(fields.answers) };
			case 'build_sentence':
				return {
					kind,
					id,
					skill: skill as 'writing' | 'reading',
					promptGloss,
					tiles: lines(fields.tiles),
					answers: lines(fields.answers)
				};
			case 'match_pairs':
				return { kind, id, skill: 'reading', pairs: parsePairs(fields.pairs, lang) };
			case 'fill_gap': {
				const options = lines(fields.gapOptions);
				return {
					kind,
					id,
					skill: skill as 'reading' | 'writing',
					before: clean(fields.before),
					after: clean(fields.after),
					...(clean(fields.promptGloss) ? { promptGloss } : {}),
					...(options.length ? { options } : {}),
					answers: lines(fields.answers)
				};
			}
			case 'reading':
				return {
					kind,
					id,
					skill: 'reading',
					passage: clean(fields.passage),
					questions: parseQuestions(fields.questions, lang)
				};
			case 'speak': {
				const audio = clean(fields.audio);
				return {
					kind,
					id,
					skill: 'speaking',
					text: clean(fields.text),
					meaning: glossOf(fields.meaning, fields.meaningEn, lang),
					...(audio ? { audio } : {})
				};
			}
		}
	})();
	const media = clean(fields.image);
	if (media) exercise.image = { media, alt: glossOf(fields.imageAlt, fields.imageAltEn, lang) };
	return { exercise, errors };
}

/** The form's fields for an exercise (the inverse of `exerciseFromFields`). */
export function exerciseFields(exercise: Exercise, lang: 'vi' | 'lo'): ExerciseFields {
	const fields: ExerciseFields = { skill: exercise.skill };
	const gloss = (g: Gloss | undefined, name: string) => {
		fields[name] = g?.[lang] ?? '';
		fields[`${name}En`] = g?.en ?? '';
	};
	switch (exercise.kind) {
		case 'choice':
			fields.prompt = exercise.prompt ?? '';
			gloss(exercise.promptGloss, 'promptGloss');
			fields.options = optionLines(exercise.options, exercise.answer);
			break;
		case 'listen_choose':
			fields.audio = exercise.audio;
			fields.options = optionLines(exercise.options, exercise.answer);
			break;
		case 'listen_type':
			fields.audio = exercise.audio;
			fields.answers = exercise.answers.join('\n');
			break;
		case 'translate':
			gloss(exercise.promptGloss, 'promptGloss');
			fields.answers = exercise.answers.join('\n');
			break;
		case 'build_sentence':
			gloss(exercise.promptGloss, 'promptGloss');
			fields.tiles = exercise.tiles.join('\n');
			fields.answers = exercise.answers.join('\n');
			break;
		case 'match_pairs':
			fields.pairs = exercise.pairs.map((p) => `${p.term} = ${p.meaning[lang] ?? ''}`).join('\n');
			break;
		case 'fill_gap':
			fields.before = exercise.before;
			fields.after = exercise.after;
			gloss(exercise.promptGloss, 'promptGloss');
			fields.gapOptions = (exercise.options ?? []).join('\n');
			fields.answers = exercise.answers.join('\n');
			break;
		case 'reading':
			fields.passage = exercise.passage;
			fields.questions = exercise.questions
				.map((q) => `${q.promptGloss[lang] ?? ''}\n${optionLines(q.options, q.answer)}`)
				.join('\n\n');
			break;
		case 'speak':
			fields.text = exercise.text;
			gloss(exercise.meaning, 'meaning');
			fields.audio = exercise.audio ?? '';
			break;
	}
	if (exercise.image) {
		fields.image = exercise.image.media;
		gloss(exercise.image.alt, 'imageAlt');
	}
	return fields;
}

/** A new exercise of a kind, empty, to be filled in the form. */
export function blankExercise(kind: ExerciseKind, id: string, lang: 'vi' | 'lo'): Exercise {
	return exerciseFromFields(kind, id, {}, lang).exercise;
}
