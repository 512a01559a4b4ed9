import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import type { Actor } from '$lib/server/auth/actor';
import { editDraft, openDraft } from '$lib/server/authoring/service';
import {
	courseAudioUrls,
	imageLibrary,
	keepCourseRecording,
	libraryPictures,
	mediaUrl,
	uploadToLibrary
} from '$lib/server/media/service';
import { findLesson, newId, saveExercise } from '$lib/authoring/edit';
import {
	exerciseFields,
	exerciseFromFields,
	IMAGE_FIELDS,
	KIND_FIELDS,
	RECORDABLE_FIELDS,
	type ExerciseFields
} from '$lib/authoring/exercise-form';
import { exerciseProblems } from '$lib/authoring/exercise-check';
import { recordingText, recordingTexts } from '$lib/course/recording-texts';
import { EXERCISE_KINDS, type ExerciseKind } from '$lib/course/types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { mediaProblemText } from './media-problems';
import {
	formFields,
	formFiles,
	optionalText,
	parse,
	typedText,
	typedValues
} from '$lib/validation';

const NEW = 'new';

function kindOf(value: string | null): ExerciseKind {
	if (!EXERCISE_KINDS.includes(value as ExerciseKind)) error(404, m.error_not_found());
	return value as ExerciseKind;
}

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const { courseId, lessonId, exerciseId } = event.params;
		const draft = await openDraft(db, actor, courseId);
		const found = findLesson(draft.course, lessonId);
		if (!found) error(404, m.error_not_found());
		const lang = draft.course.interfaceLanguage;
		const existing = found.lesson.exercises.find((e) => e.id === exerciseId);
		if (!existing && exerciseId !== NEW) error(404, m.error_not_found());
		const kind = existing?.kind ?? kindOf(event.url.searchParams.get('kind'));
		const texts = recordingTexts([found.lesson]).map((t) => t.text);
		const pictures = await imageLibrary(db, actor);
		return {
			course: {
				id: draft.course.id,
				title: draft.course.title,
				targetLanguage: draft.course.targetLanguage,
				interfaceLanguage: lang
			},
			lesson: {
				id: found.lesson.id,
				title: found.lesson.title,
				vocabulary: found.lesson.vocabulary
			},
			kind,
			exerciseId: existing?.id ?? NEW,
			fields: existing ? exerciseFields(existing, lang) : ({} as ExerciseFields),
			problems: existing ? exerciseProblems(draft.course, found.lesson.id, existing) : [],
			/** The recordings the lesson's texts have, by their words (the preview plays them). */
			audio: await courseAudioUrls(db, draft.course.id, texts),
			/** The pictures an exercise of this course may show: its organization's library. */
			pictures: pictures
				.filter((p) => p.organizationId === draft.organizationId)
				.map((p) => ({ id: p.id, url: p.url, label: p.label }))
		};
	});

/** Every text field an exercise form may have: the kinds' own and the picture's. */
const TEXT_FIELDS = [...new Set([...Object.values(KIND_FIELDS).flat(), ...IMAGE_FIELDS])];

/**
 * The exercise form (valibot, `$lib/validation`): its text as typed (the exercise's own parser trims
 * and checks it, `exerciseFromFields`), kept to a length no exercise needs; which text a recording is
 * for and how it was made (`source-<field>`). The files are `audio-<field>` and `pictureFile`.
 */
const ExerciseForm = v.object({
	kind: optionalText(40),
	skill: optionalText(40),
	recordFor: optionalText(40),
	...Object.fromEntries(TEXT_FIELDS.map((name) => [name, typedText(20_000)])),
	...Object.fromEntries(RECORDABLE_FIELDS.map((name) => [`source-${name}`, optionalText(20)]))
});

/**
 * The form as typed: every field of the kind and the picture's, so a refused post loses nothing;
 * `invalid`, the schema's translated message by field (empty when the text fits).
 */
async function typedFields(event: RequestEvent) {
	const form = await event.request.formData();
	const parsed = parse(ExerciseForm, formFields(form));
	const typed = parsed.ok ? (parsed.data as Record<string, string>) : parsed.values;
	const kind = kindOf(typeof typed.kind === 'string' ? typed.kind : null);
	const fields: ExerciseFields = typedValues(typed, [
		'skill',
		...KIND_FIELDS[kind],
		...IMAGE_FIELDS
	]);
	return {
		kind,
		fields,
		invalid: parsed.ok ? {} : parsed.errors,
		recordFor: typedValues(typed, ['recordFor']).recordFor,
		source: (field: string) => typed[`source-${field}`],
		files: formFiles(form)
	};
}

