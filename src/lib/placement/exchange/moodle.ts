/**
 * Moodle XML (Moodle Docs, "Moodle XML format") to and from the bank-file item shape.
 *
 * Mapping: choice ↔ `multichoice` (single answer, fractions 100/0), short answer ↔ `shortanswer`
 * (answers worth 100 %), writing and speaking tasks ↔ `essay`. Skill, level, instruction, shared passage,
 * dialogue and calibrated IRT parameters (`./parameters.ts`) travel as tags `mittaphap-<field>:<value>`
 * (Moodle keeps tags on its own export). The
 * question text is HTML: the reading passage, the prompt and the gloss each in a block with a class,
 * audio and pictures as `@@PLUGINFILE@@/<name>` with the bytes in `<file encoding="base64">`. What Moodle
 * has no field for (the words of a recording, the rubric's bands) goes in a `<mittaphap>` element that
 * Moodle's importer ignores. A file from Moodle itself (no classes, no tags) is read too: its text
 * becomes the prompt, a missing level or skill is assumed and reported as a warning.
 */
import { SKILLS, type Skill } from '../bank';
import {
	INSTRUCTIONS,
	type BankFileItem,
	type Instruction,
	type ItemFile,
	type Localized,
	type RubricCriterion
} from '../bank-file';
import { parameterFields, readParameters } from './parameters';
import {
	MAX_EXCHANGE_ITEMS,
	type ExchangeProblem,
	type ExchangeWarning,
	type ImportOutcome
} from './types';
import {
	attribute,
	childrenNamed,
	cleanBase64,
	escapeXml,
	fileType,
	firstNamed,
	htmlToText,
	lineAt,
	malformed,
	orderedParser,
	safeFileName,
	startIndex,
	tagOf,
	textContent,
	textToHtml,
	wrappedText,
	type OrderedNode
} from './xml';

const TAG = 'mittaphap-';
const PLUGINFILE = '@@PLUGINFILE@@/';
/** Level assumed for a question without a level tag (the middle of the scale), reported as a warning. */
export const ASSUMED_LEVEL = 3;
const LANGS = ['vi', 'lo', 'en'] as const;

/** Rubric given to an essay from a file without one: one overall criterion, bands 0–3. */
export const ASSUMED_RUBRIC: NonNullable<BankFileItem['rubric']> = {
	maxScorePerCriterion: 3,
	criteria: [
		{
			name: { vi: 'Tổng thể', lo: 'ລວມ', en: 'Overall' },
			bands: ['0', '1', '2', '3'].map((score) => ({ vi: score, lo: score, en: score }))
		}
	]
};

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const textElement = (name: string, text: string, format?: string) =>
	`<${name}${format ? ` format="${format}"` : ''}><text>${cdata(text)}</text></${name}>`;

function questionHtml(item: BankFileItem): string {
	const blocks: string[] = [];
	if (item.passage !== undefined)
		blocks.push(`<div class="mp-passage">${textToHtml(item.passage)}</div>`);
	blocks.push(`<p class="mp-prompt">${textToHtml(item.prompt)}</p>`);
	if (item.promptGloss !== undefined)
		blocks.push(`<p class="mp-gloss">${textToHtml(item.promptGloss)}</p>`);
	for (const file of item.files ?? []) {
		const src = `${PLUGINFILE}${file.name}`;
		blocks.push(
			file.kind === 'audio'
				? `<p class="mp-file"><audio controls="controls" src="${escapeXml(src)}"></audio></p>`
				: `<p class="mp-file"><img src="${escapeXml(src)}" alt="${escapeXml(file.name)}"/></p>`
		);
	}
	return blocks.join('');
}

function localized(name: string, value: Localized): string {
	return `<${name}>${LANGS.map((lang) => `<${lang}>${escapeXml(value[lang])}</${lang}>`).join('')}</${name}>`;
}

function extension(item: BankFileItem): string {
	const parts: string[] = [];
	if (item.audioScript !== undefined)
		parts.push(`<audioscript>${escapeXml(item.audioScript)}</audioscript>`);
	if (item.rubric) {
		const criteria = item.rubric.criteria
			.map(
				(criterion) =>
					`<criterion>${localized('name', criterion.name)}${criterion.bands
						.map((band) => localized('band', band))
						.join('')}</criterion>`
			)
			.join('');
		parts.push(`<rubric maxscore="${item.rubric.maxScorePerCriterion}">${criteria}</rubric>`);
	}
	return parts.length ? `<mittaphap>${parts.join('')}</mittaphap>` : '';
}

