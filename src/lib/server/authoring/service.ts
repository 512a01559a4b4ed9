/**
 * The course editor's rules: drafts, publishing, history and restore, export and import. A course's
 * draft is one document (see `courseDraft`); every save is one transaction that locks the draft row,
 * checks that the actor teaches in the organization owning the course, applies one edit from
 * `$lib/authoring/edit`, and writes an audit entry, so the history shows who changed what and when
 * and nothing is ever half-saved. Publishing hands the document to `learning`, which owns what
 * learners play.
 */
import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { checkCourse } from '$lib/course/check';
import type { Course, Gloss } from '$lib/course/types';
import type { DB, DbOrTx } from '$lib/server/db/client';
import { user } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { audit, auditEntriesAbout } from '$lib/server/audit/log';
import type { CourseAuditAction } from '$lib/audit/actions';
import {
	courseOwnership,
	markCourseAuthored,
	publishCourseContent,
	publishedCourse,
	publishedCourseHeads
} from '$lib/server/learning/publish';
import { authoringOrganizationIds, canAuthor } from './policy';
import {
	draftRow,
	draftsOf,
	insertDraft,
	insertVersion,
	versionDocument,
	versionsOf,
	writeDraft
} from './repository';

/** A course id: it appears in URLs and lesson ids (`<course>.<lesson>`), so no dot and no slash. */
export const COURSE_ID = /^[a-z0-9][a-z0-9-]{1,47}$/;

function contentHash(document: Course): string {
	return createHash('sha256').update(JSON.stringify(document)).digest('hex').slice(0, 12);
}

async function record(
	tx: DbOrTx,
	actor: Actor,
	organizationId: string,
	courseId: string,
	action: CourseAuditAction,
	details: Record<string, unknown> = {}
) {
	await audit(tx, {
		organizationId,
		actorId: actor.id,
		action,
		subjectType: 'course',
		subjectId: courseId,
		reason: null,
		details,
		at: new Date()
	});
}

/** The courses the actor edits: drafts of their organizations and their published courses. */
export async function authoredCourses(db: DB, actor: Actor) {
	const organizations = authoringOrganizationIds(actor);
	const drafts = await draftsOf(db, organizations);
	const published = (await publishedCourseHeads(db)).filter(
		(c) => c.organizationId && organizations.includes(c.organizationId)
	);
	const ids = [...new Set([...drafts.map((d) => d.courseId), ...published.map((p) => p.id)])];
	return ids.sort().map((id) => {
		const draft = drafts.find((d) => d.courseId === id);
		const live = published.find((p) => p.id === id);
		return {
			id,
			title: draft?.document.title ?? live!.title,
			interfaceLanguage: draft?.document.interfaceLanguage ?? live!.interfaceLanguage,
			targetLanguage: draft?.document.targetLanguage ?? live!.targetLanguage,
			publishedVersion: live?.version ?? null,
			editing: Boolean(draft),
			unpublishedChanges: draft ? draft.revision !== draft.publishedRevision : false,
			updatedAt: draft?.updatedAt ?? live!.updatedAt
		};
	});
}

export type NewCourseInput = {
	organizationId: string;
	targetLanguage: 'vi' | 'lo';
	interfaceLanguage: 'vi' | 'lo';
	title: string;
	titleEn: string;
	description: string;
	levels: string;
};

export type NewCourseErrors = Partial<Record<keyof NewCourseInput, 'required' | 'invalid'>>;

/** A new course, as a draft with no units; published once it has something to play. */
export async function createCourse(
	db: DB,
	actor: Actor,
	input: NewCourseInput
): Promise<{ ok: true; courseId: string } | { ok: false; errors: NewCourseErrors }> {
	if (!canAuthor(actor, input.organizationId)) throw new Forbidden();
	const errors: NewCourseErrors = {};
	if (!input.title.trim()) errors.title = 'required';
	if (!input.description.trim()) errors.description = 'required';
	if (!input.levels.trim()) errors.levels = 'required';
	if (!['vi', 'lo'].includes(input.targetLanguage)) errors.targetLanguage = 'invalid';
	if (!['vi', 'lo'].includes(input.interfaceLanguage)) errors.interfaceLanguage = 'invalid';
	else if (input.interfaceLanguage === input.targetLanguage) errors.interfaceLanguage = 'invalid';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const lang = input.interfaceLanguage;
	const title: Gloss = { [lang]: input.title.trim().normalize('NFC') };
	if (input.titleEn.trim()) title.en = input.titleEn.trim().normalize('NFC');
	const courseId = `${input.targetLanguage}-${crypto.randomUUID().slice(0, 8)}`;
	const document: Course = {
		id: courseId,
		version: 1,
		targetLanguage: input.targetLanguage,
		interfaceLanguage: lang,
		title,
		description: { [lang]: input.description.trim().normalize('NFC') },
		levels: input.levels.trim(),
		units: []
	};
	await db.transaction(async (tx) => {
		await insertDraft(tx, {
			courseId,
			organizationId: input.organizationId,
			document,
			updatedBy: actor.id
		});
		await record(tx, actor, input.organizationId, courseId, 'course.create');
	});
	return { ok: true, courseId };
}

