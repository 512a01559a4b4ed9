import type { DB } from '$lib/server/db/client';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { auditEntriesOf } from '$lib/server/audit/log';
import { auditOrganizationIds, canReadAuditLog } from './policy';
import { allOrganizationIds, displayNames } from './repository';

/** One organization's audit log, newest first, for someone who may read it. */
export async function auditEntries(db: DB, actor: Actor, organizationId: string) {
	if (!canReadAuditLog(actor, organizationId)) throw new Forbidden();
	return auditEntriesOf(db, [organizationId], 'candidate');
}

export type AuditRow = {
	id: string;
	at: Date;
	actorName: string | null;
	action: string;
	candidate: string | null;
	program: string | null;
	intake: string | null;
	reason: string | null;
};

/**
 * The audit log of every organization this actor may read (officers: where they run admissions;
 * administrators: where they administer; platform administrators: all), newest first.
 */
export async function auditLogForOfficer(db: DB, actor: Actor): Promise<AuditRow[]> {
	const orgIds = auditOrganizationIds(actor) ?? (await allOrganizationIds(db));
	const entries = (await Promise.all(orgIds.map((id) => auditEntries(db, actor, id)))).flat();
	const nameOf = await displayNames(db, [
		...new Set(entries.map((e) => e.actorId).filter((id) => id !== null))
	]);
	return entries
		.sort((a, b) => b.at.getTime() - a.at.getTime())
		.map((e) => {
			const details = (e.details ?? {}) as Record<string, unknown>;
			const text = (key: string) => (typeof details[key] === 'string' ? details[key] : null);
			return {
				id: e.id,
				at: e.at,
				actorName: e.actorId ? (nameOf.get(e.actorId) ?? null) : null,
				action: e.action,
				candidate: text('candidate'),
				program: text('program'),
				intake: text('intake'),
				reason: e.reason
			};
		});
}
