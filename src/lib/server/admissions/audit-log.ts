import type { DB } from '$lib/server/db/client';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { auditEntriesOf, auditKindsOf, type AuditFilter } from '$lib/server/audit/log';
import type { AuditAction, AuditSubject } from '$lib/audit/actions';
import { canManageOrganization } from '$lib/server/admin/policy';
import { auditOrganizationIds, canReadAuditLog } from './policy';
import { allOrganizationIds, displayNames } from './repository';

/** One organization's audit log, newest first, for someone who may read it. */
export async function auditEntries(db: DB, actor: Actor, organizationId: string) {
	if (!canReadAuditLog(actor, organizationId)) throw new Forbidden();
	// A course's edits have their own history page in the course editor.
	return (await auditEntriesOf(db, [organizationId])).filter((e) => e.subjectType !== 'course');
}

/** An entry as the log page and its CSV show it (no invitation code: a code is a key to an account). */
export type AuditRow = {
	id: string;
	at: Date;
	actorName: string | null;
	action: string;
	subjectType: AuditSubject;
	/** Who or what it is about: a candidate's or an account's name, a bank. */
	subject: string | null;
	program: string | null;
	intake: string | null;
	reason: string | null;
	/** The values that changed, as stored (see `describeChange` in `$lib/components/admissions/audit-change`). */
	details: Record<string, unknown>;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
};

/** Entries about people's accounts and invitation codes: read by the organization's administrators. */
const ADMINISTRATION: readonly AuditSubject[] = ['account', 'invitation_code'];

/** Whether this actor reads an entry of their organizations' log (see `auditLogForOfficer`). */
function readable(
	actor: Actor,
	e: { organizationId: string | null; subjectType: string }
): boolean {
	return (
		(e.organizationId === null || e.subjectType !== 'course') &&
		(!ADMINISTRATION.includes(e.subjectType as AuditSubject) ||
			(e.organizationId !== null && canManageOrganization(actor, e.organizationId)))
	);
}

/** The organizations whose log this actor reads; Forbidden if one is not theirs to read. */
async function readableOrganizations(db: DB, actor: Actor): Promise<string[]> {
	const orgIds = auditOrganizationIds(actor) ?? (await allOrganizationIds(db));
	if (orgIds.some((id) => !canReadAuditLog(actor, id))) throw new Forbidden();
	return orgIds;
}

/**
 * The audit log of every organization this actor may read (officers: where they run admissions,
 * without the administration of accounts; administrators: where they administer; platform
 * administrators: all, and the entries of no organization such as the shared banks), newest first,
 * narrowed by `filter` in the query.
 */
export async function auditLogForOfficer(
	db: DB,
	actor: Actor,
	filter: AuditFilter = {}
): Promise<AuditRow[]> {
	const orgIds = await readableOrganizations(db, actor);
	// One query for every organization (and the shared entries for platform administrators); a
	// course's edits stay on the course's history page, as in `auditEntries`.
	const entries = await auditEntriesOf(db, orgIds, actor.isPlatformAdmin, filter);
	const readableEntries = entries.filter((e) => readable(actor, e));
	const nameOf = await displayNames(db, [
		...new Set(readableEntries.map((e) => e.actorId).filter((id) => id !== null))
	]);
	return readableEntries
		.sort((a, b) => b.at.getTime() - a.at.getTime())
		.map((e) => {
			const details = (e.details ?? {}) as Record<string, unknown>;
			const text = (key: string) => (typeof details[key] === 'string' ? details[key] : null);
			const subjectType = e.subjectType as AuditSubject;
			return {
				id: e.id,
				at: e.at,
				actorName: e.actorId ? (nameOf.get(e.actorId) ?? null) : null,
				action: e.action,
				subjectType,
				subject:
					subjectType === 'account'
						? `${text('name') ?? ''} (@${text('account') ?? ''})`
						: subjectType === 'item_bank'
							? e.subjectId
							: subjectType === 'class'
								? text('class')
								: text('candidate'),
				program: text('program'),
				intake: text('intake'),
				reason: e.reason,
				details,
				before: (e.before ?? null) as Record<string, unknown> | null,
				after: (e.after ?? null) as Record<string, unknown> | null
			};
		});
}

/** What the log's filter offers this actor: the kinds of action and the people found in what they read. */
export async function auditFilterChoices(db: DB, actor: Actor) {
	const kinds = (
		await auditKindsOf(db, await readableOrganizations(db, actor), actor.isPlatformAdmin)
	).filter((k) => readable(actor, k));
	const actorIds = [...new Set(kinds.map((k) => k.actorId).filter((id) => id !== null))];
	const nameOf = await displayNames(db, actorIds);
	return {
		actions: [...new Set(kinds.map((k) => k.action))] as AuditAction[],
		people: actorIds
			.map((id) => ({ id, name: nameOf.get(id) ?? id }))
			.sort((a, b) => a.name.localeCompare(b.name, ['vi', 'lo']))
	};
}
