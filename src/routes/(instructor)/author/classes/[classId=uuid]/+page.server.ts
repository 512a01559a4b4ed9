import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Actor } from '$lib/server/auth/actor';
import { actAs } from '$lib/server/auth/act-as';
import {
	assignCourse,
	classForInstructor,
	classProgress,
	enrolAdmitted,
	enrolByUsernames,
	removeLearner,
	unassignCourse
} from '$lib/server/classes/service';
import {
	classEvaluation,
	closeExitTest,
	openExitTest,
	RATED_SECTIONS
} from '$lib/server/classes/exit-tests';
import { parseUsernamesCsv } from '$lib/classes/progress';
import {
	day,
	formFields,
	formFiles,
	optionalText,
	parse,
	someOf,
	typedValues,
	wholeNumber
} from '$lib/validation';

/** A list of usernames bigger than this is not a class (about 50,000 names). */
const MAX_CSV_BYTES = 1_000_000;

// Another organization's class, or no such class, is refused by the service: a translated 403.
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const progress = await classProgress(db, actor, event.params.classId);
		const evaluation = await classEvaluation(db, actor, event.params.classId);
		return {
			evaluation: {
				language: evaluation.language,
				banks: evaluation.banks,
				exitTest: evaluation.exitTest ?? null,
				gain: evaluation.gain,
				learners: evaluation.learners.map((l) => ({
					userId: l.userId,
					displayName: l.displayName,
					username: l.username,
					entry: l.entry && {
						source: l.entry.source,
						programName: l.entry.programName,
						overallLevel: l.entry.overallLevel,
						skillLevels: l.entry.skillLevels
					},
					exit: l.exit && {
						status: l.exit.status,
						overallLevel: l.exit.overallLevel,
						skillLevels: l.exit.skillLevels
					},
					graduate: l.graduate && { record: l.graduate.record, followUps: l.graduate.followUps }
				}))
			},
			class: {
				id: progress.class.id,
				name: progress.class.name,
				joinCode: progress.class.joinCode
			},
			courses: progress.courses.map(pickCourse),
			availableCourses: progress.availableCourses.map(pickCourse),
			programs: progress.programs.map((p) => ({ id: p.id, name: p.name, intake: p.intake })),
			learners: progress.learners.map((l) => ({
				userId: l.userId,
				displayName: l.displayName,
				username: l.username,
				lessonsDone: l.lessonsDone,
				lessonsTotal: l.lessonsTotal,
				skills: l.skills,
				reviewStreak: l.reviewStreak,
				lastActivity: l.lastActivity
			})),
			averages: progress.averages
		};
	});

function pickCourse(c: {
	id: string;
	title: Record<string, string | undefined>;
	interfaceLanguage: 'vi' | 'lo';
}) {
	return { id: c.id, title: c.title, interfaceLanguage: c.interfaceLanguage };
}

type Submitted = {
	actor: Actor;
	classId: string;
	fields: Record<string, string | string[]>;
	files: Map<string, File>;
};

const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'instructor', async (actor) => {
		const { classId } = event.params;
		// Before reading anything the instructor sent: is this class theirs?
		await classForInstructor(db, actor, classId);
		const form = await event.request.formData();
		return run({
			actor,
			classId,
			fields: formFields(form, ['ratedSections']),
			files: formFiles(form)
		});
	});

/** A hidden field the page always sends, malformed: not a form a person can correct. */
function hidden<S extends v.GenericSchema>(schema: S, fields: Submitted['fields']) {
	const parsed = parse(schema, fields);
	if (!parsed.ok) error(400, m.error_unexpected());
	return parsed.data as v.InferOutput<S>;
}

/** The page's other forms (valibot, `$lib/validation`); which names and courses exist, the service checks. */
const schemas = {
	enrolOne: v.object({ username: optionalText(200) }),
	/** A pasted list; an uploaded file (`file`) is read beside it. */
	enrolCsv: v.object({
		csv: v.pipe(
			v.optional(v.string(), ''),
			v.maxLength(MAX_CSV_BYTES, () => m.validation_too_long({ max: MAX_CSV_BYTES }))
		)
	}),
	program: v.object({ programId: optionalText(100) }),
	course: v.object({ courseId: optionalText(100) }),
	learner: v.object({ userId: optionalText(100) })
};

