import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '$lib/routes';
import { recordingText, recordingTexts, type RecordingText } from '$lib/course/recording-texts';
import type { Gloss } from '$lib/course/types';
import type { DB, DbOrTx } from '$lib/server/db/client';
import type { MediaKind } from '$lib/server/db/schema';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import {
	courseWithOwner,
	coursesOwnedBy,
	lessonsInOrder
} from '$lib/server/learning/course-content';
import { COURSES_DIR, courseAudioDir } from '$lib/server/learning/audio';
import { readCourseFiles } from '$lib/server/learning/seed';
import { canRecordFor, recordingOrganizations } from './policy';
import {
	courseAudioKeys,
	courseAudioOf,
	deleteMediaRow,
	insertMedia,
	latestCourseAudio,
	libraryIdsAmong,
	libraryOf,
	textCoverage,
	mediaByteLengths,
	mediaRow,
	upsertCourseAudio
} from './repository';
import { sniffMedia, type SniffResult } from './sniff';
import { mediaStore } from './store';
import { audioTextKey } from '$lib/server/learning/text-key';

/** For caches of what is computed from a course's recordings (the offline manifest). */
export { courseAudioFingerprint } from './repository';

/** Where a medium is served; its id changes with its content, so the URL is a version. */
export const mediaUrl = (mediaId: string) => routes.media(mediaId);

type SaveInput = {
	bytes: Uint8Array;
	kind: MediaKind;
	mimeType: string;
	organizationId: string | null;
	createdBy: string | null;
	label?: string | null;
};

/** Writes a medium (row and bytes) inside the caller's transaction; returns its id. */
async function saveMedia(tx: DbOrTx, input: SaveInput): Promise<string> {
	const id = crypto.randomUUID();
	await insertMedia(tx, {
		id,
		organizationId: input.organizationId,
		kind: input.kind,
		mimeType: input.mimeType,
		byteLength: input.bytes.byteLength,
		sha256: createHash('sha256').update(input.bytes).digest('hex'),
		label: input.label ?? null,
		createdBy: input.createdBy
	});
	await mediaStore.put(tx, id, input.bytes);
	return id;
}

