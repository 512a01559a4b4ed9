import { fail } from '@sveltejs/kit';
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
import { day, formFields, optionalText, parse, someOf, wholeNumber } from '$lib/validation';

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

type Submitted = { actor: Actor; classId: string; form: FormData };

const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'instructor', async (actor) => {
		const { classId } = event.params;
		// Before reading anything the instructor sent: is this class theirs?
		await classForInstructor(db, actor, classId);
		return run({ actor, classId, form: await event.request.formData() });
	});

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The exit test's settings: the service checks the bank and that the last day is not past. */
const ExitTestForm = v.object({
	bankId: optionalText(64),
	ratedSections: someOf(RATED_SECTIONS),
	timeLimitMinutes: wholeNumber(10, 180),
	closesOn: day()
});

export const actions: Actions = {
	enrolOne: (event) =>
		act(event, async ({ actor, classId, form }) => {
			const values = { username: text(form, 'username') };
			if (!values.username)
				return fail(400, { action: 'enrolOne' as const, values, error: 'username_required' });
			const result = await enrolByUsernames(db, actor, classId, [values.username], 'one');
			if (!result.ok)
				return fail(400, { action: 'enrolOne' as const, values, unknown: result.unknown });
			return { action: 'enrolOne' as const, added: result.added, already: result.already };
		}),
	enrolCsv: (event) =>
		act(event, async ({ actor, classId, form }) => {
			const pasted = String(form.get('csv') ?? '');
			const file = form.get('file');
			const values = { csv: pasted };
			const fromFile = file instanceof File && file.size > 0;
			if ((fromFile && file.size > MAX_CSV_BYTES) || pasted.length > MAX_CSV_BYTES)
				return fail(400, { action: 'enrolCsv' as const, values, error: 'csv_empty' });
			const parsed = parseUsernamesCsv(fromFile ? await file.text() : pasted);
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
		act(event, async ({ actor, classId, form }) => {
			const result = await enrolAdmitted(db, actor, classId, text(form, 'programId'));
			return { action: 'enrolProgram' as const, ...result };
		}),
	assign: (event) =>
		act(event, async ({ actor, classId, form }) => {
			const result = await assignCourse(db, actor, classId, text(form, 'courseId'));
			if (!result.ok) return fail(400, { action: 'assign' as const, error: result.error });
			return { action: 'assign' as const };
		}),
	unassign: (event) =>
		act(event, async ({ actor, classId, form }) => {
			await unassignCourse(db, actor, classId, text(form, 'courseId'));
			return { action: 'unassign' as const };
		}),
	openExit: (event) =>
		act(event, async ({ actor, classId, form }) => {
			const parsed = parse(ExitTestForm, formFields(form, ['ratedSections']));
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
					exitValues: formFields(form, ['ratedSections']),
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
		act(event, async ({ actor, classId, form }) => {
			await removeLearner(db, actor, classId, text(form, 'userId'));
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
