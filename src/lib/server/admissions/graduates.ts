import { isCalendarDay } from '$lib/validation';
import type { DB } from '$lib/server/db/client';
import { COMPLETION_OUTCOMES, VIETNAMESE_USE } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/auth/actor';
import { audit } from '$lib/server/audit/log';
import { ictDay } from '$lib/i18n/dates';
import { authorizedCandidate } from './decisions';
import { programForOfficer } from './programs';
import {
	candidatesOf,
	followUpsOf,
	graduateRecordsOf,
	insertFollowUp,
	latestDecision,
	saveGraduateRecord
} from './repository';

/**
 * After the course: each admitted candidate's completion and follow-ups on how the graduate is used
 * (position held, use of Vietnamese at work), so the partner provinces can evaluate the intake.
 * Officers of the program's organization only, like every admissions read and write; every write
 * goes into the audit log.
 */

export type CompletionInput = {
	candidateId: string;
	outcome: string;
	completedOn: string;
	notes: string;
};

export type FollowUpInput = {
	candidateId: string;
	observedOn: string;
	positionHeld: string;
	vietnameseUse: string;
	notes: string;
};

export type GraduateError =
	| 'not_admitted'
	| 'outcome_invalid'
	| 'date_invalid'
	| 'date_in_future'
	| 'position_required'
	| 'use_invalid';

export type GraduateResult =
	{ ok: true } | { ok: false; errors: Partial<Record<string, GraduateError>> };

/**
 * The one check of the days a graduate's record carries (completion, follow-up): a calendar day
 * written yyyy-mm-dd that exists (no 31 February), in a year people type (1900–2200: PostgreSQL has
 * no year 0000 and refused it with a 500), and not after today in Indochina, where the schools are
 * (a record says what has happened: a later day is a typing slip). Empty is `null` when `optional`.
 * The error, if any, goes under `field`.
 */
function recordedDay(
	value: string,
	field: string,
	errors: Partial<Record<string, GraduateError>>,
	now: Date,
	optional = false
): string | null {
	const day = value.trim();
	if (!day && optional) return null;
	if (!isCalendarDay(day)) errors[field] = 'date_invalid';
	else if (day > ictDay(now)) errors[field] = 'date_in_future';
	return day;
}

/** Notes as stored: trimmed, NFC, empty is null. */
const notesOf = (value: string) => value.trim().normalize('NFC') || null;

/** Only a candidate whose latest decision is "admit" took the course. */
async function isAdmitted(db: DB, candidateId: string): Promise<boolean> {
	return (await latestDecision(db, candidateId)) === 'admit';
}

export async function recordCompletion(
	db: DB,
	actor: Actor,
	input: CompletionInput,
	now = new Date()
): Promise<GraduateResult> {
	const { person, program } = await authorizedCandidate(db, actor, input.candidateId);
	if (!(await isAdmitted(db, person.id))) return { ok: false, errors: { form: 'not_admitted' } };
	const errors: Partial<Record<string, GraduateError>> = {};
	if (!(COMPLETION_OUTCOMES as readonly string[]).includes(input.outcome))
		errors.outcome = 'outcome_invalid';
	const completedOn = recordedDay(input.completedOn, 'completedOn', errors, now, true);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const outcome = input.outcome as (typeof COMPLETION_OUTCOMES)[number];
	const notes = notesOf(input.notes);
	const values = {
		outcome,
		completedOn,
		notes,
		recordedBy: actor.id,
		recordedAt: now
	};
	await db.transaction(async (tx) => {
		await saveGraduateRecord(tx, person.id, values);
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'graduate_completion',
			subjectType: 'candidate',
			subjectId: person.id,
			reason: notes,
			details: {
				program: program.name,
				intake: program.intake,
				candidate: person.fullName,
				outcome,
				completedOn
			},
			at: now
		});
	});
	return { ok: true };
}

export async function addFollowUp(
	db: DB,
	actor: Actor,
	input: FollowUpInput,
	now = new Date()
): Promise<GraduateResult> {
	const { person, program } = await authorizedCandidate(db, actor, input.candidateId);
	if (!(await isAdmitted(db, person.id))) return { ok: false, errors: { form: 'not_admitted' } };
	const errors: Partial<Record<string, GraduateError>> = {};
	const observedOn = recordedDay(input.observedOn, 'observedOn', errors, now)!;
	const positionHeld = input.positionHeld.trim().normalize('NFC');
	if (!positionHeld) errors.positionHeld = 'position_required';
	if (!(VIETNAMESE_USE as readonly string[]).includes(input.vietnameseUse))
		errors.vietnameseUse = 'use_invalid';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const vietnameseUse = input.vietnameseUse as (typeof VIETNAMESE_USE)[number];
	const notes = notesOf(input.notes);
	await db.transaction(async (tx) => {
		await insertFollowUp(tx, {
			candidateId: person.id,
			observedOn,
			positionHeld,
			vietnameseUse,
			notes,
			recordedBy: actor.id,
			recordedAt: now
		});
		await audit(tx, {
			organizationId: program.organizationId,
			actorId: actor.id,
			action: 'graduate_follow_up',
			subjectType: 'candidate',
			subjectId: person.id,
			reason: notes,
			details: {
				program: program.name,
				intake: program.intake,
				candidate: person.fullName,
				observedOn,
				positionHeld,
				vietnameseUse
			},
			at: now
		});
	});
	return { ok: true };
}

/** One candidate's completion and follow-ups (oldest first). */
export async function graduateOf(db: DB, actor: Actor, candidateId: string) {
	const { person } = await authorizedCandidate(db, actor, candidateId);
	const [record] = await graduateRecordsOf(db, [person.id]);
	const followUps = await followUpsOf(db, [person.id]);
	return { admitted: await isAdmitted(db, person.id), record: record ?? null, followUps };
}

/** Every candidate of a program with a completion record or a follow-up, for the program's export. */
export async function graduatesOfProgram(db: DB, actor: Actor, programId: string) {
	await programForOfficer(db, actor, programId);
	const people = (await candidatesOf(db, programId)).map((c) => ({
		id: c.id,
		fullName: c.fullName,
		position: c.position,
		sendingOrganization: c.sendingOrganization
	}));
	const ids = people.map((p) => p.id);
	const records = await graduateRecordsOf(db, ids);
	const followUps = await followUpsOf(db, ids);
	return people
		.map((person) => ({
			...person,
			record: records.find((r) => r.candidateId === person.id) ?? null,
			followUps: followUps.filter((f) => f.candidateId === person.id)
		}))
		.filter((g) => g.record !== null || g.followUps.length > 0);
}
