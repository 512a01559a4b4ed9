import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { auditLog, media, testItem } from '$lib/server/db/schema';
import { rolesOf } from '$lib/server/accounts/service';
import { Forbidden, type Actor } from '$lib/server/auth/actor';
import type { BankFileItem } from '$lib/placement/bank-file';
import { fromMoodleXml, fromQtiPackage, toMoodleXml, toQtiPackage } from '$lib/placement/exchange';
import {
	createDraftItem,
	itemForEditor,
	keepItemRecording,
	transitionItem
} from '$lib/server/placement/items';
import type { ItemDraft } from '$lib/placement/item-workflow';
import {
	exchangeBanks,
	exportBank,
	importItems,
	organizationBankId,
	previewImport,
	type ImportInput
} from '$lib/server/placement/exchange';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

const PNG = readFileSync('static/icon-192.png').toString('base64');

const items: BankFileItem[] = [
	{
		id: 'thu-1',
		skill: 'vocabulary_grammar',
		level: 2,
		kind: 'choice',
		instruction: 'fill_gap',
		prompt: 'Tôi ___ cơm.',
		promptGloss: 'ຂ້ອຍ ___ ເຂົ້າ.',
		options: ['ăn', 'uống', 'đọc'],
		answer: 0
	},
	{
		id: 'thu-2',
		skill: 'writing',
		level: 3,
		kind: 'writing',
		instruction: 'write_task',
		prompt: 'Tả bức tranh.',
		files: [{ name: 'tranh.png', kind: 'image', mimeType: 'image/png', base64: PNG }],
		rubric: {
			maxScorePerCriterion: 1,
			criteria: [
				{
					name: { vi: 'Nội dung', lo: 'ເນື້ອໃນ', en: 'Content' },
					bands: [
						{ vi: 'Không', lo: 'ບໍ່ມີ', en: 'None' },
						{ vi: 'Đủ', lo: 'ຄົບ', en: 'Full' }
					]
				}
			]
		}
	},
	{
		id: 'thu-3',
		skill: 'vocabulary_grammar',
		level: 1,
		kind: 'short_answer',
		instruction: 'write_answer',
		prompt: 'Số 2 viết bằng chữ là gì?',
		accepted: ['hai']
	}
];

