import type { DB } from '$lib/server/db/client';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { generateCode } from '$lib/server/auth/codes';
import { registerPersonalCodes } from '$lib/server/accounts/personal-codes';
import { learnerAccountsByUsername, peopleByIds } from '$lib/server/accounts/directory';
import {
	admittedCandidates,
	programOrganization,
	programsOfOrganizations
} from '$lib/server/admissions/admitted';
import { listCourses } from '$lib/server/learning/courses';
import { enrolLearners, progressOfLearners } from '$lib/server/learning/cohorts';
import { registerLessonRaters } from '$lib/server/learning/hooks';
import { classSkillAverages } from '$lib/classes/progress';
import { canTeach, taughtBy, teachingOrganizationIds } from './policy';
import {
	classById,
	classByJoinCode,
	classesWhere,
	courseIdsOf,
	deleteCourse,
	deleteMember,
	insertClass,
	insertCourse,
	insertMembers,
	membersOf,
	teachingOrganizationOf,
	type ClassRow
} from './repository';

/**
 * Classes (cohorts): an organization's instructors create a class, put learners in it (one by one,
 * from a list of usernames, from a screening program's admitted candidates, or by the class's code when registering), assign it courses
 * (every learner is enrolled in them) and follow each learner's progress. Every function checks that
 * the actor teaches for the class's organization (`canTeach`); another organization's class, or an
 * id that does not exist, is Forbidden.
 */

export const CLASS_NAME_MAX = 120;

export type ClassFormErrors = Partial<
	Record<
		'name' | 'organizationId',
		'class_name_required' | 'class_name_too_long' | 'organization_invalid'
	>
>;

export async function createClass(
	db: DB,
	actor: Actor,
	input: { organizationId: string; name: string },
	now = new Date()
): Promise<{ ok: true; id: string } | { ok: false; errors: ClassFormErrors }> {
	const name = input.name.trim().normalize('NFC');
	const errors: ClassFormErrors = {};
	if (!name) errors.name = 'class_name_required';
	else if (name.length > CLASS_NAME_MAX) errors.name = 'class_name_too_long';
	if (!canTeach(actor, { organizationId: input.organizationId }))
		errors.organizationId = 'organization_invalid';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const id = crypto.randomUUID();
	await insertClass(db, {
		id,
		organizationId: input.organizationId,
		name,
		joinCode: generateCode(),
		createdBy: actor.id,
		createdAt: now
	});
	return { ok: true, id };
}

/** The classes of the organizations the actor teaches for, newest first, with their sizes. */
export async function classesOf(db: DB, actor: Actor) {
	if (teachingOrganizationIds(actor).length === 0) return [];
	return classesWhere(db, taughtBy(actor));
}

/** A class the actor teaches, or Forbidden (also for an id that does not exist). */
export async function classForInstructor(db: DB, actor: Actor, id: string): Promise<ClassRow> {
	const row = await classById(db, id);
	if (!row || !canTeach(actor, row)) throw new Forbidden();
	return row;
}

export type EnrolResult =
	{ ok: true; added: number; already: number } | { ok: false; unknown: string[] };

/**
 * Puts learners in the class by username (one typed, or a CSV list) and enrols them in the class's
 * courses, all in one transaction. All or nothing: when any username is not an active learner
 * account, nobody is added and the unknown ones are returned, so the list can be corrected and sent
 * again whole.
 */
export async function enrolByUsernames(
	db: DB,
	actor: Actor,
	classId: string,
	usernames: string[],
	via: 'one' | 'csv',
	now = new Date()
): Promise<EnrolResult> {
	const cls = await classForInstructor(db, actor, classId);
	const wanted = [...new Set(usernames.map((u) => u.trim().toLowerCase()).filter(Boolean))];
	const found = await learnerAccountsByUsername(db, wanted);
	const known = new Set(found.map((f) => f.username.toLowerCase()));
	const unknown = wanted.filter((u) => !known.has(u));
	if (wanted.length === 0 || unknown.length > 0) return { ok: false, unknown };
	const added = await addLearners(
		db,
		actor,
		cls.id,
		found.map((f) => f.id),
		via,
		now
	);
	return { ok: true, added, already: found.length - added };
}

/**
 * Puts a screening program's admitted candidates in the class: the program must be one of the
 * class's organization (else Forbidden). Candidates who never registered with their code have no
 * account yet: they are counted in `withoutAccount` and can be added once they have registered.
 */
