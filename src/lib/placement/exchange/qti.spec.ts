import { readdirSync, readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BankFile, BankFileItem } from '../bank-file';
import { ASSUMED_LEVEL } from './moodle';
import { fromQtiItemXml, fromQtiPackage, QTI_VERSIONS, toQtiPackage } from './qti';
import { readExchangeFile } from './file';

/** Every item of the committed seed banks, as written in their files. */
const seedItems = readdirSync('content/placement')
	.filter((name) => name.endsWith('.json'))
	.flatMap(
		(name) => (JSON.parse(readFileSync(`content/placement/${name}`, 'utf8')) as BankFile).items
	);

const OGG = Buffer.from('OggS\u0000\u0002 bytes of a recording').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
	'base64'
);

const samples: BankFileItem[] = [
	{
		id: 'org-1-vi:ex-lis-01',
		skill: 'listening',
		level: 2,
		kind: 'choice',
		instruction: 'listen_choose',
		prompt: 'Anh ấy đi đâu?',
		promptGloss: 'ລາວໄປໃສ?',
		audioScript: 'A: Anh đi đâu đấy?\nB: Tôi đi chợ.',
		dialogue: true,
		options: ['Đi chợ', 'Đi <học> & "về"', 'Đi làm', ' Ở nhà '],
		answer: 3,
		files: [{ name: 'ex-lis-01.ogg', kind: 'audio', mimeType: 'audio/ogg', base64: OGG }],
		note: 'Key: "ở nhà" — <b> & ]]> survive'
	},
	{
		id: 'ex-sa-01',
		skill: 'vocabulary_grammar',
		level: 1,
		kind: 'short_answer',
		instruction: 'write_answer',
		prompt: 'Viết số 5 bằng chữ:\n  ___',
		accepted: ['năm', 'Năm']
	},
	{
		id: '7-speak',
		skill: 'speaking',
		level: 5,
		kind: 'speaking',
		instruction: 'speak_task',
		prompt: 'Hãy nói về quê hương của bạn trong khoảng 2–3 phút.',
		speakingTime: { fromSeconds: 120, toSeconds: 180 },
		files: [{ name: 'picture.png', kind: 'image', mimeType: 'image/png', base64: PNG }],
		rubric: {
			maxScorePerCriterion: 2,
			criteria: [
				{
					name: { vi: 'Nội dung', lo: 'ເນື້ອໃນ', en: 'Content' },
					bands: [
						{ vi: 'Không', lo: 'ບໍ່ມີ', en: 'None' },
						{ vi: 'Một phần', lo: 'ບາງສ່ວນ', en: 'Part' },
						{ vi: 'Đủ', lo: 'ຄົບ', en: 'Full' }
					]
				}
			]
		}
	}
];

const unpack = (bytes: Uint8Array) =>
	Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, data]));
const repack = (files: Record<string, Uint8Array>) => zipSync(files);