/** Size in bytes of each medium served at these URLs (`/media/<id>`); unknown ones are left out. */
export async function mediaSizes(db: DB, urls: Iterable<string>): Promise<Map<string, number>> {
	const idOf = new Map<string, string>();
	for (const url of urls) {
		const id = /^\/media\/([^/?#]+)$/.exec(url)?.[1];
		if (id) idOf.set(decodeURIComponent(id), url);
	}
	const sizes = await mediaByteLengths(db, [...idOf.keys()]);
	return new Map([...sizes].map(([id, bytes]) => [idOf.get(id)!, bytes]));
}

/** A medium's bytes and type, for `/media/<id>`; null when there is none. */
export async function mediaForServing(db: DB, mediaId: string) {
	const row = await mediaRow(db, mediaId);
	if (!row) return null;
	const bytes = await mediaStore.get(db, mediaId);
	return bytes ? { mimeType: row.mimeType, sha256: row.sha256, bytes } : null;
}

/** `text → URL` for each of `texts` that the course has a recording of (the lesson player's `audioSrc`). */
export async function courseAudioUrls(
	db: DB,
	courseId: string,
	texts: Iterable<string>
): Promise<Record<string, string>> {
	const byKey = new Map<string, string>();
	for (const text of texts) byKey.set(audioTextKey(text), text);
	const found = await courseAudioKeys(db, courseId, [...byKey.keys()]);
	const urls: Record<string, string> = {};
	for (const [key, mediaId] of found) urls[byKey.get(key)!] = mediaUrl(mediaId);
	return urls;
}

/**
 * Whether the course has a recording of a text, for `checkCourse`'s `hasAudio`: a Lao course may have
 * listening exercises where someone recorded their audio.
 */
export async function courseAudioCheck(
	db: DB,
	courseId: string
): Promise<(text: string) => boolean> {
	const keys = await courseAudioKeys(db, courseId);
	return (text) => keys.has(audioTextKey(text));
}

/**
 * Imports the seed's recordings (`content/courses/<id>/audio/<key>.ogg`) into the media store: only
 * texts without a recording, so what a speaker recorded is never replaced, and a second start reads
 * no file. Returns the number imported per course.
 */
export async function importSeedAudio(db: DB, dir = COURSES_DIR): Promise<Record<string, number>> {
	const imported: Record<string, number> = {};
	for (const file of readCourseFiles(dir)) {
		const audioDir = courseAudioDir(file.id, dir);
		if (!existsSync(audioDir)) continue;
		if (!(await courseWithOwner(db, file.id))) continue;
		const have = await courseAudioKeys(db, file.id);
		const lessons = file.units.flatMap((u) =>
			u.lessons.map((l) => ({ ...l, id: `${file.id}.${l.id}` }))
		);
		const missing = recordingTexts(lessons).filter((t) => {
			const key = audioTextKey(t.text);
			return !have.has(key) && existsSync(join(audioDir, `${key}.ogg`));
		});
		// Batches of 100 (about 600 kB): one transaction each, so a first start is not one long lock.
		for (let i = 0; i < missing.length; i += 100) {
			await db.transaction(async (tx) => {
				for (const item of missing.slice(i, i + 100)) {
					const key = audioTextKey(item.text);
					const bytes = new Uint8Array(readFileSync(join(audioDir, `${key}.ogg`)));
					const sniffed = await sniffMedia(bytes, 'audio');
					if (!sniffed.ok) continue;
					const mediaId = await saveMedia(tx, {
						bytes,
						kind: 'audio',
						mimeType: sniffed.mimeType,
						organizationId: null,
						createdBy: null
					});
					await upsertCourseAudio(tx, {
						courseId: file.id,
						textKey: key,
						text: item.text,
						mediaId,
						source: 'seed',
						recordedBy: null
					});
				}
			});
		}
		if (missing.length > 0) imported[file.id] = missing.length;
	}
	return imported;
}

/**
 * The course, if the actor records for it. `draftOwner` is for a course not yet published (no course
 * row): the organization owning its draft, which the caller (the course editor) has already checked
 * the actor authors for; a published course's own owner always wins.
 */
async function recordableCourse(db: DbOrTx, actor: Actor, courseId: string, draftOwner?: string) {
	const found =
		(await courseWithOwner(db, courseId)) ??
		(draftOwner ? { id: courseId, organizationId: draftOwner } : null);
	// An unknown course and another organization's look the same (ids cannot be probed).
	if (!found || !canRecordFor(actor, found.organizationId)) throw new Forbidden();
	return found;
}

export type QueueItem = RecordingText & { key: string; lessonTitle: Gloss; mediaUrl?: string };

/**
 * The recording queue of a course: its texts without a recording, in teaching order. `item` opens one
 * text (recorded or not: to listen again and re-record); otherwise the first text without a recording
 * after `after` (the one just skipped), or from the start.
 */
export async function recordingQueue(
	db: DB,
	actor: Actor,
	courseId: string,
	{ item, after }: { item?: string; after?: string } = {}
) {
	const found = await recordableCourse(db, actor, courseId);
	const lessons = await lessonsInOrder(db, courseId);
	const texts = recordingTexts(lessons).map((t) => ({ ...t, key: audioTextKey(t.text) }));
	const have = await courseAudioKeys(db, courseId);
	const pending = texts.filter((t) => !have.has(t.key));
	let current: (typeof texts)[number] | undefined;
	if (item) current = texts.find((t) => t.key === item);
	else {
		const from = after ? texts.findIndex((t) => t.key === after) + 1 : 0;
		current = texts.slice(from).find((t) => !have.has(t.key));
	}
	const titles = new Map(lessons.map((l) => [l.id, l.title]));
	const mediaId = current && have.get(current.key);
	return {
		course: {
			id: found.id,
			title: found.title,
			targetLanguage: found.targetLanguage,
			interfaceLanguage: found.interfaceLanguage
		},
		total: texts.length,
		recorded: texts.length - pending.length,
		/** Texts without a recording still ahead after a skip (0: the end of the queue). */
		current: current
			? ({
					...current,
					lessonTitle: titles.get(current.lessonId) ?? {},
					mediaUrl: mediaId ? mediaUrl(mediaId) : undefined
				} satisfies QueueItem)
			: null,
		skipped: Boolean(after) && !current && pending.length > 0
	};
}

export type KeepOutcome =
	| { ok: true; mediaId: string }
	| { ok: false; problem: Exclude<SniffResult, { ok: true }>['problem'] | 'unknown_text' };

/** The longest text a recording is kept for from the editor (a long reading passage, in characters). */
export const RECORDED_TEXT_MAX = 2000;

/**
 * Keeps a recording of a course text (recorded in the browser or uploaded): checked by its content,
 * stored, and the text pointed at it; a recording it replaces is removed with it. The queue names the
 * text by its key (`textKey`: it must be one of the course's texts); the course editor by its words
 * (`text`: a sentence of a draft may not be in the course's lessons yet).
 */
export async function keepCourseRecording(
	db: DB,
	actor: Actor,
	input: { courseId: string; bytes: Uint8Array; source: 'recorded' | 'uploaded' } & (
		{ textKey: string } | { text: string; draftOwner?: string }
	)
): Promise<KeepOutcome> {
	const found = await recordableCourse(
		db,
		actor,
		input.courseId,
		'draftOwner' in input ? input.draftOwner : undefined
	);
	let text: string | undefined;
	if ('text' in input) {
		text = recordingText(input.text);
		if (!text || text.length > RECORDED_TEXT_MAX) return { ok: false, problem: 'unknown_text' };
	} else {
		const texts = recordingTexts(await lessonsInOrder(db, input.courseId));
		text = texts.find((t) => audioTextKey(t.text) === input.textKey)?.text;
		if (!text) return { ok: false, problem: 'unknown_text' };
	}
	const textKey = audioTextKey(text);
	const sniffed = await sniffMedia(input.bytes, 'audio');
	if (!sniffed.ok) return sniffed;
	const mediaId = await db.transaction(async (tx) => {
		const previous = await courseAudioOf(tx, input.courseId, textKey);
		const id = await saveMedia(tx, {
			bytes: input.bytes,
			kind: 'audio',
			mimeType: sniffed.mimeType,
			organizationId: found.organizationId,
			createdBy: actor.id
		});
		await upsertCourseAudio(tx, {
			courseId: input.courseId,
			textKey,
			text: text,
			mediaId: id,
			source: input.source,
			recordedBy: actor.id,
			recordedAt: new Date()
		});
		if (previous) await deleteMediaRow(tx, previous.mediaId);
		return id;
	});
	return { ok: true, mediaId };
}

/** Per course the actor records for: how many of its texts have a recording, and the latest ones. */
export async function audioCoverage(db: DB, actor: Actor) {
	const courses = await coursesOwnedBy(db, recordingOrganizations(actor));
	// Counted in SQL from the lessons' stored texts (one query for all courses, no exercises read).
	const counts = await textCoverage(
		db,
		courses.map((c) => c.id)
	);
	return Promise.all(
		courses.map(async (c) => {
			const byKind = { vocabulary: [0, 0], prompt: [0, 0], listening: [0, 0], model: [0, 0] };
			let total = 0;
			let recorded = 0;
			for (const row of counts) {
				if (row.courseId !== c.id) continue;
				byKind[row.kind] = [row.recorded, row.total];
				total += row.total;
				recorded += row.recorded;
			}
			const latest = (await latestCourseAudio(db, c.id, 5)).map((r) => ({
				key: r.textKey,
				text: r.text,
				url: mediaUrl(r.mediaId),
				recordedAt: r.recordedAt
			}));
			return { course: c, total, recorded, byKind, latest };
		})
	);
}

export type UploadOutcome =
	| { ok: true; mediaId: string }
	| { ok: false; problem: Exclude<SniffResult, { ok: true }>['problem'] };

/** Adds a picture (or a sound) to an organization's media library. */
export async function uploadToLibrary(
	db: DB,
	actor: Actor,
	input: { organizationId: string; kind: MediaKind; bytes: Uint8Array; label: string }
): Promise<UploadOutcome> {
	if (!canRecordFor(actor, input.organizationId)) throw new Forbidden();
	const sniffed = await sniffMedia(input.bytes, input.kind);
	if (!sniffed.ok) return sniffed;
	const mediaId = await db.transaction((tx) =>
		saveMedia(tx, {
			bytes: input.bytes,
			kind: input.kind,
			mimeType: sniffed.mimeType,
			organizationId: input.organizationId,
			createdBy: actor.id,
			label: input.label.trim().slice(0, 120) || null
		})
	);
	return { ok: true, mediaId };
}

/**
 * Adds a medium to an organization's library inside the caller's transaction (an item bank import:
 * its files are stored with its items or not at all). Checked by content like an upload.
 */
export async function storeMediaWithin(
	tx: DbOrTx,
	actor: Actor,
	input: { organizationId: string; kind: MediaKind; bytes: Uint8Array; label: string }
): Promise<UploadOutcome> {
	if (!canRecordFor(actor, input.organizationId)) throw new Forbidden();
	const sniffed = await sniffMedia(input.bytes, input.kind);
	if (!sniffed.ok) return sniffed;
	const mediaId = await saveMedia(tx, {
		bytes: input.bytes,
		kind: input.kind,
		mimeType: sniffed.mimeType,
		organizationId: input.organizationId,
		createdBy: actor.id,
		label: input.label.trim().slice(0, 120) || null
	});
	return { ok: true, mediaId };
}

/** The pictures of the organizations the actor records for, with their URLs. */
export async function imageLibrary(db: DB, actor: Actor) {
	const rows = await libraryOf(db, recordingOrganizations(actor), 'image');
	return rows.map((r) => ({ ...r, url: mediaUrl(r.id) }));
}

/**
 * Which of `mediaIds` are pictures of the organization's library — what an exercise of its courses may
 * show (the editor refuses another organization's picture or a sound, even by a typed id).
 */
export async function libraryPictures(
	db: DB,
	actor: Actor,
	organizationId: string,
	mediaIds: string[]
): Promise<Set<string>> {
	if (!canRecordFor(actor, organizationId)) throw new Forbidden();
	return libraryIdsAmong(db, organizationId, 'image', mediaIds);
}