function rubricHtml(item: BankFileItem): string {
	if (!item.rubric) return '';
	return item.rubric.criteria
		.map(
			(criterion) =>
				`<p><b>${escapeXml(criterion.name.en)}</b></p><ol start="0">${criterion.bands
					.map((band) => `<li>${escapeXml(band.en)}</li>`)
					.join('')}</ol>`
		)
		.join('');
}

function tags(item: BankFileItem): string {
	const values: [string, string][] = [
		['skill', item.skill],
		['level', String(item.level)],
		['instruction', item.instruction]
	];
	if (item.passageId !== undefined) values.push(['passage', item.passageId]);
	if (item.dialogue) values.push(['dialogue', 'true']);
	if (item.awaitingRecording) values.push(['awaiting-recording', 'true']);
	if (item.speakingTime)
		values.push([
			'speaking-time',
			`${item.speakingTime.fromSeconds}-${item.speakingTime.toSeconds}`
		]);
	for (const [field, value] of parameterFields(item.parameters))
		values.push([`irt-${field}`, value]);
	return `<tags>${values
		.map(([key, value]) => `<tag><text>${escapeXml(`${TAG}${key}:${value}`)}</text></tag>`)
		.join('')}</tags>`;
}

function filesXml(item: BankFileItem): string {
	return (item.files ?? [])
		.map(
			(file) =>
				`<file name="${escapeXml(file.name)}" path="/" encoding="base64">${file.base64}</file>`
		)
		.join('');
}

function questionXml(item: BankFileItem): string {
	const type =
		item.kind === 'choice' ? 'multichoice' : item.kind === 'short_answer' ? 'shortanswer' : 'essay';
	const body: string[] = [
		textElement('name', item.id),
		`<questiontext format="html"><text>${cdata(questionHtml(item))}</text>${filesXml(item)}</questiontext>`,
		item.note !== undefined
			? textElement('generalfeedback', textToHtml(item.note), 'html')
			: textElement('generalfeedback', '', 'html'),
		'<defaultgrade>1</defaultgrade>',
		'<penalty>0</penalty>',
		'<hidden>0</hidden>',
		`<idnumber>${escapeXml(item.id)}</idnumber>`
	];
	if (item.kind === 'choice') {
		body.push(
			'<single>true</single>',
			'<shuffleanswers>false</shuffleanswers>',
			'<answernumbering>abc</answernumbering>'
		);
		(item.options ?? []).forEach((option, index) => {
			body.push(
				`<answer fraction="${index === item.answer ? 100 : 0}" format="html"><text>${cdata(textToHtml(option))}</text></answer>`
			);
		});
	} else if (item.kind === 'short_answer') {
		body.push('<usecase>0</usecase>');
		for (const accepted of item.accepted ?? []) {
			body.push(
				`<answer fraction="100" format="moodle_auto_format"><text>${escapeXml(accepted)}</text></answer>`
			);
		}
	} else {
		body.push(
			`<responseformat>${item.kind === 'speaking' ? 'noinline' : 'editor'}</responseformat>`,
			'<responserequired>1</responserequired>',
			`<attachments>${item.kind === 'speaking' ? 1 : 0}</attachments>`,
			textElement('graderinfo', rubricHtml(item), 'html')
		);
	}
	body.push(tags(item), extension(item));
	return `<question type="${type}">${body.join('')}</question>`;
}

/**
 * A bank's items as one Moodle XML file, in a category named after the bank. Text is written in NFC as
 * given; files are embedded in base64.
 */