/** The exit test's settings: the service checks the bank and that the last day is not past. */
const ExitTestForm = v.object({
	bankId: optionalText(64),
	ratedSections: someOf(RATED_SECTIONS),
	timeLimitMinutes: wholeNumber(10, 180),
	closesOn: day()
});

export const actions: Actions = {
	enrolOne: (event) =>
		act(event, async ({ actor, classId, fields }) => {
			const parsed = parse(schemas.enrolOne, fields);
			if (!parsed.ok)
				return fail(400, {
					action: 'enrolOne' as const,
					values: typedValues(parsed.values, ['username']),
					error: parsed.errors.username
				});
			const values = parsed.data;
			if (!values.username)
				return fail(400, { action: 'enrolOne' as const, values, error: 'username_required' });
			const result = await enrolByUsernames(db, actor, classId, [values.username], 'one');
			if (!result.ok)
				return fail(400, { action: 'enrolOne' as const, values, unknown: result.unknown });
			return { action: 'enrolOne' as const, added: result.added, already: result.already };
		}),
	enrolCsv: (event) =>
		act(event, async ({ actor, classId, fields, files }) => {
			const typed = parse(schemas.enrolCsv, fields);
			const tooLong = m.validation_too_long({ max: MAX_CSV_BYTES });
			if (!typed.ok)
				return fail(400, { action: 'enrolCsv' as const, values: { csv: '' }, error: tooLong });
			const pasted = typed.data.csv;
			const file = files.get('file');
			const values = { csv: pasted };
			if (file && file.size > MAX_CSV_BYTES)
				return fail(400, { action: 'enrolCsv' as const, values, error: tooLong });
			const parsed = parseUsernamesCsv(file ? await file.text() : pasted);
			if (parsed.missingColumn)
				return fail(400, { action: 'enrolCsv' as const, values, error: 'csv_no_column' });
			if (parsed.usernames.length === 0)
				return fail(400, { action: 'enrolCsv' as const, values, error: 'csv_empty' });
			const result = await enrolByUsernames(db, actor, classId, parsed.usernames, 'csv');
			if (!result.ok)
				return fail(400, { action: 'enrolCsv' as const, values, unknown: result.unknown });
			return { action: 'enrolCsv' as const, added: result.added, already: result.already };
		}),
	enrolProgram: (event) =>
		act(event, async ({ actor, classId, fields }) => {
			const { programId } = hidden(schemas.program, fields);
			const result = await enrolAdmitted(db, actor, classId, programId);
			return { action: 'enrolProgram' as const, ...result };
		}),
	assign: (event) =>
		act(event, async ({ actor, classId, fields }) => {
			const { courseId } = hidden(schemas.course, fields);
			const result = await assignCourse(db, actor, classId, courseId);
			if (!result.ok) return fail(400, { action: 'assign' as const, error: result.error });
			return { action: 'assign' as const };
		}),
	unassign: (event) =>
		act(event, async ({ actor, classId, fields }) => {
			const { courseId } = hidden(schemas.course, fields);
			await unassignCourse(db, actor, classId, courseId);
			return { action: 'unassign' as const };
		}),
	openExit: (event) =>
		act(event, async ({ actor, classId, fields }) => {
			const parsed = parse(ExitTestForm, fields);
			if (!parsed.ok)
				return fail(400, {
					action: 'openExit' as const,
					exitValues: parsed.values,
					exitErrors: parsed.errors
				});
			const result = await openExitTest(db, actor, classId, parsed.data);
			if (!result.ok)
				return fail(400, {
					action: 'openExit' as const,
					exitValues: fields,
					exitErrors: exitErrors(result.errors)
				});
			return { action: 'openExit' as const, opened: true };
		}),
	closeExit: (event) =>
		act(event, async ({ actor, classId }) => {
			await closeExitTest(db, actor, classId);
			return { action: 'closeExit' as const, closed: true };
		}),
	remove: (event) =>
		act(event, async ({ actor, classId, fields }) => {
			const { userId } = hidden(schemas.learner, fields);
			await removeLearner(db, actor, classId, userId);
			return { action: 'remove' as const, removed: true };
		})
};

/** The service's error codes as the field messages the form shows. */
function exitErrors(errors: Partial<Record<string, 'bank_invalid' | 'close_past'>>) {
	const messages: Record<string, string> = {};
	for (const [field, code] of Object.entries(errors))
		if (code)
			messages[field] = code === 'bank_invalid' ? m.exit_error_bank() : m.exit_error_close_past();
	return messages;
}