/** The course's draft, refused for anyone not authoring it (another organization: 403). */
async function draftOf(actor: Actor, event: RequestEvent) {
	const draft = await openDraft(db, actor, event.params.courseId);
	if (!findLesson(draft.course, event.params.lessonId)) error(404, m.error_not_found());
	return draft;
}

export const actions: Actions = {
	save: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { courseId, lessonId, exerciseId } = event.params;
			const { kind, fields, invalid } = await typedFields(event);
			// Checked as typed first: an incomplete exercise is not saved, and the form keeps it.
			const draft = await draftOf(actor, event);
			if (Object.keys(invalid).length)
				return fail(400, { fields, problems: [], errors: [], invalid });
			const lang = draft.course.interfaceLanguage;
			const saved = findLesson(draft.course, lessonId)?.lesson.exercises.find(
				(e) => e.id === exerciseId
			);
			if (!saved && exerciseId !== NEW) error(404, m.error_not_found());
			const id = saved?.id ?? newId('x');
			const built = exerciseFromFields(kind, id, fields, lang, saved);
			// A picture must be in the course organization's library (not another's, not a sound).
			const image = built.exercise.image?.media;
			const library = image
				? await libraryPictures(db, actor, draft.organizationId, [image])
				: new Set<string>();
			const problems = exerciseProblems(draft.course, lessonId, built.exercise, {
				hasImage: (mediaId) => library.has(mediaId)
			});
			if (problems.length || built.errors.length)
				return fail(400, { fields, problems, errors: built.errors });
			const done = await editDraft(
				db,
				actor,
				courseId,
				{ action: 'course.exercise', details: { lessonId } },
				(doc) => {
					const found = findLesson(doc, lessonId);
					if (!found) return null;
					if (saved) return saveExercise(doc, lessonId, built.exercise);
					found.lesson.exercises.push(built.exercise);
					return true;
				}
			);
			if (!done) error(404, m.error_not_found());
			redirect(303, routes.author.lesson(courseId, lessonId));
		}),

	/**
	 * Keeps a recording (or an uploaded file) of one text of the form — the prompt, the sentence, the
	 * listening text — as typed, without saving the exercise or leaving the form.
	 */
	record: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { kind, fields, invalid, recordFor, source, files } = await typedFields(event);
			const draft = await draftOf(actor, event);
			const field = recordFor;
			const fail400 = (problem: string) => fail(400, { fields, media: { field, problem } });
			if (!RECORDABLE_FIELDS.includes(field) || !KIND_FIELDS[kind].includes(field))
				return fail400(m.media_error_unknown_text());
			if (invalid[field]) return fail400(invalid[field]);
			const text = recordingText(fields[field]);
			if (!text) return fail400(m.author_audio_type_first());
			const file = files.get(`audio-${field}`);
			if (!file) return fail400(m.media_error_empty());
			const outcome = await keepCourseRecording(db, actor, {
				courseId: event.params.courseId,
				text,
				// A course before its first publication is only a draft, which draftOf checked.
				draftOwner: draft.organizationId,
				bytes: new Uint8Array(await file.arrayBuffer()),
				source: source(field) === 'recorded' ? 'recorded' : 'uploaded'
			});
			if (!outcome.ok) return fail400(mediaProblemText(outcome.problem, 'audio'));
			return { fields, audio: { [text]: mediaUrl(outcome.mediaId) }, kept: { field, text } };
		}),

	/** Adds a picture to the organization's library and chooses it for the exercise being typed. */
	picture: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { fields, invalid, files } = await typedFields(event);
			const draft = await draftOf(actor, event);
			if (invalid.imageAlt) return fail(400, { fields, picture: invalid.imageAlt });
			const file = files.get('pictureFile');
			if (!file) return fail(400, { fields, picture: m.author_image_no_file() });
			const outcome = await uploadToLibrary(db, actor, {
				organizationId: draft.organizationId,
				kind: 'image',
				bytes: new Uint8Array(await file.arrayBuffer()),
				label: fields.imageAlt.trim() || file.name
			});
			if (!outcome.ok)
				return fail(400, { fields, picture: mediaProblemText(outcome.problem, 'image') });
			return { fields: { ...fields, image: outcome.mediaId }, pictureAdded: outcome.mediaId };
		})
};
