import type { DB } from '$lib/server/db/client';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import { ICT_OFFSET_MS, ictDay } from '$lib/i18n/dates';
import { peopleByIds } from '$lib/server/accounts/directory';
import {
	createExitProgram,
	ensureExitCandidate,
	exitCandidateOf,
	exitProgramById,
	exitTestBanks,
	updateExitProgram
} from '$lib/server/admissions/exit-programs';
import { graduateNotesOfUsers } from '$lib/server/admissions/admitted';
import { entryLevelsOf, exitResultsOf } from '$lib/server/screening/levels';
import { listCourses } from '$lib/server/learning/courses';
import { bankLanguage } from '$lib/server/placement/banks';
import { classGain } from '$lib/classes/gain';
import { classForInstructor } from './service';
import {
	classById,
	classesWithExitTestOf,
	courseIdsOf,
	isMember,
	membersOf,
	setExitProgram
} from './repository';

/**
 * A class's exit test (post-training evaluation): the instructor opens it for a window, the class's
 * learners take it on the screening's adaptive engine and bank (the same test pages), and the class
 * page sets each learner's entry level beside their exit level, with the class's mean gain per skill
 * and the graduates' follow-ups the officers record. Instructors of the class's organization only
 * (`classForInstructor`); a learner sees and takes only the exit tests of their own classes.
 */

export const RATED_SECTIONS = ['writing', 'speaking'] as const;

export type ExitTestInput = {
	bankId: string;
	ratedSections: ('writing' | 'speaking')[];
	timeLimitMinutes: number;
	/** The last day (yyyy-mm-dd, Indochina Time) learners may start it. */
	closesOn: string;
};

export type ExitTestErrors = Partial<Record<'bankId' | 'closesOn', 'bank_invalid' | 'close_past'>>;

/** The end of a calendar day in Indochina (UTC+7), as an instant. */
export function endOfIctDay(day: string): Date {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1) - ICT_OFFSET_MS);
}

/**
 * Opens the class's exit test until the end of `closesOn` (made on first opening; reopened or
 * extended after). The bank is chosen once: results already taken were measured on it.
 */
export async function openExitTest(
	db: DB,
	actor: Actor,
	classId: string,
	input: ExitTestInput,
	now = new Date()
): Promise<{ ok: true } | { ok: false; errors: ExitTestErrors }> {
	const cls = await classForInstructor(db, actor, classId);
	const existing = cls.exitProgramId ? await exitProgramById(db, cls.exitProgramId) : undefined;
	const errors: ExitTestErrors = {};
	const bankId = existing?.bankId ?? input.bankId;
	if (!(await exitTestBanks(db)).some((b) => b.id === bankId)) errors.bankId = 'bank_invalid';
	if (input.closesOn < ictDay(now)) errors.closesOn = 'close_past';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const settings = {
		ratedSections: input.ratedSections,
		timeLimitMinutes: input.timeLimitMinutes,
		closesAt: endOfIctDay(input.closesOn)
	};
	await db.transaction(async (tx) => {
		let programId = existing?.id;
		if (programId) {
			await updateExitProgram(tx, programId, settings);
		} else {
			programId = await createExitProgram(tx, {
				...settings,
				bankId,
				opensAt: now,
				organizationId: cls.organizationId,
				className: cls.name,
				createdBy: actor.id
			});
			await setExitProgram(tx, cls.id, programId);
		}
		await audit(tx, {
			organizationId: cls.organizationId,
			actorId: actor.id,
			action: 'exit_test_opened',
			subjectType: 'class',
			subjectId: cls.id,
			reason: null,
			details: { class: cls.name, bank: bankId, ...settings },
			before: existing
				? {
						closesAt: existing.windowClosesAt,
						ratedSections: existing.ratedSections,
						timeLimitMinutes: existing.timeLimitMinutes
					}
				: null,
			after: settings,
			at: now
		});
	});
	return { ok: true };
}