describe.each(QTI_VERSIONS)('QTI %s round trip', (version) => {
	it('reproduces every seed item exactly (Vietnamese and Lao, passages, dialogues, rubrics)', () => {
		expect(seedItems.length).toBeGreaterThan(100);
		const back = fromQtiPackage(toQtiPackage(seedItems, { version }));
		expect(back.version).toBe(version);
		expect(back.refused).toEqual([]);
		expect(back.warnings).toEqual([]);
		expect(back.items).toEqual(seedItems);
	});

	it('reproduces short answers, audio and pictures in the package, and awkward characters', () => {
		const bytes = toQtiPackage(samples, { version });
		const files = unpack(bytes);
		expect(Object.keys(files)).toContain('imsmanifest.xml');
		expect(Buffer.from(files['media/1/ex-lis-01.ogg']).toString('base64')).toBe(OGG);
		const item = strFromU8(files['items/0001.xml']);
		if (version === '3.0') {
			expect(item).toContain(
				'<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"'
			);
			expect(item).toContain('<qti-choice-interaction response-identifier="RESPONSE"');
			expect(item).toContain('<qti-correct-response><qti-value>C3</qti-value>');
		} else {
			expect(item).toContain('<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"');
			expect(item).toContain('<choiceInteraction responseIdentifier="RESPONSE"');
			expect(item).toContain('<correctResponse><value>C3</value>');
		}
		expect(item).toContain('<object data="../media/1/ex-lis-01.ogg" type="audio/ogg"/>');
		const back = fromQtiPackage(bytes);
		expect(back.refused).toEqual([]);
		expect(back.items).toEqual(samples);
		expect(readExchangeFile(bytes).format).toBe(version === '3.0' ? 'qti30' : 'qti21');
	});

	it('carries calibrated a, b, c and their standard errors in our metadata, exactly', () => {
		const calibrated: BankFileItem = {
			...samples[0],
			// 0.1 + 0.2: a double whose shortest form has 17 digits still comes back the same.
			parameters: {
				a: 1.2345678901234,
				b: 0.1 + 0.2,
				c: 0.2,
				aStandardError: 0.0712,
				bStandardError: 0.093,
				responses: 412
			}
		};
		const bytes = toQtiPackage([calibrated, samples[1]], { version });
		expect(strFromU8(unpack(bytes)['imsmanifest.xml'])).toContain(
			'<mp:irt a="1.2345678901234" b="0.30000000000000004" c="0.2" a-se="0.0712" b-se="0.093" responses="412"/>'
		);
		const back = fromQtiPackage(bytes);
		expect(back.refused).toEqual([]);
		expect(back.items).toEqual([calibrated, samples[1]]);
		expect(back.items[1]).not.toHaveProperty('parameters');
	});

	it('brings text back in NFC', () => {
		const decomposed = 'Tiếng Việt'.normalize('NFD');
		const bytes = toQtiPackage([{ ...samples[1], prompt: decomposed }], { version });
		expect(fromQtiPackage(bytes).items[0].prompt).toBe('Tiếng Việt'.normalize('NFC'));
	});
});

