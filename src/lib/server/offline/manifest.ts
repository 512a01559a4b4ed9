/**
 * The offline manifest of a course (`GET /learn/courses/<id>/offline.json`): every address a learner's
 * phone stores to open the course's lessons offline — each lesson page and its `__data.json`, its
 * recorded audio — with sizes, and a version per lesson that changes whenever its page would change.
 * Reads learning (lessons, enrolment) and media (audio, sizes); writes nothing.
 */
import { createHash } from 'node:crypto';
import { recordingTexts } from '$lib/course/recording-texts';
import { dataPathOf } from '$lib/offline/cache-rules';
import type { ManifestResource, OfflineManifest } from '$lib/offline/download-plan';
import { routes } from '$lib/routes';
import type { DB } from '$lib/server/db/client';
import { courseForDownload } from '$lib/server/learning/courses';
import { courseAudioUrls, mediaSizes } from '$lib/server/media/service';

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

/** null: no such course. Throws NotAllowed for a learner not enrolled in it. */
export async function offlineManifest(
	db: DB,
	userId: string,
	courseId: string
): Promise<OfflineManifest | null> {
	const found = await courseForDownload(db, userId, courseId);
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
