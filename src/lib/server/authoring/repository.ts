import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Course } from '$lib/course/types';
import type { DbOrTx } from '$lib/server/db/client';
import { courseDraft, courseVersion } from '$lib/server/db/schema';

export async function draftRow(db: DbOrTx, courseId: string, forUpdate = false) {
	const query = db.select().from(courseDraft).where(eq(courseDraft.courseId, courseId));
	const [row] = forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function draftsOf(db: DbOrTx, organizationIds: string[]) {
	if (organizationIds.length === 0) return [];
	return db.select().from(courseDraft).where(inArray(courseDraft.organizationId, organizationIds));
}

export async function insertDraft(
	db: DbOrTx,
	row: {
		courseId: string;
		organizationId: string;
		document: Course;
		updatedBy: string;
		publishedRevision?: number;
	}
) {
	await db.insert(courseDraft).values(row);
}

export async function writeDraft(
	db: DbOrTx,
	courseId: string,
	document: Course,
	updatedBy: string,
	published?: number
) {
	const [row] = await db
		.select({ revision: courseDraft.revision })
		.from(courseDraft)
		.where(eq(courseDraft.courseId, courseId));
	const revision = (row?.revision ?? 0) + 1;
	await db
		.update(courseDraft)
		.set({
			document,
			revision,
			updatedAt: new Date(),
			updatedBy,
			...(published !== undefined ? { publishedRevision: revision } : {})
		})
		.where(eq(courseDraft.courseId, courseId));
	return revision;
}

export async function insertVersion(
	db: DbOrTx,
	row: { courseId: string; version: number; document: Course; publishedBy: string }
) {
	await db.insert(courseVersion).values({ id: crypto.randomUUID(), ...row });
}

export async function versionsOf(db: DbOrTx, courseId: string) {
	return db
		.select({
			version: courseVersion.version,
			publishedAt: courseVersion.publishedAt,
			publishedBy: courseVersion.publishedBy
		})
		.from(courseVersion)
		.where(eq(courseVersion.courseId, courseId))
		.orderBy(desc(courseVersion.version));
}

export async function versionDocument(db: DbOrTx, courseId: string, version: number) {
	const [row] = await db
		.select({ document: courseVersion.document })
		.from(courseVersion)
		.where(and(eq(courseVersion.courseId, courseId), eq(courseVersion.version, version)));
	return row?.document ?? null;
}