withTestDatabase('item exchange (Moodle XML, QTI)', (database) => {
	let db: DB;
	let instructor: Actor;
	let other: Actor;
	let school: { id: string };

	const actorOf = async (id: string): Promise<Actor> => ({
		id,
		isPlatformAdmin: false,
		memberships: await rolesOf(db, id)
	});
	const input = (xml: string, organizationId = school.id): ImportInput => ({
		organizationId,
		language: 'vi',
		fileName: 'bank.xml',
		bytes: new TextEncoder().encode(xml)
	});

	beforeAll(async () => {
		db = database.db;
		school = await makeOrganization(db);
		const elsewhere = await makeOrganization(db, { country: 'LA' });
		const i = await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] });
		instructor = await actorOf(i.id);
		const o = await makeUser(db, {
			roles: [{ organizationId: elsewhere.id, role: 'instructor' }]
		});
		other = await actorOf(o.id);
	});

	it('previews without writing, then imports every item as a draft of the organization’s bank', async () => {
		const xml = toMoodleXml(items);
		const preview = await previewImport(db, instructor, input(xml));
		expect(preview.imported.map((e) => e.sourceId)).toEqual(['thu-1', 'thu-2', 'thu-3']);
		expect(preview.refused).toEqual([]);
		expect(await db.select().from(testItem).where(like(testItem.id, 'org-%'))).toEqual([]);

		const result = await importItems(db, instructor, input(xml));
		expect(result.ok).toBe(true);
		const bankId = organizationBankId(school.id, 'vi');
		const rows = await db.select().from(testItem).where(eq(testItem.bankId, bankId));
		expect(rows.map((r) => [r.id, r.status, r.kind]).sort()).toEqual([
			[`${bankId}:thu-1`, 'draft', 'choice'],
			[`${bankId}:thu-2`, 'draft', 'writing'],
			[`${bankId}:thu-3`, 'draft', 'short_answer']
		]);
		const choice = rows.find((r) => r.kind === 'choice')!;
		expect(choice.answerKey).toEqual({ answer: 0 });
		expect(JSON.stringify(choice.content)).not.toContain('"answer"');
		const picture = rows.find((r) => r.kind === 'writing')!.content.attachments![0];
		const [stored] = await db.select().from(media).where(eq(media.id, picture.mediaId));
		expect(stored).toMatchObject({
			organizationId: school.id,
			kind: 'image',
			mimeType: 'image/png'
		});
		const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'items_imported'));
		expect(entry).toMatchObject({
			organizationId: school.id,
			actorId: instructor.id,
			subjectId: bankId,
			after: { imported: 3, changed: 0 }
		});
	});

	it('exports the bank so that importing the export again changes nothing', async () => {
		const [bank] = await exchangeBanks(db, instructor);
		expect(bank).toMatchObject({ organizationId: school.id, items: 3 });
		const file = await exportBank(db, instructor, {
			bankId: bank.id,
			format: 'moodle',
			status: 'draft'
		});
		const xml = new TextDecoder().decode(file.body);
		const back = fromMoodleXml(xml);
		expect(back.items.map(({ id: _id, ...rest }) => rest)).toEqual(
			items.map(({ id: _id, ...rest }) => rest)
		);
		const again = await previewImport(db, instructor, input(xml));
		expect(again.unchanged).toHaveLength(3);
		expect(again.imported).toEqual([]);
	});

	it('exports QTI 2.1 and 3.0 packages that import again unchanged, reported as QTI', async () => {
		const bankId = organizationBankId(school.id, 'vi');
		for (const format of ['qti21', 'qti30'] as const) {
			const file = await exportBank(db, instructor, { bankId, format, status: 'all' });
			expect(file.mimeType).toBe('application/zip');
			expect(file.fileName).toBe(`${bankId}.${format}.zip`);
			const back = fromQtiPackage(file.body);
			expect(back.items.map(({ id: _id, ...rest }) => rest)).toEqual(
				items.map(({ id: _id, ...rest }) => rest)
			);
			const again = await previewImport(db, instructor, {
				organizationId: school.id,
				language: 'vi',
				fileName: file.fileName,
				bytes: file.body
			});
			expect(again.format).toBe(format);
			expect(again.refused).toEqual([]);
			expect(again.unchanged.map((e) => e.id).sort()).toEqual(
				['thu-1', 'thu-2', 'thu-3'].map((id) => `${bankId}:${id}`)
			);
		}
	});

	it('imports nothing when one question is refused, or when one file is not what it claims', async () => {
		const changed = [
			{ ...items[0], prompt: 'Tôi ___ phở.' },
			{ ...items[1], id: 'thu-4' }
		];
		const refusedXml = toMoodleXml(changed).replace(
			'</quiz>',
			'<question type="matching"><name><text>m</text></name></question></quiz>'
		);
		const refused = await importItems(db, instructor, input(refusedXml));
		expect(refused.ok).toBe(false);
		expect(refused.report.refused.map((p) => p.code)).toEqual(['unsupported_type']);

		const fake = [
			{ ...items[0], prompt: 'Tôi ___ phở.' },
			{
				...items[1],
				id: 'thu-5',
				files: [{ name: 'x.png', kind: 'image' as const, mimeType: 'image/png', base64: 'AAAA' }]
			}
		];
		const badBytes = await importItems(db, instructor, input(toMoodleXml(fake)));
		expect(badBytes.ok).toBe(false);
		expect(badBytes.report.refused).toEqual([{ code: 'bad_file', item: 'thu-5', detail: 'x.png' }]);

		const bankId = organizationBankId(school.id, 'vi');
		const rows = await db.select().from(testItem).where(eq(testItem.bankId, bankId));
		expect(rows).toHaveLength(3);
		expect(rows.find((r) => r.id === `${bankId}:thu-1`)!.content.prompt).toBe('Tôi ___ cơm.');
	});

	it('updates a changed draft, and refuses to overwrite an item past draft', async () => {
		const bankId = organizationBankId(school.id, 'vi');
		const edited = toMoodleXml([{ ...items[0], prompt: 'Tôi ___ phở.' }]);
		const result = await importItems(db, instructor, input(edited));
		expect(result.ok && result.report.changed.map((e) => e.sourceId)).toEqual(['thu-1']);
		await db
			.update(testItem)
			.set({ status: 'active' })
			.where(eq(testItem.id, `${bankId}:thu-1`));
		const locked = await importItems(db, instructor, input(toMoodleXml([items[0]])));
		expect(locked.ok).toBe(false);
		expect(locked.report.refused).toEqual([{ code: 'locked', item: 'thu-1', detail: 'active' }]);
	});

	it('reports an essay from Moodle itself (assumed rubric) unchanged after a QTI export', async () => {
		const moodle = `<quiz><question type="essay"><name><text>tu-moodle</text></name>
<questiontext format="html"><text><![CDATA[<p>Tả lớp học.</p>]]></text></questiontext>
<tags><tag><text>mittaphap-level:3</text></tag><tag><text>mittaphap-skill:writing</text></tag></tags>
</question></quiz>`;
		expect((await importItems(db, instructor, input(moodle))).ok).toBe(true);
		const bankId = organizationBankId(school.id, 'vi');
		const file = await exportBank(db, instructor, { bankId, format: 'qti21', status: 'all' });
		const again = await previewImport(db, instructor, { ...input(''), bytes: file.body });
		expect(again.refused).toEqual([]);
		expect(again.changed).toEqual([]);
		expect(again.unchanged.map((e) => e.sourceId)).toContain(`${bankId}:tu-moodle`);
	});

	it('carries calibrated parameters out and back, held by the importing organization only', async () => {
		const bankId = organizationBankId(school.id, 'vi');
		const calibrated: BankFileItem = {
			...items[0],
			id: 'thu-irt',
			prompt: 'Anh ___ đi đâu?',
			parameters: {
				a: 1.37,
				b: -0.42,
				c: 0.2,
				aStandardError: 0.11,
				bStandardError: 0.09,
				responses: 240
			}
		};
		const bytes = toQtiPackage([calibrated], { version: '3.0' });
		const result = await importItems(db, instructor, { ...input(''), fileName: 'irt.zip', bytes });
		expect(result.ok).toBe(true);
		const [row] = await db
			.select()
			.from(testItem)
			.where(eq(testItem.id, `${bankId}:thu-irt`));
		expect(row).toMatchObject({
			a: 1.37,
			b: -0.42,
			c: 0.2,
			aStandardError: 0.11,
			bStandardError: 0.09,
			calibrationResponses: 240,
			provisional: false,
			status: 'draft',
			ownerOrganizationId: school.id
		});
		// Keys and parameters: the importing organization's instructors; nobody else sees the item.
		expect((await itemForEditor(db, instructor, row.id)).params).toMatchObject({
			a: 1.37,
			b: -0.42,
			c: 0.2,
			provisional: false
		});
		await expect(itemForEditor(db, other, row.id)).rejects.toThrow(Forbidden);

		for (const format of ['qti21', 'qti30', 'moodle'] as const) {
			const file = await exportBank(db, instructor, { bankId, format, status: 'draft' });
			const back =
				format === 'moodle'
					? fromMoodleXml(new TextDecoder().decode(file.body))
					: fromQtiPackage(file.body);
			const byId = new Map(back.items.map((item) => [item.id, item]));
			expect(byId.get(row.id)?.parameters).toEqual(calibrated.parameters);
			// Provisional parameters (from the level) are not exported.
			expect(byId.get(`${bankId}:thu-3`)).toBeDefined();
			expect(byId.get(`${bankId}:thu-3`)).not.toHaveProperty('parameters');
			const again = await previewImport(db, instructor, { ...input(''), bytes: file.body });
			expect(again.refused).toEqual([]);
			expect(again.changed).toEqual([]);
			expect(again.unchanged.map((entry) => entry.id)).toContain(row.id);
		}
	});

	it('refuses another organization’s instructor, on import and on export', async () => {
		await expect(importItems(db, other, input(toMoodleXml(items)))).rejects.toThrow(Forbidden);
		await expect(
			exportBank(db, other, {
				bankId: organizationBankId(school.id, 'vi'),
				format: 'moodle',
				status: 'all'
			})
		).rejects.toThrow(Forbidden);
		expect(await exchangeBanks(db, other)).toEqual([]);
	});
});