/** Closes the window now: nobody starts it any more; attempts already open run to their deadline. */
export async function closeExitTest(db: DB, actor: Actor, classId: string, now = new Date()) {
	const cls = await classForInstructor(db, actor, classId);
	const existing = cls.exitProgramId ? await exitProgramById(db, cls.exitProgramId) : undefined;
	if (!existing || existing.windowClosesAt <= now) return;
	await db.transaction(async (tx) => {
		await updateExitProgram(tx, existing.id, { closesAt: now });
		await audit(tx, {
			organizationId: cls.organizationId,
			actorId: actor.id,
			action: 'exit_test_closed',
			subjectType: 'class',
			subjectId: cls.id,
			reason: null,
			details: { class: cls.name },
			before: { closesAt: existing.windowClosesAt },
			after: { closesAt: now },
			at: now
		});
	});
}

/** The language the class learns: its exit test's bank, else its first course's, else Vietnamese. */
async function classLanguage(db: DB, classId: string, bankId: string | undefined) {
	if (bankId) return bankLanguage(db, bankId);
	const courseIds = await courseIdsOf(db, classId);
	const course = (await listCourses(db)).find((c) => courseIds.includes(c.id));
	return course?.targetLanguage ?? 'vi';
}

/**
 * The class page's evaluation: the exit test's settings and window, each learner's entry levels
 * (and where they came from) and exit levels, the mean gain per skill, and the officers' records
 * of the class's learners as graduates of the organization's programs.
 */
export async function classEvaluation(db: DB, actor: Actor, classId: string, now = new Date()) {
	const cls = await classForInstructor(db, actor, classId);
	const exit = cls.exitProgramId ? await exitProgramById(db, cls.exitProgramId) : undefined;
	const language = await classLanguage(db, cls.id, exit?.bankId);
	const userIds = (await membersOf(db, cls.id)).map((m) => m.userId);
	const people = await peopleByIds(db, userIds);
	const entries = await entryLevelsOf(db, userIds, language);
	const exits = exit ? await exitResultsOf(db, exit.id) : [];
	const graduates = await graduateNotesOfUsers(db, cls.organizationId, userIds);
	const learners = people
		.map((p) => {
			const result = exits.find((e) => e.userId === p.id) ?? null;
			return {
				userId: p.id,
				displayName: p.displayName,
				username: p.username,
				entry: entries.find((e) => e.userId === p.id) ?? null,
				exit: result,
				graduate: graduates.find((g) => g.userId === p.id) ?? null
			};
		})
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
	const measured = (r: (typeof learners)[number]['exit']) =>
		r && r.overallLevel !== null ? r : null;
	return {
		language,
		banks: exit ? [] : await exitTestBanks(db),
		exitTest: exit && {
			bankId: exit.bankId,
			ratedSections: exit.ratedSections,
			timeLimitMinutes: exit.timeLimitMinutes,
			opensAt: exit.windowOpensAt,
			closesAt: exit.windowClosesAt,
			open: exit.windowOpensAt <= now && now < exit.windowClosesAt
		},
		learners,
		gain: classGain(learners.map((l) => ({ entry: l.entry, exit: measured(l.exit) })))
	};
}

/**
 * The exit tests on a learner's home: of each class they are in whose exit test was opened, whether
 * it is open now and their candidacy once they started it (its page shows the result).
 */
export async function exitTestsOfLearner(db: DB, userId: string, now = new Date()) {
	const tests = [];
	for (const cls of await classesWithExitTestOf(db, userId)) {
		const exit = await exitProgramById(db, cls.exitProgramId!);
		if (!exit) continue;
		const candidateId = await exitCandidateOf(db, exit.id, userId);
		const open = exit.windowOpensAt <= now && now < exit.windowClosesAt;
		if (!open && !candidateId) continue;
		tests.push({
			classId: cls.id,
			className: cls.name,
			open,
			closesAt: exit.windowClosesAt,
			candidateId
		});
	}
	return tests;
}

/**
 * A learner of the class starts its exit test: their candidacy is made the first time, and they go
 * to the same test pages as a screening. Refused (Forbidden) to anyone not in the class and when
 * the class has no exit test; a closed window is the test page's to explain.
 */
export async function startExitTest(db: DB, userId: string, classId: string): Promise<string> {
	const cls = await classById(db, classId);
	if (!cls?.exitProgramId || !(await isMember(db, cls.id, userId))) throw new Forbidden();
	const [person] = await peopleByIds(db, [userId]);
	return ensureExitCandidate(db, cls.exitProgramId, {
		userId,
		fullName: person?.displayName ?? ''
	});
}