/**
 * Starts editing a published course (a seed course, or one whose draft was never made): its draft
 * is the published content with the next version number, and from now on the seeder leaves it alone.
 */
export async function startEditing(db: DB, actor: Actor, courseId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const existing = await draftRow(tx, courseId);
		if (existing) {
			if (!canAuthor(actor, existing.organizationId)) throw new Forbidden();
			return;
		}
		const owner = await courseOwnership(tx, courseId);
		if (!owner || !canAuthor(actor, owner.organizationId)) throw new Forbidden();
		const document = await publishedCourse(tx, courseId);
		if (!document) throw new Forbidden();
		document.version = owner.version + 1;
		// The draft is what learners have: nothing unpublished yet.
		await insertDraft(tx, {
			courseId,
			organizationId: owner.organizationId!,
			document,
			updatedBy: actor.id,
			publishedRevision: 1
		});
		await markCourseAuthored(tx, courseId);
		await record(tx, actor, owner.organizationId!, courseId, 'course.start_editing');
	});
}

/** The draft, for someone who may edit it, with what the checker says about it. */
export async function openDraft(db: DB, actor: Actor, courseId: string) {
	const row = await draftRow(db, courseId);
	if (!row || !canAuthor(actor, row.organizationId)) throw new Forbidden();
	const owner = await courseOwnership(db, courseId);
	const report = checkCourse(row.document);
	return {
		course: row.document,
		organizationId: row.organizationId,
		revision: row.revision,
		updatedAt: row.updatedAt,
		publishedVersion: owner?.version ?? null,
		unpublishedChanges: row.revision !== row.publishedRevision,
		problems: report.problems,
		shortfalls: report.shortfalls
	};
}

/**
 * Applies one edit to the draft in a transaction. `edit` changes the document it is given (a copy)
 * and returns a result; `null` or `false` means it found nothing to change, and nothing is written.
 */
export async function editDraft<T>(
	db: DB,
	actor: Actor,
	courseId: string,
	change: { action: CourseAuditAction; details?: Record<string, unknown> },
	edit: (document: Course) => T
): Promise<T> {
	return db.transaction(async (tx) => {
		const row = await draftRow(tx, courseId, true);
		if (!row || !canAuthor(actor, row.organizationId)) throw new Forbidden();
		const document = structuredClone(row.document);
		const result = edit(document);
		if (result === null || result === false) return result;
		await writeDraft(tx, courseId, document, actor.id);
		await record(tx, actor, row.organizationId, courseId, change.action, change.details);
		return result;
	});
}

/**
 * Publishes the draft: refused while the checker finds problems. The version is kept whole in the
 * history; learners get it at once (their attempts and review cards stay: lesson ids do not change)
 * and the draft goes on as the next version.
 */
export async function publishDraft(
	db: DB,
	actor: Actor,
	courseId: string
): Promise<{ ok: true; version: number } | { ok: false; problems: string[] }> {
	return db.transaction(async (tx) => {
		const row = await draftRow(tx, courseId, true);
		if (!row || !canAuthor(actor, row.organizationId)) throw new Forbidden();
		const document = row.document;
		const { problems } = checkCourse(document);
		if (document.units.every((u) => u.lessons.length === 0)) problems.push('course: no lessons');
		if (problems.length > 0) return { ok: false as const, problems };
		const owner = await courseOwnership(tx, courseId);
		// A restored or imported draft may carry an old number: a published version is always newer.
		const version = Math.max(document.version, (owner?.version ?? 0) + 1);
		const published = { ...document, version };
		await insertVersion(tx, { courseId, version, document: published, publishedBy: actor.id });
		await publishCourseContent(tx, published, {
			contentHash: contentHash(published),
			organizationId: row.organizationId,
			origin: 'authored'
		});
		await writeDraft(tx, courseId, { ...document, version: version + 1 }, actor.id, version);
		await record(tx, actor, row.organizationId, courseId, 'course.publish', { version });
		return { ok: true as const, version };
	});
}

/** Published versions and every change, newest first, with the names of who did them. */
export async function courseHistory(db: DB, actor: Actor, courseId: string) {
	const row = await draftRow(db, courseId);
	if (!row || !canAuthor(actor, row.organizationId)) throw new Forbidden();
	const versions = await versionsOf(db, courseId);
	const changes = (await auditEntriesAbout(db, 'course', courseId)).slice(0, 100);
	const ids = [
		...new Set([
			...changes.flatMap((c) => (c.actorId ? [c.actorId] : [])),
			...versions.flatMap((v) => (v.publishedBy ? [v.publishedBy] : []))
		])
	];
	const people =
		ids.length === 0
			? []
			: await db
					.select({ id: user.id, displayName: user.displayName })
					.from(user)
					.where(inArray(user.id, ids));
	const name = (id: string | null) => people.find((p) => p.id === id)?.displayName ?? '—';
	return {
		versions: versions.map((v) => ({
			version: v.version,
			publishedAt: v.publishedAt,
			by: name(v.publishedBy)
		})),
		changes: changes.map((c) => ({
			id: c.id,
			at: c.at,
			action: c.action,
			details: (c.details ?? {}) as Record<string, unknown>,
			by: name(c.actorId)
		}))
	};
}

