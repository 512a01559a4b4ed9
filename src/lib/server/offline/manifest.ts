/**
 * The offline manifest of a course (`GET /learn/courses/<id>/offline.json`): every address a learner's
 * phone stores to open the course's lessons offline — each lesson page and its `__data.json`, its
 * recorded audio — with sizes, and a version per lesson that changes whenever its page would change —
 * and the sizes the course map shows before a download. Reads learning (lessons, enrolment) and media
 * (audio, sizes); writes nothing.
 */
import { createHash } from 'node:crypto';
import { recordingTexts } from '$lib/course/recording-texts';
import { dataPathOf } from '$lib/offline/cache-rules';
import {
	sizesOf,
	type ManifestResource,
	type OfflineManifest,
	type OfflineSizes
} from '$lib/offline/download-plan';
import { routes } from '$lib/routes';
import type { DB } from '$lib/server/db/client';
import { downloadableCourse, publishedContent } from '$lib/server/learning/courses';
import { courseAudioFingerprint, courseAudioUrls, mediaSizes } from '$lib/server/media/service';

/**
 * What a server-rendered page weighs beyond its data: the HTML shell, header and markup, measured on
 * the seed lessons at about 6 KB plus about the data once more as markup. An estimate, shown as
 * "about"; the bytes really stored are counted as they arrive.
 */
const PAGE_SHELL_BYTES = 6 * 1024;
const pageBytes = (dataBytes: number) => PAGE_SHELL_BYTES + 2 * dataBytes;
const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** A page and its data, both estimated from the size of the data they carry. */
function pageResources(path: string, dataBytes: number): ManifestResource[] {
	return [
		{ url: path, bytes: pageBytes(dataBytes), estimated: true },
		{ url: dataPathOf(path), bytes: dataBytes + 512, estimated: true }
	];
}

/** The manifest of the course as published now; null when there is no such course. */
async function buildManifest(db: DB, courseId: string): Promise<OfflineManifest | null> {
	const found = await publishedContent(db, courseId);
	if (!found) return null;
	const { course, units } = found;
	const lessons = units.flatMap((u) => u.lessons);
	const textsOf = new Map(lessons.map((l) => [l.id, recordingTexts([l]).map((t) => t.text)]));
	const audio = await courseAudioUrls(db, course.id, [...textsOf.values()].flat());
	const sizes = await mediaSizes(db, Object.values(audio));
	const order = lessons.map((l) => l.id);

	const manifestUnits = units.map((unit) => ({
		id: unit.id,
		title: unit.title,
		lessons: unit.lessons.map((l) => {
			const audioUrls = [
				...new Set((textsOf.get(l.id) ?? []).flatMap((t) => (audio[t] ? [audio[t]] : [])))
			].sort();
			const next = order[order.indexOf(l.id) + 1] ?? null;
			// Everything the lesson page's load returns that can change with a publication.
			const page = { l, course, audioUrls, next };
			const version = createHash('sha256')
				.update(JSON.stringify(page))
				.digest('base64url')
				.slice(0, 16);
			return {
				id: l.id,
				title: l.title,
				version,
				resources: [
					...pageResources(routes.learn.lesson(l.id), byteLength(page)),
					...audioUrls.map((url) => ({ url, bytes: sizes.get(url) ?? 0 }))
				]
			};
		})
	}));

	const mapBytes = byteLength(units.map((u) => ({ id: u.id, title: u.title })));
	return {
		courseId: course.id,
		title: course.title,
		interfaceLanguage: course.interfaceLanguage,
		shared: [
			...pageResources(routes.learn.home(), 2048),
			...pageResources(routes.learn.course(course.id), mapBytes)
		],
		units: manifestUnits
	};
}

type Kept = { fingerprint: string; manifest: OfflineManifest; sizes: OfflineSizes };

/**
 * Each process keeps the manifest of the courses it was asked about, and their sizes: building one
 * reads every lesson's content and ~2000 recordings (~200 ms of the server's one thread on the seed
 * course), and every course map shows the sizes. Kept with a fingerprint of everything the manifest is
 * made of, its publication stamp and its recordings: a course published or recorded again — by any
 * server — is a new fingerprint, and its manifest is built again at the next request.
 */
const kept = new Map<string, Kept>();

async function keptManifest(db: DB, courseId: string, publication: string): Promise<Kept | null> {
	const fingerprint = `${publication}|${await courseAudioFingerprint(db, courseId)}`;
	const hit = kept.get(courseId);
	if (hit?.fingerprint === fingerprint) return hit;
	// Read after the fingerprint: a publication in between is a newer manifest under the older
	// fingerprint, built again at the next request; never an older one kept as new.
	const manifest = await buildManifest(db, courseId);
	if (!manifest) return null;
	const entry = { fingerprint, manifest, sizes: sizesOf(manifest) };
	kept.set(courseId, entry);
	return entry;
}

/**
 * The course's offline manifest for a learner enrolled in it (shared between requests: read-only);
 * null: no such course. Throws NotAllowed for a learner not enrolled in it.
 */
export async function offlineManifest(
	db: DB,
	userId: string,
	courseId: string
): Promise<OfflineManifest | null> {
	const publication = await downloadableCourse(db, userId, courseId);
	if (publication === null) return null;
	return (await keptManifest(db, courseId, publication))?.manifest ?? null;
}

/**
 * The sizes the course map shows before a download (`OfflineSizes`), sent with the map so that it
 * offers its downloads without asking again. `publication`: the course's stamp as the map's own query
 * read it (`courseMap`, which authorized the learner). Shared between requests: read-only.
 */
export async function offlineSizes(
	db: DB,
	courseId: string,
	publication: string
): Promise<OfflineSizes | null> {
	return (await keptManifest(db, courseId, publication))?.sizes ?? null;
}
