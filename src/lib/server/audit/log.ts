import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { auditLog } from '$lib/server/db/schema';

/**
 * The audit log: who did what, when and why (admission decisions, overrides, retakes, graduates'
 * records). Append-only; the one writer is `audit`, called inside the transaction of the change it
 * records, so an entry exists exactly when the change does.
 */
export type AuditEntry = {
	organizationId: string;
	actorId: string;
	action: string;
	subjectType: 'candidate' | 'course';
	subjectId: string;
	reason: string | null;
	/** What a reader needs without joining other tables (names as they were at the time). */
	details: Record<string, unknown>;
	at: Date;
};

export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
	await tx.insert(auditLog).values({ id: crypto.randomUUID(), ...entry });
}

/** The entries of these organizations, newest first. Callers check who may read them. */
export async function auditEntriesOf(
	db: DB,
	organizationIds: string[],
	subjectType?: AuditEntry['subjectType']
) {
	if (organizationIds.length === 0) return [];
	return db
		.select()
		.from(auditLog)
		.where(
			and(
				inArray(auditLog.organizationId, organizationIds),
				subjectType ? eq(auditLog.subjectType, subjectType) : undefined
			)
		)
		.orderBy(desc(auditLog.at));
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