/** Puts a published version back into the draft (the author then looks at it and publishes). */
export async function restoreVersion(
	db: DB,
	actor: Actor,
	courseId: string,
	version: number
): Promise<boolean> {
	const document = await versionDocument(db, courseId, version);
	if (!document) {
		// Not telling "no such version" from "not yours" before the ownership check.
		const row = await draftRow(db, courseId);
		if (!row || !canAuthor(actor, row.organizationId)) throw new Forbidden();
		return false;
	}
	return editDraft(
		db,
		actor,
		courseId,
		{ action: 'course.restore', details: { version } },
		(draft) => {
			Object.assign(draft, structuredClone(document), { version: draft.version });
			return true;
		}
	);
}

/** The draft as one JSON document (the shape of a seed file), for someone who may edit it. */
export async function exportCourse(db: DB, actor: Actor, courseId: string): Promise<Course> {
	const row = await draftRow(db, courseId);
	if (!row || !canAuthor(actor, row.organizationId)) throw new Forbidden();
	return row.document;
}

export type ImportError = {
	code: 'not_json' | 'not_course' | 'bad_id' | 'id_taken' | 'problem';
	text?: string;
};

/** The parts of a course the checker assumes are there (it reads, it does not validate shapes). */
function shapeProblems(value: unknown): string[] {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return ['not an object'];
	const c = value as Record<string, unknown>;
	const problems: string[] = [];
	if (typeof c.id !== 'string') problems.push('course: no id');
	if (typeof c.levels !== 'string') problems.push('course: no levels');
	if (!c.title || typeof c.title !== 'object') problems.push('course: no title');
	if (!c.description || typeof c.description !== 'object') problems.push('course: no description');
	if (!Array.isArray(c.units)) return [...problems, 'course: no units'];
	for (const unit of c.units as unknown[]) {
		const u = unit as Record<string, unknown>;
		if (!u || typeof u !== 'object' || !Array.isArray(u.lessons)) {
			problems.push(`unit ${String(u?.id)}: no lessons list`);
			continue;
		}
		for (const lesson of u.lessons as unknown[]) {
			const l = lesson as Record<string, unknown>;
			if (!l || !Array.isArray(l.exercises) || !Array.isArray(l.vocabulary))
				problems.push(`lesson ${String(l?.id)}: no exercises or vocabulary list`);
			else if ((l.exercises as unknown[]).some((e) => !e || typeof e !== 'object'))
				problems.push(`lesson ${String(l.id)}: an exercise is not an object`);
		}
	}
	return problems;
}

/**
 * Imports a course from one JSON document, all or nothing: every problem is reported and nothing is
 * written unless there is none. A course id the actor's organization already has replaces that
 * draft (keeping its version numbering, the import is then a change like any other); a new id makes
 * a new course of `organizationId`; an id another organization holds is refused.
 */
export async function importCourse(
	db: DB,
	actor: Actor,
	organizationId: string,
	text: string
): Promise<{ ok: true; courseId: string } | { ok: false; errors: ImportError[] }> {
	if (!canAuthor(actor, organizationId)) throw new Forbidden();
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, errors: [{ code: 'not_json' }] };
	}
	const shape = shapeProblems(value);
	if (shape.length > 0)
		return { ok: false, errors: shape.map((t) => ({ code: 'not_course' as const, text: t })) };
	const document = value as Course;
	if (!COURSE_ID.test(document.id))
		return { ok: false, errors: [{ code: 'bad_id', text: document.id }] };
	const { problems } = checkCourse(document);
	if (problems.length > 0)
		return { ok: false, errors: problems.map((t) => ({ code: 'problem' as const, text: t })) };
	return db.transaction(async (tx) => {
		const row = await draftRow(tx, document.id, true);
		const owner = await courseOwnership(tx, document.id);
		const holder = row?.organizationId ?? owner?.organizationId ?? null;
		if ((row || owner) && !canAuthor(actor, holder))
			return { ok: false as const, errors: [{ code: 'id_taken' as const, text: document.id }] };
		if (row) {
			await writeDraft(tx, document.id, { ...document, version: row.document.version }, actor.id);
		} else {
			const version = Math.max(document.version, (owner?.version ?? 0) + 1);
			await insertDraft(tx, {
				courseId: document.id,
				organizationId: holder ?? organizationId,
				document: { ...document, version },
				updatedBy: actor.id
			});
			if (owner) await markCourseAuthored(tx, document.id);
		}
		await record(tx, actor, holder ?? organizationId, document.id, 'course.import');
		return { ok: true as const, courseId: document.id };
	});
}
