import { beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { courseAudio, media } from '$lib/server/db/schema';
import { rolesOf } from '$lib/server/accounts/service';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import { readCourseFiles, seedCourses } from '$lib/server/learning/seed';
import { giveSeedCourse } from '$lib/server/learning/publish';
import {
	audioCoverage,
	courseAudioCheck,
	courseAudioUrls,
	imageLibrary,
	importSeedAudio,
	keepCourseRecording,
	libraryPictures,
	mediaForServing,
	recordingQueue,
	uploadToLibrary
} from '$lib/server/media/service';
import { AUDIO_MAX_BYTES } from '$lib/server/media/sniff';
import { audioTextKey } from '$lib/server/learning/text-key';
import { checkCourse } from '$lib/course/check';
import { encodeWav } from '$lib/audio/trim';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const FIXTURES = 'tests/fixtures/courses';
const LAO = 'lo-for-vi';
/** A short WAV, as the browser's trimmed recording is. */
const VOICE = encodeWav(
	new Float32Array(2400).map((_, i) => Math.sin(i / 5) * 0.5),
	24000
);
const PNG = new Uint8Array(readFileSync('static/icon-192.png'));

withTestDatabase('media and the recording queue', (database) => {
	let db: DB;
	let instructor: Actor;
	let otherInstructor: Actor;
	let learner: Actor;
	let school: { id: string };
	let elsewhere: { id: string };

	const actorOf = async (id: string): Promise<Actor> => ({
		id,
		isPlatformAdmin: false,
		memberships: await rolesOf(db, id)
	});
	const keep = (actor: Actor, text: string, bytes: Uint8Array = VOICE) =>
		keepCourseRecording(db, actor, {
			courseId: LAO,
			textKey: audioTextKey(text),
			bytes,
			source: 'recorded'
		});

	beforeAll(async () => {
		db = database.db;
		await seedCourses(db, FIXTURES);
		school = await makeOrganization(db);
		elsewhere = await makeOrganization(db, { country: 'LA' });
		for (const courseId of ['lo-for-vi', 'vi-for-lo'])
			await giveSeedCourse(db, courseId, school.id);
		const i = await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] });
		instructor = await actorOf(i.id);
		const o = await makeUser(db, { roles: [{ organizationId: elsewhere.id, role: 'instructor' }] });
		otherInstructor = await actorOf(o.id);
		const l = await makeUser(db, { roles: [{ organizationId: school.id, role: 'learner' }] });
		learner = await actorOf(l.id);
	});

	it('imports the seed recordings once, under the hash of their words', async () => {
		expect(await importSeedAudio(db, FIXTURES)).toEqual({ 'vi-for-lo': 5 });
		expect(await importSeedAudio(db, FIXTURES)).toEqual({});
		const urls = await courseAudioUrls(db, 'vi-for-lo', ['xin chào', 'never recorded']);
		expect(Object.keys(urls)).toEqual(['xin chào']);
		const id = urls['xin chào'].split('/').pop()!;
		const served = await mediaForServing(db, id);
		expect(served?.mimeType).toBe('audio/ogg');
		const file = readFileSync(`${FIXTURES}/vi-for-lo/audio/${audioTextKey('xin chào')}.ogg`);
		expect(Buffer.from(served!.bytes).equals(file)).toBe(true);
	});

	it('queues every Lao text without audio in teaching order, and skips on', async () => {
		const queue = await recordingQueue(db, instructor, LAO);
		expect(queue).toMatchObject({ total: 4, recorded: 0, skipped: false });
		expect(queue.current).toMatchObject({ text: 'ສະບາຍດີ', kind: 'vocabulary' });
		expect(queue.current?.romanization).toBeTruthy();
		const next = await recordingQueue(db, instructor, LAO, { after: queue.current!.key });
		expect(next.current?.text).toBe('ຂອບໃຈ');
	});

	it('keeps a recording: the queue moves on, learners get its URL, the bytes come back', async () => {
		const kept = await keep(instructor, 'ສະບາຍດີ');
		expect(kept.ok).toBe(true);
		const queue = await recordingQueue(db, instructor, LAO);
		expect(queue).toMatchObject({ recorded: 1 });
		expect(queue.current?.text).toBe('ຂອບໃຈ');
		const urls = await courseAudioUrls(db, LAO, ['ສະບາຍດີ', 'ຂອບໃຈ']);
		expect(Object.keys(urls)).toEqual(['ສະບາຍດີ']);
		const served = await mediaForServing(db, urls['ສະບາຍດີ'].split('/').pop()!);
		expect(served?.mimeType).toBe('audio/wav');
		expect([...served!.bytes]).toEqual([...VOICE]);
	});

	it('lets a Lao listening exercise pass the course check once its audio is recorded', async () => {
		const [file] = readCourseFiles(FIXTURES).filter((c) => c.id === LAO);
		const audioProblems = async () =>
			checkCourse(file, { hasAudio: await courseAudioCheck(db, LAO) }).problems.filter((p) =>
				p.includes('no recording')
			);
		expect(await audioProblems()).toEqual([expect.stringContaining('ຂອບໃຈ')]);
		expect((await keep(instructor, 'ຂອບໃຈ')).ok).toBe(true);
		expect(await audioProblems()).toEqual([]);
	});

	it('replaces a re-recorded text and removes the old medium', async () => {
		const key = audioTextKey('ສະບາຍດີ');
		const [before] = await db.select().from(courseAudio).where(eq(courseAudio.textKey, key));
		const again = await recordingQueue(db, instructor, LAO, { item: key });
		expect(again.current?.mediaUrl).toContain(before.mediaId);
		expect((await keep(instructor, 'ສະບາຍດີ')).ok).toBe(true);
		const [after] = await db.select().from(courseAudio).where(eq(courseAudio.textKey, key));
		expect(after.mediaId).not.toBe(before.mediaId);
		expect(await db.select().from(media).where(eq(media.id, before.mediaId))).toEqual([]);
	});

	it('checks the bytes, not the name: text, nothing, too much, a picture', async () => {
		const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
		expect(await keep(instructor, 'ຂ້ອຍ', html)).toEqual({ ok: false, problem: 'wrong_type' });
		expect(await keep(instructor, 'ຂ້ອຍ', PNG)).toEqual({ ok: false, problem: 'wrong_type' });
		expect(await keep(instructor, 'ຂ້ອຍ', new Uint8Array())).toEqual({
			ok: false,
			problem: 'empty'
		});
		const huge = new Uint8Array(AUDIO_MAX_BYTES + 1);
		huge.set(VOICE);
		expect(await keep(instructor, 'ຂ້ອຍ', huge)).toEqual({ ok: false, problem: 'too_large' });
		expect(await keep(instructor, 'not in the course')).toEqual({
			ok: false,
			problem: 'unknown_text'
		});
		expect((await recordingQueue(db, instructor, LAO)).recorded).toBe(2);
	});

	it('keeps a recording of a draft sentence named by its words (the course editor)', async () => {
		const draft = 'ສະບາຍດີ ທຸກຄົນ';
		const kept = await keepCourseRecording(db, instructor, {
			courseId: LAO,
			text: ` ${draft} `,
			bytes: VOICE,
			source: 'uploaded'
		});
		expect(kept.ok).toBe(true);
		expect(Object.keys(await courseAudioUrls(db, LAO, [draft]))).toEqual([draft]);
		await expect(
			keepCourseRecording(db, otherInstructor, {
				courseId: LAO,
				text: draft,
				bytes: VOICE,
				source: 'uploaded'
			})
		).rejects.toThrow(Forbidden);
		// Not one of the course's lesson texts: the queue's count does not change.
		expect((await recordingQueue(db, instructor, LAO)).recorded).toBe(2);
	});

	it('shows per course how much has audio', async () => {
		const coverage = await audioCoverage(db, instructor);
		const lao = coverage.find((c) => c.course.id === LAO)!;
		expect(lao).toMatchObject({ total: 4, recorded: 2 });
		expect(lao.byKind.vocabulary).toEqual([2, 4]);
		expect(lao.latest.map((l) => l.text)).toEqual(['ສະບາຍດີ ທຸກຄົນ', 'ສະບາຍດີ', 'ຂອບໃຈ']);
		const vi = coverage.find((c) => c.course.id === 'vi-for-lo')!;
		expect(vi.recorded).toBe(5);
	});

	it('refuses another organization’s instructor and a learner, by any function', async () => {
		for (const actor of [otherInstructor, learner]) {
			await expect(recordingQueue(db, actor, LAO)).rejects.toThrow(Forbidden);
			await expect(keep(actor, 'ຂ້ອຍ')).rejects.toThrow(Forbidden);
			expect(await audioCoverage(db, actor)).toEqual([]);
			await expect(
				uploadToLibrary(db, actor, {
					organizationId: school.id,
					kind: 'image',
					bytes: PNG,
					label: 'x'
				})
			).rejects.toThrow(Forbidden);
		}
		// An unknown course looks the same as someone else's.
		await expect(recordingQueue(db, instructor, 'no-such-course')).rejects.toThrow(Forbidden);
		expect((await recordingQueue(db, instructor, LAO)).recorded).toBe(2);
	});

	it('keeps an organization’s pictures in its own library', async () => {
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
		);
		expect(
			await uploadToLibrary(db, instructor, {
				organizationId: school.id,
				kind: 'image',
				bytes: svg,
				label: 'x'
			})
		).toEqual({ ok: false, problem: 'wrong_type' });
		const saved = await uploadToLibrary(db, instructor, {
			organizationId: school.id,
			kind: 'image',
			bytes: PNG,
			label: 'Cờ'
		});
		expect(saved.ok).toBe(true);
		const library = await imageLibrary(db, instructor);
		expect(library.map((i) => [i.label, i.mimeType])).toEqual([['Cờ', 'image/png']]);
		expect(await imageLibrary(db, otherInstructor)).toEqual([]);
	});

	it('records for a course not yet published (a draft of the actor’s organization) only', async () => {
		const draftCourse = 'vi-draft0001';
		const kept = await keepCourseRecording(db, instructor, {
			courseId: draftCourse,
			text: 'Xin chào',
			bytes: VOICE,
			source: 'recorded',
			draftOwner: school.id
		});
		expect(kept.ok).toBe(true);
		expect(Object.keys(await courseAudioUrls(db, draftCourse, ['Xin chào']))).toEqual(['Xin chào']);
		// Without its draft's owner, or owned by someone else: refused.
		for (const [actor, draftOwner] of [
			[instructor, undefined],
			[otherInstructor, school.id],
			[instructor, elsewhere.id]
		] as const)
			await expect(
				keepCourseRecording(db, actor, {
					courseId: draftCourse,
					text: 'Cảm ơn',
					bytes: VOICE,
					source: 'recorded',
					draftOwner
				})
			).rejects.toThrow(Forbidden);
		// A published course's own owner wins over a draft owner passed in.
		await expect(
			keepCourseRecording(db, otherInstructor, {
				courseId: LAO,
				text: 'ຂອບໃຈ',
				bytes: VOICE,
				source: 'recorded',
				draftOwner: elsewhere.id
			})
		).rejects.toThrow(Forbidden);
	});

	it('tells which media are pictures of the organization’s library (what an exercise may show)', async () => {
		const [picture] = await imageLibrary(db, instructor);
		const sound = (await courseAudioUrls(db, LAO, ['ສະບາຍດີ']))['ສະບາຍດີ'].split('/').pop()!;
		const found = await libraryPictures(db, instructor, school.id, [
			picture.id,
			sound,
			'0b7c4a38-2c1e-4d0e-9f3a-1b2c3d4e5f60'
		]);
		expect([...found]).toEqual([picture.id]);
		await expect(libraryPictures(db, otherInstructor, school.id, [picture.id])).rejects.toThrow(
			Forbidden
		);
		expect([...(await libraryPictures(db, otherInstructor, elsewhere.id, [picture.id]))]).toEqual(
			[]
		);
	});
});