export async function enrolAdmitted(
	db: DB,
	actor: Actor,
	classId: string,
	programId: string,
	now = new Date()
): Promise<{ added: number; already: number; withoutAccount: number }> {
	const cls = await classForInstructor(db, actor, classId);
	if ((await programOrganization(db, programId)) !== cls.organizationId) throw new Forbidden();
	const admitted = await admittedCandidates(db, programId);
	const userIds = admitted.flatMap((a) => (a.userId ? [a.userId] : []));
	const added = await addLearners(db, actor, cls.id, userIds, 'program', now);
	return {
		added,
		already: userIds.length - added,
		withoutAccount: admitted.length - userIds.length
	};
}

async function addLearners(
	db: DB,
	actor: Actor,
	classId: string,
	userIds: string[],
	via: 'one' | 'csv' | 'program',
	now: Date
): Promise<number> {
	return db.transaction(async (tx) => {
		const added = await insertMembers(tx, classId, userIds, via, actor.id, now);
		await enrolLearners(tx, added, await courseIdsOf(tx, classId));
		return added.length;
	});
}

/** Takes a learner out of the class; their enrolments and progress stay theirs. */
export async function removeLearner(db: DB, actor: Actor, classId: string, userId: string) {
	const cls = await classForInstructor(db, actor, classId);
	return deleteMember(db, cls.id, userId);
}

/** Assigns a course to the class and enrols every learner of the class in it (one transaction). */
export async function assignCourse(
	db: DB,
	actor: Actor,
	classId: string,
	courseId: string,
	now = new Date()
): Promise<{ ok: true } | { ok: false; error: 'course_unknown' }> {
	const cls = await classForInstructor(db, actor, classId);
	if (!(await listCourses(db)).some((c) => c.id === courseId))
		return { ok: false, error: 'course_unknown' };
	await db.transaction(async (tx) => {
		await insertCourse(tx, cls.id, courseId, now);
		const members = await membersOf(tx, cls.id);
		await enrolLearners(
			tx,
			members.map((m) => m.userId),
			[courseId]
		);
	});
	return { ok: true };
}

/** The class no longer follows the course; learners stay enrolled and keep their progress. */
export async function unassignCourse(db: DB, actor: Actor, classId: string, courseId: string) {
	const cls = await classForInstructor(db, actor, classId);
	await deleteCourse(db, cls.id, courseId);
}

/**
 * The class page: the class, its courses, the courses and programs it can take from, each learner's
 * progress in the class's courses (per skill, lessons done, review streak, last activity) and the
 * per-skill class averages for the chart.
 */
export async function classProgress(db: DB, actor: Actor, classId: string, now = new Date()) {
	const cls = await classForInstructor(db, actor, classId);
	const members = await membersOf(db, cls.id);
	const courseIds = await courseIdsOf(db, cls.id);
	const people = new Map(
		(
			await peopleByIds(
				db,
				members.map((m) => m.userId)
			)
		).map((p) => [p.id, p])
	);
	const progress = await progressOfLearners(
		db,
		members.map((m) => m.userId),
		courseIds,
		now
	);
	const learners = progress
		.map((p) => ({
			...p,
			username: people.get(p.userId)?.username ?? '',
			displayName: people.get(p.userId)?.displayName ?? ''
		}))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
	const courses = await listCourses(db);
	return {
		class: {
			id: cls.id,
			name: cls.name,
			organizationId: cls.organizationId,
			joinCode: cls.joinCode
		},
		courses: courses.filter((c) => courseIds.includes(c.id)),
		availableCourses: courses.filter((c) => !courseIds.includes(c.id)),
		programs: await programsOfOrganizations(db, [cls.organizationId]),
		learners,
		averages: classSkillAverages(learners)
	};
}

/**
 * Registered at start-up (`connectDomains`): lesson speaking answers of a class's learner are rated
 * by the class's organization (learning asks), and a new learner who registers with a class's code
 * joins the class and its courses and becomes a learner of its organization (accounts asks). The
 * code serves any number of learners until the class is deleted, like an organization's code.
 */
export function registerClassHooks(): void {
	registerLessonRaters(teachingOrganizationOf);
	registerPersonalCodes('class', {
		isUnclaimed: async (db, code) => Boolean(await classByJoinCode(db, code)),
		claim: async (tx, code, userId) => {
			const cls = await classByJoinCode(tx, code);
			if (!cls) return undefined;
			await insertMembers(tx, cls.id, [userId], 'code', null, new Date());
			await enrolLearners(tx, [userId], await courseIdsOf(tx, cls.id));
			return { organizationId: cls.organizationId, role: 'learner' };
		}
	});
}
