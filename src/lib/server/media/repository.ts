import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DB, type DbOrTx } from '$lib/server/db/client';
import { courseAudio, courseUnit, lesson, media, type MediaKind } from '$lib/server/db/schema';
import type { RecordingTextKind } from '$lib/course/recording-texts';

export type NewMedia = {
	id: string;
	organizationId: string | null;
	kind: MediaKind;
	mimeType: string;
	byteLength: number;
	sha256: string;
	label: string | null;
	createdBy: string | null;
};

export async function insertMedia(tx: DbOrTx, row: NewMedia): Promise<void> {
	await tx.insert(media).values(row);
}

export async function mediaRow(db: DbOrTx, id: string) {
	const [row] = await db
		.select({ id: media.id, kind: media.kind, mimeType: media.mimeType, sha256: media.sha256 })
		.from(media)
		.where(eq(media.id, id));
	return row ?? null;
}

/** id → size in bytes of the media among `ids` that exist. */
export async function mediaByteLengths(db: DbOrTx, ids: string[]): Promise<Map<string, number>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.select({ id: media.id, byteLength: media.byteLength })
		.from(media)
		.where(inArray(media.id, ids));
	return new Map(rows.map((r) => [r.id, r.byteLength]));
}

/** text key → media id of every recording of the course (or of these keys only). */
export async function courseAudioKeys(
	db: DbOrTx,
	courseId: string,
	textKeys?: string[]
): Promise<Map<string, string>> {
	if (textKeys && textKeys.length === 0) return new Map();
	const where: SQL[] = [eq(courseAudio.courseId, courseId)];
	if (textKeys) where.push(inArray(courseAudio.textKey, textKeys));
	const rows = await db
		.select({ textKey: courseAudio.textKey, mediaId: courseAudio.mediaId })
		.from(courseAudio)
		.where(and(...where));
	return new Map(rows.map((r) => [r.textKey, r.mediaId]));
}

/**
 * A fingerprint of the course's recordings: which medium each text points at. A medium never changes
 * under its id (a new recording is a new medium, `saveMedia`), so this covers their sizes too. Computed
 * by the database from the rows themselves (~2000 for a course): one short row instead of them.
 */
export async function courseAudioFingerprint(db: DbOrTx, courseId: string): Promise<string> {
	const [row] = await db
		.select({
			fingerprint: sql<string>`count(*) || ':' || coalesce(md5(string_agg(${courseAudio.textKey} || '=' || ${courseAudio.mediaId}, ',' order by ${courseAudio.textKey})), '')`
		})
		.from(courseAudio)
		.where(eq(courseAudio.courseId, courseId));
	return row.fingerprint;
}

export async function courseAudioOf(db: DbOrTx, courseId: string, textKey: string) {
	const [row] = await db
		.select()
		.from(courseAudio)
		.where(and(eq(courseAudio.courseId, courseId), eq(courseAudio.textKey, textKey)));
	return row ?? null;
}

export type CourseAudioRow = typeof courseAudio.$inferInsert;

/** Inserts, or points the text at its new recording (the old medium is the caller's to remove). */
export async function upsertCourseAudio(tx: DbOrTx, row: CourseAudioRow): Promise<void> {
	await tx
		.insert(courseAudio)
		.values(row)
		.onConflictDoUpdate({
			target: [courseAudio.courseId, courseAudio.textKey],
			set: {
				text: row.text,
				mediaId: row.mediaId,
				source: row.source,
				recordedBy: row.recordedBy,
				recordedAt: row.recordedAt
			}
		});
}

export async function deleteMediaRow(tx: DbOrTx, id: string): Promise<void> {
	await tx.delete(media).where(eq(media.id, id));
}

/** The latest recordings of a course, newest first. */
export async function latestCourseAudio(db: DB, courseId: string, limit: number) {
	return db
		.select({
			textKey: courseAudio.textKey,
			text: courseAudio.text,
			mediaId: courseAudio.mediaId,
			source: courseAudio.source,
			recordedAt: courseAudio.recordedAt
		})
		.from(courseAudio)
		.where(
			and(eq(courseAudio.courseId, courseId), inArray(courseAudio.source, ['recorded', 'uploaded']))
		)
		.orderBy(desc(courseAudio.recordedAt))
		.limit(limit);
}

/** An organization's library of one kind, newest first. */
export async function libraryOf(db: DB, organizationIds: string[], kind: MediaKind) {
	if (organizationIds.length === 0) return [];
	return db
		.select({
			id: media.id,
			organizationId: media.organizationId,
			mimeType: media.mimeType,
			byteLength: media.byteLength,
			label: media.label,
			createdAt: media.createdAt
		})
		.from(media)
		.where(and(inArray(media.organizationId, organizationIds), eq(media.kind, kind)))
		.orderBy(desc(media.createdAt))
		.limit(200);
}

/** The ids among `ids` that are media of this kind in the organization's library. */
export async function libraryIdsAmong(
	db: DbOrTx,
	organizationId: string,
	kind: MediaKind,
	ids: string[]
): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.select({ id: media.id })
		.from(media)
		.where(
			and(eq(media.organizationId, organizationId), eq(media.kind, kind), inArray(media.id, ids))
		);
	return new Set(rows.map((r) => r.id));
}

export type TextCoverage = {
	courseId: string;
	kind: RecordingTextKind;
	total: number;
	recorded: number;
};

/**
 * Per course and kind of text: how many texts its lessons have to record and how many have a
 * recording — in the database, from each lesson's stored `recordingTexts`. A text is counted once per
 * course, under its kind where the course first uses it (as `recordingTexts` orders them: units,
 * lessons, then the lesson's own order), retired lessons included as in the queue.
 */
export async function textCoverage(db: DB, courseIds: string[]): Promise<TextCoverage[]> {
	if (courseIds.length === 0) return [];
	const rows = rowsOf<TextCoverage>(
		await db.execute(sql`
			with texts as (
				select distinct on (${lesson.courseId}, t.value ->> 'key')
					${lesson.courseId} as course_id, t.value ->> 'key' as key, t.value ->> 'kind' as kind
				from ${lesson}
				join ${courseUnit} on ${courseUnit.id} = ${lesson.unitId}
				cross join lateral jsonb_array_elements(coalesce(${lesson.recordingTexts}, '[]'::jsonb))
					with ordinality as t(value, n)
				where ${inArray(lesson.courseId, courseIds)}
				order by ${lesson.courseId}, t.value ->> 'key', ${courseUnit.position}, ${lesson.position}, t.n
			)
			select texts.course_id as "courseId", texts.kind, count(*)::int as total,
				count(${courseAudio.textKey})::int as recorded
			from texts
			left join ${courseAudio}
				on ${courseAudio.courseId} = texts.course_id and ${courseAudio.textKey} = texts.key
			group by texts.course_id, texts.kind
		`)
	);
	return rows.map((r) => ({ ...r, total: Number(r.total), recorded: Number(r.recorded) }));
}
