import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BankFile, BankFileItem } from '../bank-file';
import { ASSUMED_LEVEL, fromMoodleXml, toMoodleXml } from './moodle';

/** Every item of the committed seed banks, as written in their files. */
const seedItems = readdirSync('content/placement')
	.filter((name) => name.endsWith('.json'))
	.flatMap(
		(name) => (JSON.parse(readFileSync(`content/placement/${name}`, 'utf8')) as BankFile).items
	);

/** A tiny Ogg page header and a 1×1 PNG, as base64: what matters is that the bytes come back. */
const OGG = Buffer.from('OggS\u0000\u0002 bytes of a recording').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
	'base64'
);

const exchangeSamples: BankFileItem[] = [
	{
		id: 'ex-lis-01',
		skill: 'listening',
		level: 2,
		kind: 'choice',
		instruction: 'listen_choose',
		prompt: 'Anh ấy đi đâu?',
		promptGloss: 'ລາວໄປໃສ?',
		audioScript: 'A: Anh đi đâu đấy?\nB: Tôi đi chợ.',
		dialogue: true,
		options: ['Đi chợ', 'Đi học', 'Đi làm'],
		answer: 0,
		files: [{ name: 'ex-lis-01.ogg', kind: 'audio', mimeType: 'audio/ogg', base64: OGG }],
		note: 'Key: "đi chợ" — <b> & ]]> survive'
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
		id: 'ex-wri-01',
		skill: 'writing',
		level: 4,
		kind: 'writing',
		instruction: 'write_task',
		prompt: 'Tả bức tranh.',
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

describe('Moodle XML round trip', () => {
	it('reproduces every seed item exactly (Vietnamese and Lao, passages, dialogues, rubrics)', () => {
		expect(seedItems.length).toBeGreaterThan(100);
		const back = fromMoodleXml(toMoodleXml(seedItems));
		expect(back.refused).toEqual([]);
		expect(back.warnings).toEqual([]);
		expect(back.items).toEqual(seedItems);
	});

	it('reproduces short answers, embedded audio and pictures, and awkward characters', () => {
		const xml = toMoodleXml(exchangeSamples);
		expect(xml).toContain('@@PLUGINFILE@@/ex-lis-01.ogg');
		expect(xml).toContain(`encoding="base64">${OGG}</file>`);
		const back = fromMoodleXml(xml);
		expect(back.refused).toEqual([]);
		expect(back.items).toEqual(exchangeSamples);
	});

	it('carries calibrated a, b, c and their standard errors as tags, exactly', () => {
		const calibrated: BankFileItem = {
			...exchangeSamples[0],
			parameters: { a: 0.87, b: -1.0000000000000002, c: 0.25, bStandardError: 0.11, responses: 150 }
		};
		const xml = toMoodleXml([calibrated, exchangeSamples[1]]);
		expect(xml).toContain('<tag><text>mittaphap-irt-b:-1.0000000000000002</text></tag>');
		expect(xml).not.toContain('mittaphap-irt-a-se');
		const back = fromMoodleXml(xml);
		expect(back.refused).toEqual([]);
		expect(back.items).toEqual([calibrated, exchangeSamples[1]]);
	});

	it('brings text back in NFC', () => {
		const decomposed = 'Tiếng Việt'.normalize('NFD');
		const xml = toMoodleXml([{ ...exchangeSamples[1], prompt: decomposed }]);
		const [item] = fromMoodleXml(xml).items;
		expect(item.prompt).toBe('Tiếng Việt'.normalize('NFC'));
		expect(item.prompt).not.toBe(decomposed);
	});
});

const moodleQuestion = (body: string, type = 'multichoice') =>
	`<question type="${type}"><name><text>q</text></name>${body}</question>`;

describe('reading Moodle XML written by Moodle', () => {
	it('reads a plain multiple-choice question, assuming level and skill, with warnings', () => {
		const xml = `<?xml version="1.0"?>
<quiz>
<question type="category"><category><text>$course$/Default</text></category></question>
<question type="multichoice">
<name><text>Chào hỏi</text></name>
<questiontext format="html"><text><![CDATA[<p>Chọn câu chào <b>đúng</b>:<br>buổi sáng</p>]]></text></questiontext>
<answer fraction="100" format="html"><text><![CDATA[<p>Chào buổi sáng</p>]]></text></answer>
<answer fraction="0" format="html"><text>Tạm biệt</text></answer>
<answer fraction="0" format="html"><text>Cảm ơn &amp; xin lỗi</text></answer>
</question>
</quiz>`;
		const outcome = fromMoodleXml(xml);
		expect(outcome.refused).toEqual([]);
		expect(outcome.items).toEqual([
			{
				id: 'Chào hỏi',
				skill: 'vocabulary_grammar',
				level: ASSUMED_LEVEL,
				kind: 'choice',
				instruction: 'choose_word',
				prompt: 'Chọn câu chào đúng:\nbuổi sáng',
				options: ['Chào buổi sáng', 'Tạm biệt', 'Cảm ơn & xin lỗi'],
				answer: 0
			}
		]);
		expect(outcome.warnings.map((w) => [w.code, w.line])).toEqual([
			['level_assumed', 4],
			['skill_assumed', 4]
		]);
	});

	it('refuses a malformed file whole, with the line of the error', () => {
		const xml =
			'<?xml version="1.0"?>\n<quiz>\n<question type="essay">\n<name><text>a</text></name>\n</quiz>';
		const outcome = fromMoodleXml(xml);
		expect(outcome.items).toEqual([]);
		expect(outcome.refused).toHaveLength(1);
		expect(outcome.refused[0]).toMatchObject({ code: 'malformed', line: 5 });
	});

	it('refuses a file that is not Moodle XML', () => {
		expect(fromMoodleXml('<assessmentItem/>').refused).toEqual([{ code: 'not_exchange_file' }]);
	});

	it('refuses questions the bank cannot hold, each with its line, and keeps the others', () => {
		const ok = `<questiontext format="html"><text>Câu?</text></questiontext><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer><answer fraction="0"><text>c</text></answer>`;
		const xml = [
			'<quiz>',
			moodleQuestion(ok).replace('<text>q</text>', '<text>good</text>'),
			moodleQuestion('<questiontext><text>x</text></questiontext>', 'matching'),
			moodleQuestion(ok.replace('fraction="0"', 'fraction="50"')),
			moodleQuestion(ok.replace('fraction="0"', 'fraction="100"')),
			moodleQuestion(ok.replace(/<answer fraction="0"><text>c<\/text><\/answer>/, '')),
			moodleQuestion(ok + '<tags><tag><text>mittaphap-level:9</text></tag></tags>'),
			moodleQuestion(ok + '<tags><tag><text>mittaphap-skill:cooking</text></tag></tags>'),
			moodleQuestion('<questiontext><text>  </text></questiontext>', 'essay'),
			moodleQuestion(
				'<questiontext><text>Nghe</text><file name="x.exe" encoding="base64">AAAA</file></questiontext>',
				'essay'
			),
			moodleQuestion(
				'<questiontext><text>Viết</text></questiontext><answer fraction="0"><text>x</text></answer>',
				'shortanswer'
			),
			moodleQuestion(ok).replace('<text>q</text>', '<text>good</text>'),
			moodleQuestion(ok + '<tags><tag><text>mittaphap-irt-b:0.5</text></tag></tags>'),
			moodleQuestion(
				ok +
					'<tags><tag><text>mittaphap-irt-a:1.2</text></tag><tag><text>mittaphap-irt-b:0</text></tag><tag><text>mittaphap-irt-c:1</text></tag></tags>'
			),
			'</quiz>'
		].join('\n');
		const outcome = fromMoodleXml(xml);
		expect(outcome.items.map((item) => item.id)).toEqual(['good']);
		expect(outcome.refused.map((p) => [p.code, p.line, p.detail])).toEqual([
			['unsupported_type', 3, 'matching'],
			['partial_credit', 4, undefined],
			['one_key', 5, undefined],
			['options_count', 6, '2'],
			['bad_level', 7, '9'],
			['bad_skill', 8, 'cooking'],
			['empty_prompt', 9, undefined],
			['bad_file', 10, 'x.exe'],
			['no_accepted', 11, undefined],
			['duplicate_id', 12, 'good'],
			['bad_parameters', 13, 'a='],
			['bad_parameters', 14, 'c=1']
		]);
	});
});