export function toMoodleXml(items: readonly BankFileItem[], category = 'Mittaphap'): string {
	const questions = items.map((item) => `  ${questionXml(item)}`).join('\n');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n` +
		`  <question type="category"><category><text>${escapeXml(`$course$/top/${category}`)}</text></category></question>\n` +
		`${questions}\n</quiz>\n`
	);
}

// ---------------------------------------------------------------- import

type Tags = Map<string, string>;

function readTags(question: OrderedNode): Tags {
	const values = new Map<string, string>();
	const container = firstNamed(question, 'tags');
	for (const tag of container ? childrenNamed(container, 'tag') : []) {
		const text = wrappedText(tag).trim();
		if (!text.startsWith(TAG)) continue;
		const colon = text.indexOf(':');
		if (colon > 0) values.set(text.slice(TAG.length, colon), text.slice(colon + 1));
	}
	return values;
}

function readLocalized(node: OrderedNode | undefined): Localized {
	const value = { vi: '', lo: '', en: '' };
	if (!node) return value;
	for (const lang of LANGS) {
		const child = firstNamed(node, lang);
		value[lang] = child ? textContent(child) : '';
	}
	return value;
}

function readRubric(question: OrderedNode): BankFileItem['rubric'] | undefined {
	const ext = firstNamed(question, 'mittaphap');
	const rubric = ext && firstNamed(ext, 'rubric');
	if (!rubric) return undefined;
	const criteria: RubricCriterion[] = childrenNamed(rubric, 'criterion').map((criterion) => ({
		name: readLocalized(firstNamed(criterion, 'name')),
		bands: childrenNamed(criterion, 'band').map((band) => readLocalized(band))
	}));
	return { criteria, maxScorePerCriterion: Number(attribute(rubric, 'maxscore') ?? 0) };
}

function htmlField(node: OrderedNode | undefined): string | null {
	const html = wrappedText(node);
	if (html === '') return '';
	const format = node ? attribute(node, 'format') : undefined;
	if (format && format !== 'html' && format !== 'moodle_auto_format') return html;
	return htmlToText(html)?.text ?? null;
}

/**
 * Reads a Moodle XML file. A malformed file is refused whole (with the parser's line); otherwise each
 * question is read or refused on its own, with its line. Category entries are skipped. Texts are
 * normalised to NFC.
 */
export function fromMoodleXml(xml: string): ImportOutcome {
	const broken = malformed(xml);
	if (broken) return { items: [], refused: [broken], warnings: [] };
	const tree = orderedParser().parse(xml) as OrderedNode[];
	const quiz = tree.find((node) => tagOf(node) === 'quiz');
	if (!quiz) return { items: [], refused: [{ code: 'not_exchange_file' }], warnings: [] };
	const questions = childrenNamed(quiz, 'question').filter(
		(question) => attribute(question, 'type') !== 'category'
	);
	if (questions.length > MAX_EXCHANGE_ITEMS) {
		return {
			items: [],
			refused: [{ code: 'too_many', detail: String(MAX_EXCHANGE_ITEMS) }],
			warnings: []
		};
	}
	const outcome: ImportOutcome = { items: [], refused: [], warnings: [] };
	const seen = new Set<string>();
	questions.forEach((question, index) => {
		const at = startIndex(question);
		const line = at === undefined ? undefined : lineAt(xml, at);
		const read = readQuestion(question, index, line);
		if ('problem' in read) {
			outcome.refused.push(read.problem);
			return;
		}
		if (seen.has(read.item.id)) {
			outcome.refused.push({
				code: 'duplicate_id',
				line,
				item: read.item.id,
				detail: read.item.id
			});
			return;
		}
		seen.add(read.item.id);
		outcome.items.push(read.item);
		outcome.warnings.push(...read.warnings);
	});
	return outcome;
}

type Read = { item: BankFileItem; warnings: ExchangeWarning[] } | { problem: ExchangeProblem };

function readQuestion(question: OrderedNode, index: number, line: number | undefined): Read {
	const type = attribute(question, 'type') ?? '';
	const name = (
		textContent(firstNamed(question, 'idnumber') ?? {}).trim() ||
		wrappedText(firstNamed(question, 'name')).trim() ||
		`question-${index + 1}`
	).normalize('NFC');
	const refuse = (code: ExchangeProblem['code'], detail?: string): Read => ({
		problem: { code, line, item: name, ...(detail !== undefined ? { detail } : {}) }
	});
	const kindByType: Record<string, BankFileItem['kind'] | undefined> = {
		multichoice: 'choice',
		shortanswer: 'short_answer',
		essay: 'writing'
	};
	const baseKind = kindByType[type];
	if (!baseKind) return refuse('unsupported_type', type);

	const tags = readTags(question);
	const warnings: ExchangeWarning[] = [];
	const levelTag = tags.get('level');
	let level = ASSUMED_LEVEL;
	if (levelTag === undefined) warnings.push({ code: 'level_assumed', item: name, line });
	else {
		level = Number(levelTag);
		if (!Number.isInteger(level) || level < 1 || level > 6) return refuse('bad_level', levelTag);
	}
	const skillTag = tags.get('skill');
	const defaultSkill: Skill = baseKind === 'writing' ? 'writing' : 'vocabulary_grammar';
	if (skillTag !== undefined && !(SKILLS as readonly string[]).includes(skillTag))
		return refuse('bad_skill', skillTag);
	if (skillTag === undefined) warnings.push({ code: 'skill_assumed', item: name, line });
	const skill = (skillTag as Skill | undefined) ?? defaultSkill;
	const kind: BankFileItem['kind'] =
		baseKind === 'writing' ? (skill === 'speaking' ? 'speaking' : 'writing') : baseKind;
	if ((kind === 'writing' || kind === 'speaking') && skill !== kind)
		return refuse('bad_skill', skill);

	const questionText = firstNamed(question, 'questiontext');
	const html = wrappedText(questionText);
	const parsed = htmlToText(html);
	if (!parsed) return refuse('empty_prompt');
	const classed = (name: string) => parsed.parts.find((part) => part.className === name)?.text;
	const prompt = (classed('mp-prompt') ?? parsed.text).normalize('NFC');
	if (!prompt.trim()) return refuse('empty_prompt');

	const files: ItemFile[] = [];
	for (const file of questionText ? childrenNamed(questionText, 'file') : []) {
		const fileName = attribute(file, 'name') ?? '';
		const type = fileType(fileName);
		const base64 = cleanBase64(textContent(file));
		if (!type || !base64 || !safeFileName(fileName)) return refuse('bad_file', fileName);
		files.push({ name: fileName, ...type, base64 });
	}

	const instructionTag = tags.get('instruction');
	const instruction: Instruction = (INSTRUCTIONS as readonly string[]).includes(
		instructionTag ?? ''
	)
		? (instructionTag as Instruction)
		: kind === 'choice'
			? skill === 'listening'
				? 'listen_choose'
				: skill === 'reading'
					? 'read_choose'
					: 'choose_word'
			: kind === 'short_answer'
				? 'write_answer'
				: kind === 'speaking'
					? 'speak_task'
					: 'write_task';

	const item: BankFileItem = { id: name, skill, level, kind, instruction, prompt };
	const gloss = classed('mp-gloss');
	if (gloss !== undefined) item.promptGloss = gloss.normalize('NFC');
	const passage = classed('mp-passage');
	if (passage !== undefined) item.passage = passage.normalize('NFC');
	const ext = firstNamed(question, 'mittaphap');
	const script = ext && firstNamed(ext, 'audioscript');
	if (script) item.audioScript = textContent(script).normalize('NFC');
	if (tags.get('dialogue') === 'true') item.dialogue = true;
	if (tags.has('passage')) item.passageId = tags.get('passage');
	if (tags.get('awaiting-recording') === 'true') item.awaitingRecording = true;
	// A timed speaking task's stated time, "from-to" in seconds (the minimum length is derived from it).
	const time = /^(\d{1,3})-(\d{1,3})$/.exec(tags.get('speaking-time') ?? '');
	if (time && kind === 'speaking')
		item.speakingTime = { fromSeconds: Number(time[1]), toSeconds: Number(time[2]) };

	const answers = childrenNamed(question, 'answer').map((answer) => ({
		fraction: Number(attribute(answer, 'fraction') ?? 0),
		text: htmlField(answer)
	}));
	if (kind === 'choice') {
		if (answers.some((answer) => answer.text === null)) return refuse('empty_prompt');
		if (answers.length < 3 || answers.length > 4)
			return refuse('options_count', String(answers.length));
		if (answers.some((answer) => answer.fraction > 0 && answer.fraction < 100))
			return refuse('partial_credit');
		const keys = answers.filter((answer) => answer.fraction === 100);
		if (keys.length !== 1) return refuse('one_key');
		item.options = answers.map((answer) => (answer.text ?? '').normalize('NFC'));
		item.answer = answers.findIndex((answer) => answer.fraction === 100);
	} else if (kind === 'short_answer') {
		if (answers.some((answer) => answer.fraction > 0 && answer.fraction < 100))
			return refuse('partial_credit');
		const accepted = answers
			.filter((answer) => answer.fraction === 100 && answer.text?.trim())
			.map((answer) => (answer.text ?? '').normalize('NFC'));
		if (accepted.length === 0) return refuse('no_accepted');
		item.accepted = accepted;
	} else {
		const rubric = readRubric(question);
		item.rubric = rubric ?? ASSUMED_RUBRIC;
	}
	if (files.length > 0) item.files = files;
	const note = htmlField(firstNamed(question, 'generalfeedback'));
	if (note) item.note = note.normalize('NFC');
	const parameters = readParameters((field) => tags.get(`irt-${field}`));
	if (parameters && 'bad' in parameters) return refuse('bad_parameters', parameters.bad);
	if (parameters) item.parameters = parameters;
	return { item, warnings };
}