withTestDatabase('item exchange of items written in the browser', (database) => {
	let db: DB;
	let instructor: Actor;
	let reviewer: Actor;
	let school: { id: string };
	const RECORDING = new Uint8Array(readFileSync('tests/fixtures/audio/speech-3s.webm'));

	const actorOf = async (id: string): Promise<Actor> => ({
		id,
		isPlatformAdmin: false,
		memberships: await rolesOf(db, id)
	});
	const draft = (over: Partial<ItemDraft>): ItemDraft => ({
		language: 'lo',
		skill: 'vocabulary_grammar',
		level: 2,
		kind: 'choice',
		instruction: 'fill_gap',
		prompt: 'ຂ້ອຍ ___ ເຂົ້າ.',
		promptGloss: '',
		passage: '',
		passageKey: '',
		audio: '',
		options: ['ກິນ', 'ດື່ມ', 'ອ່ານ'],
		answer: 0,
		explanation: 'ກິນເຂົ້າ.',
		rubric: null,
		...over
	});

	beforeAll(async () => {
		db = database.db;
		school = await makeOrganization(db);
		const mk = async () =>
			actorOf(
				(await makeUser(db, { roles: [{ organizationId: school.id, role: 'instructor' }] })).id
			);
		instructor = await mk();
		reviewer = await mk();
	});

	it('exports them (recording and explanation too), and their export imports again unchanged', async () => {
		const kept = await keepItemRecording(db, instructor, {
			organizationId: school.id,
			bytes: RECORDING,
			label: 'prompt.webm'
		});
		if (!kept.ok) throw new Error(kept.problem);
		const listening = await createDraftItem(db, instructor, {
			organizationId: school.id,
			draft: draft({
				skill: 'listening',
				instruction: 'listen_choose',
				prompt: 'ເຂົາເຈົ້າເວົ້າກ່ຽວກັບຫຍັງ?',
				options: ['ອາຫານ', 'ອາກາດ', 'ວຽກ'],
				audio: kept.audio
			})
		});
		const choice = await createDraftItem(db, instructor, {
			organizationId: school.id,
			draft: draft({})
		});
		if (!listening.ok || !choice.ok) throw new Error('not saved');
		// One of them is in the pilot: past draft, it must still come back as unchanged.
		await transitionItem(db, instructor, listening.id, 'submit');
		await transitionItem(db, reviewer, listening.id, 'approve');

		const bankId = organizationBankId(school.id, 'lo');
		expect(await exchangeBanks(db, instructor)).toEqual([
			{ id: bankId, language: 'lo', organizationId: school.id, items: 2 }
		]);
		for (const format of ['moodle', 'qti21', 'qti30'] as const) {
			const file = await exportBank(db, instructor, { bankId, format, status: 'all' });
			const back =
				format === 'moodle'
					? fromMoodleXml(new TextDecoder().decode(file.body))
					: fromQtiPackage(file.body);
			const byId = new Map(back.items.map((item) => [item.id, item]));
			expect(back.refused).toEqual([]);
			expect([...byId.keys()].sort()).toEqual([listening.id, choice.id].sort());
			expect(byId.get(listening.id)?.files?.map((f) => f.kind)).toEqual(['audio']);
			expect(byId.get(choice.id)).toMatchObject({ answer: 0, note: 'ກິນເຂົ້າ.' });
			const again = await previewImport(db, instructor, {
				organizationId: school.id,
				language: 'lo',
				fileName: file.fileName,
				bytes: file.body
			});
			expect(again.refused).toEqual([]);
			expect(again.imported).toEqual([]);
			expect(again.unchanged.map((e) => e.id).sort()).toEqual([listening.id, choice.id].sort());
		}
	});

	it('an imported listening item plays its recording, as one written in the browser does', async () => {
		const file = await exportBank(db, instructor, {
			bankId: organizationBankId(school.id, 'lo'),
			format: 'moodle',
			status: 'pilot'
		});
		const [listening] = fromMoodleXml(new TextDecoder().decode(file.body)).items;
		const xml = toMoodleXml([{ ...listening, id: 'tu-doi-tac' }]);
		const result = await importItems(db, instructor, {
			organizationId: school.id,
			language: 'lo',
			fileName: 'partner.xml',
			bytes: new TextEncoder().encode(xml)
		});
		expect(result.ok).toBe(true);
		const imported = await itemForEditor(
			db,
			instructor,
			`${organizationBankId(school.id, 'lo')}:tu-doi-tac`
		);
		expect(imported.audioUrl).not.toBeNull();
		expect(imported.draft.explanation).toBe(listening.note ?? '');
	});
});