describe('reading QTI written by other systems', () => {
	it('reads a bare QTI 2.1 choice item, assuming level and skill, with warnings', () => {
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="chao" title="Chào" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>B</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <prompt>Buổi sáng chào
        thế nào?</prompt>
      <simpleChoice identifier="A">Tạm biệt</simpleChoice>
      <simpleChoice identifier="B">Chào buổi <b>sáng</b></simpleChoice>
      <simpleChoice identifier="C">Cảm ơn &amp; xin lỗi</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>`;
		const { format, outcome } = readExchangeFile(strToU8(xml));
		expect(format).toBe('qti21');
		expect(outcome.refused).toEqual([]);
		expect(outcome.items).toEqual([
			{
				id: 'chao',
				skill: 'vocabulary_grammar',
				level: ASSUMED_LEVEL,
				kind: 'choice',
				instruction: 'choose_word',
				prompt: 'Buổi sáng chào\nthế nào?',
				options: ['Tạm biệt', 'Chào buổi sáng', 'Cảm ơn & xin lỗi'],
				answer: 1
			}
		]);
		expect(outcome.warnings.map((w) => [w.code, w.line])).toEqual([
			['level_assumed', 2],
			['skill_assumed', 2]
		]);
	});

	it('reads a QTI 3.0 extended-text item as a writing task with the assumed rubric', () => {
		const xml = `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="essay-1" title="Essay">
<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"/>
<qti-item-body><p>Viết về gia đình bạn.</p><qti-extended-text-interaction response-identifier="RESPONSE"/></qti-item-body>
</qti-assessment-item>`;
		const { format, outcome } = readExchangeFile(strToU8(xml));
		expect(format).toBe('qti30');
		expect(outcome.items).toMatchObject([
			{ id: 'essay-1', kind: 'writing', skill: 'writing', prompt: 'Viết về gia đình bạn.' }
		]);
		expect(outcome.items[0].rubric?.criteria).toHaveLength(1);
	});

	it('refuses each broken item with its file and line, and keeps the others', () => {
		const good = toQtiPackage([samples[0], { ...samples[0], id: 'second' }, samples[2]], {
			version: '2.1'
		});
		const files = unpack(good);
		const item = (n: number) => strFromU8(files[`items/000${n}.xml`]);
		// 1: an interaction the bank has no kind for; 2: the key removed; 3: a malformed file.
		files['items/0001.xml'] = strToU8(
			item(1).replace(
				/<choiceInteraction[\s\S]*<\/choiceInteraction>/,
				'<orderInteraction responseIdentifier="RESPONSE"/>'
			)
		);
		files['items/0002.xml'] = strToU8(
			item(2).replace(/<correctResponse>.*?<\/correctResponse>/, '')
		);
		files['items/0003.xml'] = strToU8(item(3).replace('</itemBody>', ''));
		const outcome = fromQtiPackage(repack(files));
		expect(outcome.items).toEqual([]);
		expect(outcome.refused.map((p) => [p.code, p.file, p.line, p.detail])).toEqual([
			['unsupported_type', 'items/0001.xml', 5, 'orderInteraction'],
			['no_key', 'items/0002.xml', 3, undefined],
			['malformed', 'items/0003.xml', 6, expect.any(String)]
		]);
	});

	it('refuses a package that is not a zip, has no manifest, a broken manifest, or misses a file', () => {
		const files = unpack(toQtiPackage([samples[0]], { version: '3.0' }));
		expect(fromQtiPackage(strToU8('PK\u0003\u0004 not really a zip')).refused).toEqual([
			{ code: 'bad_zip' }
		]);
		const { 'imsmanifest.xml': manifest, ...rest } = files;
		expect(fromQtiPackage(repack(rest)).refused).toEqual([{ code: 'no_manifest' }]);
		const broken = fromQtiPackage(
			repack({
				...files,
				'imsmanifest.xml': strToU8(strFromU8(manifest).replace('</resources>', ''))
			})
		);
		expect(broken.refused).toMatchObject([{ code: 'malformed', file: 'imsmanifest.xml' }]);
		const { 'media/1/ex-lis-01.ogg': _audio, ...withoutAudio } = files;
		expect(fromQtiPackage(repack(withoutAudio)).refused).toMatchObject([
			{ code: 'missing_file', file: 'items/0001.xml', detail: '../media/1/ex-lis-01.ogg' }
		]);
		const { 'items/0001.xml': _item, ...withoutItem } = files;
		expect(fromQtiPackage(repack(withoutItem)).refused).toMatchObject([
			{ code: 'missing_file', file: 'imsmanifest.xml', line: 6, detail: 'items/0001.xml' }
		]);
	});

	it('refuses an item whose parameters are not usable, and keeps the others', () => {
		const parameters = { a: 1.1, b: 0.5, c: 0 };
		const files = unpack(
			toQtiPackage(
				[
					{ ...samples[0], parameters },
					{ ...samples[0], id: 'second', parameters }
				],
				{ version: '3.0' }
			)
		);
		const manifest = strFromU8(files['imsmanifest.xml']);
		files['imsmanifest.xml'] = strToU8(manifest.replace('<mp:irt a="1.1"', '<mp:irt a="-1"'));
		const outcome = fromQtiPackage(repack(files));
		expect(outcome.items.map((item) => [item.id, item.parameters])).toEqual([
			['second', parameters]
		]);
		expect(outcome.refused).toMatchObject([
			{ code: 'bad_parameters', item: samples[0].id, file: 'items/0001.xml', detail: 'a=-1' }
		]);
	});

	it('refuses a bare item whose correct response names no choice', () => {
		const xml = `<assessmentItem identifier="x"><responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>Z</value></correctResponse></responseDeclaration><itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>?</prompt><simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice><simpleChoice identifier="C">c</simpleChoice></choiceInteraction></itemBody></assessmentItem>`;
		expect(fromQtiItemXml(xml).refused).toMatchObject([{ code: 'one_key', item: 'x' }]);
	});
});
