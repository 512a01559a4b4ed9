import { and, desc, eq, gte, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { auditLog } from '$lib/server/db/schema';
import type { AuditAction, AuditSubject } from '$lib/audit/actions';

/**
 * The audit log: who did what, when, why, and what it was before and after — admission decisions,
 * overrides, retakes, graduates' records, candidates' invitations, ratings, role changes, account
 * disabling, invitation codes and item-bank changes. Append-only; the one writer is `audit`, called
 * inside the transaction of the change it records, so an entry exists exactly when the change does.
 */
export type AuditEntry = {
	/** Whose log it is in; null for what belongs to no organization (the shared seed banks). */
	organizationId: string | null;
	/** Null when no person did it (item banks loaded from the files at start-up). */
	actorId: string | null;
	action: AuditAction;
	subjectType: AuditSubject;
	subjectId: string;
	reason: string | null;
	/** What a reader needs without joining other tables (names as they were at the time). */
	details: Record<string, unknown>;
	/** The changed values before and after the change (null: the thing did not exist / no longer does). */
	before?: Record<string, unknown> | null;
	after?: Record<string, unknown> | null;
	at: Date;
};

export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
	await tx.insert(auditLog).values({
		id: crypto.randomUUID(),
		...entry,
		before: entry.before ?? null,
		after: entry.after ?? null
	});
}

/** What a reader narrowed the log to (the audit log page's filter); every part optional. */
export type AuditFilter = {
	action?: AuditAction;
	actorId?: string;
	/** From this instant on (inclusive). */
	from?: Date;
	/** Before this instant (exclusive). */
	before?: Date;
};

/** The organizations' entries (and the shared ones when `withShared`), narrowed by `filter`, in SQL. */
function scoped(organizationIds: string[], withShared: boolean, filter: AuditFilter = {}) {
	const ofOrganizations =
		organizationIds.length > 0 ? inArray(auditLog.organizationId, organizationIds) : undefined;
	const conditions: (SQL | undefined)[] = [
		withShared ? or(ofOrganizations, isNull(auditLog.organizationId)) : ofOrganizations,
		filter.action ? eq(auditLog.action, filter.action) : undefined,
		filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
		filter.from ? gte(auditLog.at, filter.from) : undefined,
		filter.before ? lt(auditLog.at, filter.before) : undefined
	];
	return and(...conditions);
}

/**
 * The entries of these organizations, newest first, with the entries of no organization when
 * `withShared` (platform administrators), narrowed by `filter`. Callers check who may read them.
 */
export async function auditEntriesOf(
	db: DB,
	organizationIds: string[],
	withShared = false,
	filter: AuditFilter = {}
) {
	if (organizationIds.length === 0 && !withShared) return [];
	return db
		.select()
		.from(auditLog)
		.where(scoped(organizationIds, withShared, filter))
		.orderBy(desc(auditLog.at));
}

/**
 * Who did what kind of thing where in these organizations' logs, once each: what a filter offers
 * (a few dozen rows, however long the log). Callers check who may read them.
 */
export async function auditKindsOf(db: DB, organizationIds: string[], withShared = false) {
	if (organizationIds.length === 0 && !withShared) return [];
	return db
		.selectDistinct({
			organizationId: auditLog.organizationId,
			actorId: auditLog.actorId,
			action: auditLog.action,
			subjectType: auditLog.subjectType
		})
		.from(auditLog)
		.where(scoped(organizationIds, withShared));
}

/** The entries about one subject (a course's history), newest first. Callers check who may read them. */
export async function auditEntriesAbout(
	db: DB,
	subjectType: AuditEntry['subjectType'],
	subjectId: string
) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
		.orderBy(desc(auditLog.at));
}
