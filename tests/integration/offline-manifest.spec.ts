import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { courseAudio } from '$lib/server/db/schema';
import { rolesOf } from '$lib/server/accounts/service';
import type { Actor } from '$lib/server/auth/actor';
import { seedCourses } from '$lib/server/learning/seed';
import { courseMap, enrol } from '$lib/server/learning/courses';
import { NotAllowed } from '$lib/server/learning/errors';
import { audioTextKey } from '$lib/server/learning/text-key';
import {
	giveSeedCourse,
	publishCourseContent,
	publishedCourse
} from '$lib/server/learning/publish';
import { importSeedAudio, keepCourseRecording } from '$lib/server/media/service';
import { offlineManifest, offlineSizes } from '$lib/server/offline/manifest';
import { bytesStillNeeded, sizesOf, type OfflineSizes } from '$lib/offline/download-plan';
import { encodeWav } from '$lib/audio/trim';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const FIXTURES = 'tests/fixtures/courses';
const COURSE = 'vi-for-lo';
/** A recording the fixture's first lesson plays (its first word). */
const WORD = 'xin chào';
/** A new recording of it, of a size no seed recording has (a second of a 2 kHz tone: ~4 kB). */
const VOICE = encodeWav(
	new Float32Array(2000).map((_, i) => Math.sin(i / 7) * 0.5),
	2000
);

/** Bytes of downloading the whole course on a phone holding nothing. */
const wholeCourse = (sizes: OfflineSizes) => bytesStillNeeded(sizes, null, new Set(), new Set());

withTestDatabase('offline manifest and the download sizes on the course map', (database) => {
	let db: DB;
	let instructor: Actor;
	let learnerId: string;
	let strangerId: string;

	/** The sizes the course map's load sends: the map's own query gives the publication stamp. */
	const mapSizes = async () => {
		const map = await courseMap(db, learnerId, COURSE);
		return (await offlineSizes(db, COURSE, map!.publication))!;
	};
	const manifest = async () => (await offlineManifest(db, learnerId, COURSE))!;

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, FIXTURES);
		await importSeedAudio(db, FIXTURES);
		const school = await makeOrganization(db);
		await giveSeedCourse(db, COURSE, school.id);
		const i = await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] });
		instructor = { id: i.id, isPlatformAdmin: false, memberships: await rolesOf(db, i.id) };
		const l = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		learnerId = l.id;
		await enrol(db, learnerId, COURSE);
		const s = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		strangerId = s.id;
	});

	it('gives the map the sizes of the manifest a download fetches, built once while nothing changes', async () => {
		const sizes = await mapSizes();
		const whole = await manifest();
		expect(sizes).toEqual(sizesOf(whole));
		// The recordings are counted: more than the pages alone.
		expect(whole.units[0].lessons[0].resources.some((r) => r.url.startsWith('/media/'))).toBe(true);
		// Kept by the process: the same objects, not built again.
		expect(await mapSizes()).toBe(sizes);
		expect(await manifest()).toBe(whole);
	});

	it('builds them again when a text is recorded again', async () => {
		const before = await mapSizes();
		const oldManifest = await manifest();
		const outcome = await keepCourseRecording(db, instructor, {
			courseId: COURSE,
			textKey: audioTextKey(WORD),
			bytes: VOICE,
			source: 'recorded'
		});
		expect(outcome.ok).toBe(true);
		const after = await mapSizes();
		expect(after).not.toBe(before);
		const fresh = await manifest();
		expect(fresh).not.toBe(oldManifest);
		expect(after).toEqual(sizesOf(fresh));
		const newUrl = `/media/${outcome.ok ? outcome.mediaId : ''}`;
		const resources = fresh.units[0].lessons[0].resources;
		expect(resources).toContainEqual({ url: newUrl, bytes: VOICE.length });
		// The new recording replaced the old one in the whole course's size, byte for byte.
		const oldBytes = oldManifest.units[0].lessons[0].resources.find(
			(r) => r.url.startsWith('/media/') && !resources.some((n) => n.url === r.url)
		)!.bytes;
		expect(wholeCourse(after) - wholeCourse(before)).toBe(VOICE.length - oldBytes);
		expect(await mapSizes()).toBe(after);
	});

	it('builds them again when a recording row changes without the app (another server, a restore)', async () => {
		const before = await manifest();
		const [other] = await db
			.select({ mediaId: courseAudio.mediaId })
			.from(courseAudio)
			.where(
				and(eq(courseAudio.courseId, COURSE), eq(courseAudio.textKey, audioTextKey('cảm ơn')))
			);
		await db
			.update(courseAudio)
			.set({ mediaId: other.mediaId })
			.where(and(eq(courseAudio.courseId, COURSE), eq(courseAudio.textKey, audioTextKey(WORD))));
		const after = await manifest();
		expect(after).not.toBe(before);
		expect(after.units[0].lessons[0].resources.map((r) => r.url)).toContain(
			`/media/${other.mediaId}`
		);
	});

	it('builds them again when the course is published again', async () => {
		const before = await mapSizes();
		const published = (await publishedCourse(db, COURSE))!;
		const [unit] = published.units;
		// A second unit teaching the first one's lesson again: its recordings are now common to two.
		// Under the same version number, as a seed file changed without its version is followed.
		const second = {
			...unit,
			id: `${unit.id}-again`,
			lessons: unit.lessons.map((l) => ({ ...l, id: `${l.id}-again` }))
		};
		await db.transaction((tx) =>
			publishCourseContent(
				tx,
				{ ...published, units: [unit, second] },
				{ contentHash: 'second-version', origin: 'authored' }
			)
		);
		const after = await mapSizes();
		expect(after).not.toBe(before);
		expect(after.units.map((u) => u.id)).toEqual([
			`${COURSE}.${unit.id}`,
			`${COURSE}.${second.id}`
		]);
		expect(after.common.some((r) => r.url.startsWith('/media/') && r.units?.length === 2)).toBe(
			true
		);
		expect(after).toEqual(sizesOf(await manifest()));
	});

	it('refuses the manifest to a learner not enrolled, and knows no unknown course', async () => {
		await expect(offlineManifest(db, strangerId, COURSE)).rejects.toBeInstanceOf(NotAllowed);
		expect(await offlineManifest(db, learnerId, 'no-such-course')).toBeNull();
	});
});
