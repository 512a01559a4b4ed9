/**
 * IMS QTI 2.1 and 3.0 items in an IMS content package (a zip with `imsmanifest.xml`) to and from the
 * bank-file item shape. One writer and one reader serve both versions: 3.0 spells the same elements
 * `qti-<kebab-case>` with kebab-case attributes in its own namespace, so names are mapped on the way
 * out and normalised to 2.1's camelCase on the way in.
 *
 * Mapping: choice ↔ `choiceInteraction` (one `simpleChoice` keyed by `correctResponse`), short answer ↔
 * `textEntryInteraction` (accepted answers as a `mapping`), writing and speaking tasks ↔
 * `extendedTextInteraction` (an `uploadInteraction` is read as a speaking task). The item body holds the
 * passage, prompt and gloss in blocks with classes (`mp-passage`, `mp-prompt`, `mp-gloss`), audio as
 * `<object data>` and pictures as `<img src>` pointing at files in the package. What QTI has no element
 * for (skill, level, instruction, the words of a recording, a shared passage's id, the reviewer's note,
 * the rubric's bands, calibrated IRT parameters — see `./parameters.ts`) travels in a `mittaphap-item` element of our namespace inside the resource's
 * `<metadata>` in the manifest, where content packages keep metadata. An item from another system (no
 * such element, no classes) is read too: its body text becomes the prompt, level and skill are assumed
 * and reported as warnings.
 */
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { SKILLS, type Skill } from '../bank';
import {
	INSTRUCTIONS,
	type BankFileItem,
	type Instruction,
	type ItemFile,
	type Localized,
	type RubricCriterion
} from '../bank-file';
import { ASSUMED_LEVEL, ASSUMED_RUBRIC } from './moodle';
import { parameterFields, readParameters } from './parameters';
import {
	MAX_EXCHANGE_ITEMS,
	type ExchangeProblem,
	type ExchangeWarning,
	type ImportOutcome
} from './types';
import {
	childrenOf,
	escapeXml,
	fileType,
	lineAt,
	malformed,
	orderedParser,
	safeFileName,
	startIndex,
	tagOf,
	textToHtml,
	type OrderedNode
} from './xml';

export const QTI_VERSIONS = ['2.1', '3.0'] as const;
export type QtiVersion = (typeof QTI_VERSIONS)[number];

/** Our metadata's namespace (an identifier, not a fetched address). */
export const MITTAPHAP_NS = 'https://mittaphap.org/ns/qti-item/1';
const LANGS = ['vi', 'lo', 'en'] as const;

const SPEC = {
	'2.1': {
		itemNs: 'http://www.imsglobal.org/xsd/imsqti_v2p1',
		itemSchema: 'http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd',
		packageNs: 'http://www.imsglobal.org/xsd/imscp_v1p1',
		resourceType: 'imsqti_item_xmlv2p1',
		matchCorrect: 'http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct',
		mapResponse: 'http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response'
	},
	'3.0': {
		itemNs: 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0',
		itemSchema: 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd',
		packageNs: 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1',
		resourceType: 'imsqti_item_xmlv3p0',
		matchCorrect: 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml',
		mapResponse: 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml'
	}
} as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

// ---------------------------------------------------------------- export

/** Writes QTI elements of one version: `el('choiceInteraction', {maxChoices: 1}, …)`. */
function writer(version: QtiVersion) {
	const name = (tag: string) => (version === '3.0' ? `qti-${kebab(tag)}` : tag);
	const attrs = (values: Record<string, string | number>) =>
		Object.entries(values)
			.map(
				([key, value]) =>
					` ${version === '3.0' && !key.includes(':') ? kebab(key) : key}="${escapeXml(String(value))}"`
			)
			.join('');
	return (tag: string, values: Record<string, string | number> = {}, ...content: string[]) =>
		content.length === 0
			? `<${name(tag)}${attrs(values)}/>`
			: `<${name(tag)}${attrs(values)}>${content.join('')}</${name(tag)}>`;
}

/** An identifier QTI accepts (an NCName); the exact id travels in our metadata. */
function qtiIdentifier(id: string, index: number): string {
	const cleaned = id.replace(/[^A-Za-z0-9._-]/g, '_');
	return /^[A-Za-z_]/.test(cleaned) ? cleaned : `item-${index + 1}-${cleaned}`;
}

const mediaPath = (index: number, file: ItemFile) => `media/${index + 1}/${file.name}`;

function itemXml(version: QtiVersion, item: BankFileItem, index: number): string {
	const el = writer(version);
	const spec = SPEC[version];
	const declarations: string[] = [];
	const body: string[] = [];
	let processing = '';
	if (item.passage !== undefined)
		body.push(`<div class="mp-passage">${textToHtml(item.passage)}</div>`);
	body.push(`<p class="mp-prompt">${textToHtml(item.prompt)}</p>`);
	if (item.promptGloss !== undefined)
		body.push(`<p class="mp-gloss">${textToHtml(item.promptGloss)}</p>`);
	for (const file of item.files ?? []) {
		const href = `../${mediaPath(index, file)}`;
		body.push(
			file.kind === 'audio'
				? `<p class="mp-file"><object data="${escapeXml(href)}" type="${escapeXml(file.mimeType)}"/></p>`
				: `<p class="mp-file"><img src="${escapeXml(href)}" alt="${escapeXml(file.name)}"/></p>`
		);
	}
	if (item.kind === 'choice') {
		declarations.push(
			el(
				'responseDeclaration',
				{ identifier: 'RESPONSE', cardinality: 'single', baseType: 'identifier' },
				el('correctResponse', {}, el('value', {}, `C${item.answer ?? 0}`))
			)
		);
		body.push(
			el(
				'choiceInteraction',
				{ responseIdentifier: 'RESPONSE', shuffle: 'false', maxChoices: 1 },
				...(item.options ?? []).map((option, i) =>
					el('simpleChoice', { identifier: `C${i}` }, textToHtml(option))
				)
			)
		);
		processing = el('responseProcessing', { template: spec.matchCorrect });
	} else if (item.kind === 'short_answer') {
		const accepted = item.accepted ?? [];
		declarations.push(
			el(
				'responseDeclaration',
				{ identifier: 'RESPONSE', cardinality: 'single', baseType: 'string' },
				el('correctResponse', {}, el('value', {}, escapeXml(accepted[0] ?? ''))),
				el(
					'mapping',
					{ defaultValue: 0 },
					...accepted.map((value) =>
						el('mapEntry', { mapKey: value, mappedValue: 1, caseSensitive: 'true' })
					)
				)
			)
		);
		body.push(
			`<p class="mp-response">${el('textEntryInteraction', { responseIdentifier: 'RESPONSE' })}</p>`
		);
		processing = el('responseProcessing', { template: spec.mapResponse });
	} else {
		declarations.push(
			el('responseDeclaration', {
				identifier: 'RESPONSE',
				cardinality: 'single',
				baseType: 'string'
			})
		);
		body.push(el('extendedTextInteraction', { responseIdentifier: 'RESPONSE' }));
		if (item.rubric) {
			// For the partner's scorers; our importer reads the rubric from the metadata.
			const lines = item.rubric.criteria
				.map(
					(criterion) =>
						`<p><b>${escapeXml(criterion.name.en)}</b>: ${criterion.bands
							.map((band, score) => `${score} ${escapeXml(band.en)}`)
							.join(' · ')}</p>`
				)
				.join('');
			body.push(
				el(
					'rubricBlock',
					{ view: 'scorer' },
					version === '3.0' ? el('contentBody', {}, lines) : lines
				)
			);
		}
	}
	declarations.push(
		el('outcomeDeclaration', { identifier: 'SCORE', cardinality: 'single', baseType: 'float' })
	);
	const root = version === '3.0' ? 'qti-assessment-item' : 'assessmentItem';
	const rootAttrs =
		` xmlns="${spec.itemNs}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="${spec.itemNs} ${spec.itemSchema}"` +
		` identifier="${escapeXml(qtiIdentifier(item.id, index))}" title="${escapeXml(item.id)}"` +
		(version === '3.0'
			? ' adaptive="false" time-dependent="false"'
			: ' adaptive="false" timeDependent="false"');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<${root}${rootAttrs}>\n` +
		declarations.map((d) => `  ${d}\n`).join('') +
		`  ${el('itemBody', {}, ...body)}\n` +
		(processing ? `  ${processing}\n` : '') +
		`</${root}>\n`
	);
}

function localized(tag: string, value: Localized): string {
	return `<mp:${tag}>${LANGS.map((lang) => `<mp:${lang}>${escapeXml(value[lang])}</mp:${lang}>`).join('')}</mp:${tag}>`;
}

/** Our fields QTI lacks, as the resource's metadata. */
function metadataXml(item: BankFileItem): string {
	const attrs: [string, string][] = [
		['id', item.id],
		['skill', item.skill],
		['level', String(item.level)],
		['instruction', item.instruction]
	];
	if (item.passageId !== undefined) attrs.push(['passage-id', item.passageId]);
	if (item.dialogue) attrs.push(['dialogue', 'true']);
	if (item.awaitingRecording) attrs.push(['awaiting-recording', 'true']);
	if (item.speakingTime)
		attrs.push([
			'speaking-time',
			`${item.speakingTime.fromSeconds}-${item.speakingTime.toSeconds}`
		]);
	const children: string[] = [];
	if (item.audioScript !== undefined)
		children.push(`<mp:audio-script>${escapeXml(item.audioScript)}</mp:audio-script>`);
	if (item.note !== undefined) children.push(`<mp:note>${escapeXml(item.note)}</mp:note>`);
	if (item.rubric) {
		const criteria = item.rubric.criteria
			.map(
				(criterion) =>
					`<mp:criterion>${localized('name', criterion.name)}${criterion.bands
						.map((band) => localized('band', band))
						.join('')}</mp:criterion>`
			)
			.join('');
		children.push(
			`<mp:rubric max-score="${item.rubric.maxScorePerCriterion}">${criteria}</mp:rubric>`
		);
	}
	const parameters = parameterFields(item.parameters);
	if (parameters.length > 0)
		children.push(`<mp:irt${parameters.map(([key, value]) => ` ${key}="${value}"`).join('')}/>`);
	return `<mp:mittaphap-item xmlns:mp="${MITTAPHAP_NS}"${attrs
		.map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
		.join('')}>${children.join('')}</mp:mittaphap-item>`;
}

/**
 * Items as an IMS content package: `imsmanifest.xml`, one QTI item file per item under `items/`, their
 * audio and pictures under `media/<n>/`. Keys are included (the package is for partners' test
 * developers).
 */
export function toQtiPackage(
	items: readonly BankFileItem[],
	options: { version: QtiVersion; title?: string }
): Uint8Array {
	const { version } = options;
	const spec = SPEC[version];
	const files: Record<string, Uint8Array> = {};
	const resources = items.map((item, index) => {
		const href = `items/${String(index + 1).padStart(4, '0')}.xml`;
		files[href] = strToU8(itemXml(version, item, index));
		const media = (item.files ?? []).map((file) => {
			const path = mediaPath(index, file);
			files[path] = new Uint8Array(Buffer.from(file.base64, 'base64'));
			return `<file href="${escapeXml(path)}"/>`;
		});
		return (
			`    <resource identifier="R${index + 1}" type="${spec.resourceType}" href="${href}">` +
			`<metadata>${metadataXml(item)}</metadata><file href="${href}"/>${media.join('')}</resource>\n`
		);
	});
	const manifest =
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<manifest xmlns="${spec.packageNs}" identifier="MANIFEST-${escapeXml((options.title ?? 'mittaphap').replace(/[^A-Za-z0-9._-]/g, '_'))}">\n` +
		`  <metadata><schema>QTI Package</schema><schemaversion>${version === '3.0' ? '3.0.0' : '2.1'}</schemaversion></metadata>\n` +
		`  <organizations/>\n  <resources>\n${resources.join('')}  </resources>\n</manifest>\n`;
	return zipSync({ 'imsmanifest.xml': strToU8(manifest), ...files });
}

// ---------------------------------------------------------------- import

/** A parsed element with QTI 3.0 names normalised to 2.1 and namespace prefixes dropped. */
type El = { tag: string; attrs: Record<string, string>; children: Node[]; start?: number };
type Node = El | string;

function simplify(node: OrderedNode): Node | null {
	if ('#text' in node) return String(node['#text']);
	const raw = tagOf(node);
	if (!raw || raw.startsWith('?')) return null;
	const local = raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : raw;
	const tag = local.startsWith('qti-') ? camel(local.slice(4)) : local;
	const attrs: Record<string, string> = {};
	const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
	const qti3 = local.startsWith('qti-');
	for (const [key, value] of Object.entries(rawAttrs)) {
		const name = key.slice(2);
		attrs[qti3 ? camel(name) : name] = String(value);
	}
	const children = childrenOf(node)
		.map(simplify)
		.filter((child): child is Node => child !== null);
	return { tag, attrs, children, start: startIndex(node) };
}

function parseXml(xml: string): El[] {
	return (orderedParser().parse(xml) as OrderedNode[])
		.map(simplify)
		.filter((node): node is El => node !== null && typeof node !== 'string');
}

const elements = (node: El, tag?: string) =>
	node.children.filter(
		(child): child is El => typeof child !== 'string' && (!tag || child.tag === tag)
	);
const first = (node: El | undefined, tag: string) => (node ? elements(node, tag)[0] : undefined);
/** Every element below `node` (depth first). */
function descendants(node: El): El[] {
	return elements(node).flatMap((child) => [child, ...descendants(child)]);
}
function text(node: Node | undefined): string {
	if (node === undefined) return '';
	if (typeof node === 'string') return node;
	return node.children.map(text).join('');
}

const INTERACTIONS = new Set([
	'choiceInteraction',
	'textEntryInteraction',
	'extendedTextInteraction',
	'uploadInteraction'
]);

/** Body content as plain text: `<br/>` is a line break; interactions and scorers' rubrics are left out. */
function render(node: Node): string {
	if (typeof node === 'string') return node;
	if (node.tag === 'br') return '\n';
	if (INTERACTIONS.has(node.tag) || node.tag.endsWith('Interaction')) return '';
	if (node.tag === 'rubricBlock' || node.tag === 'prompt') return '';
	return node.children.map(render).join('');
}

/** Text of another system's block: its whitespace from indentation folded. */
const folded = (value: string) =>
	value
		.split('\n')
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n');

function readLocalized(node: El | undefined): Localized {
	const value = { vi: '', lo: '', en: '' };
	for (const lang of LANGS) value[lang] = text(first(node, lang));
	return value;
}

type Metadata = El | undefined;

/** Resolves `href` against the directory of `base` inside the package ("items/1.xml" + "../a" → "a"). */
function resolvePath(base: string, href: string): string {
	const parts = base.split('/').slice(0, -1);
	for (const part of href.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

type Read = { item: BankFileItem; warnings: ExchangeWarning[] } | { problem: ExchangeProblem };

/**
 * One QTI item file (either version) with its metadata from the manifest, if any, and the package's
 * files (to embed audio and pictures).
 */
function readItem(
	xml: string,
	path: string | undefined,
	metadata: Metadata,
	packageFiles: Record<string, Uint8Array>,
	index: number
): Read {
	const broken = malformed(xml);
	if (broken) return { problem: { ...broken, ...(path ? { file: path } : {}) } };
	const root = parseXml(xml).find((node) => node.tag === 'assessmentItem');
	const at = (node: El | undefined) =>
		node?.start === undefined ? undefined : lineAt(xml, node.start);
	const where = (node: El | undefined) => ({
		...(path ? { file: path } : {}),
		...(at(node) !== undefined ? { line: at(node) } : {})
	});
	if (!root) return { problem: { code: 'not_exchange_file', ...where(undefined) } };
	const id = (
		metadata?.attrs.id ||
		root.attrs.identifier ||
		root.attrs.title ||
		`item-${index + 1}`
	).normalize('NFC');
	const refuse = (code: ExchangeProblem['code'], node: El | undefined, detail?: string): Read => ({
		problem: { code, item: id, ...where(node ?? root), ...(detail !== undefined ? { detail } : {}) }
	});
	const body = first(root, 'itemBody');
	if (!body) return refuse('empty_prompt', root);
	const all = descendants(body);
	const interactions = all.filter((node) => node.tag.endsWith('Interaction'));
	if (interactions.length !== 1)
		return interactions.length === 0
			? refuse('unsupported_type', body, 'itemBody')
			: refuse('unsupported_type', interactions[1], `${interactions.length} interactions`);
	const interaction = interactions[0];
	if (!INTERACTIONS.has(interaction.tag))
		return refuse('unsupported_type', interaction, interaction.tag);
	const baseKind: BankFileItem['kind'] =
		interaction.tag === 'choiceInteraction'
			? 'choice'
			: interaction.tag === 'textEntryInteraction'
				? 'short_answer'
				: interaction.tag === 'uploadInteraction'
					? 'speaking'
					: 'writing';

	const warnings: ExchangeWarning[] = [];
	const line = at(root);
	const levelValue = metadata?.attrs.level;
	let level = ASSUMED_LEVEL;
	if (levelValue === undefined) warnings.push({ code: 'level_assumed', item: id, line });
	else {
		level = Number(levelValue);
		if (!Number.isInteger(level) || level < 1 || level > 6)
			return refuse('bad_level', root, levelValue);
	}
	const skillValue = metadata?.attrs.skill;
	if (skillValue !== undefined && !(SKILLS as readonly string[]).includes(skillValue))
		return refuse('bad_skill', root, skillValue);
	if (skillValue === undefined) warnings.push({ code: 'skill_assumed', item: id, line });
	const skill: Skill =
		(skillValue as Skill | undefined) ??
		(baseKind === 'writing' || baseKind === 'speaking' ? baseKind : 'vocabulary_grammar');
	const kind: BankFileItem['kind'] =
		baseKind === 'writing' && skill === 'speaking' ? 'speaking' : baseKind;
	if ((kind === 'writing' || kind === 'speaking') && skill !== kind)
		return refuse('bad_skill', root, skill);

	// The texts: our classed blocks, or for another system's item the body's text and the prompt.
	const classed = (name: string) => {
		const block = elements(body).find((node) => node.attrs.class?.split(/\s+/).includes(name));
		return block ? render(block) : undefined;
	};
	const ours = classed('mp-prompt') !== undefined;
	const prompt = (
		ours
			? (classed('mp-prompt') ?? '')
			: folded(
					[
						...body.children.map(render),
						'\n',
						first(interaction, 'prompt') ? text(first(interaction, 'prompt')) : ''
					].join('')
				)
	).normalize('NFC');
	if (!prompt.trim()) return refuse('empty_prompt', body);

	const files: ItemFile[] = [];
	for (const node of all) {
		const href =
			node.tag === 'object'
				? node.attrs.data
				: ['img', 'audio', 'source'].includes(node.tag)
					? node.attrs.src
					: undefined;
		if (!href) continue;
		const name = href.split('/').pop() ?? '';
		const type = fileType(name);
		const bytes = packageFiles[resolvePath(path ?? '', href)];
		if (!type || !safeFileName(name) || !bytes || bytes.byteLength === 0)
			return refuse(bytes ? 'bad_file' : 'missing_file', node, href);
		if (files.some((file) => file.name === name)) continue;
		files.push({ name, ...type, base64: Buffer.from(bytes).toString('base64') });
	}

	const instructionValue = metadata?.attrs.instruction ?? '';
	const instruction: Instruction = (INSTRUCTIONS as readonly string[]).includes(instructionValue)
		? (instructionValue as Instruction)
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
	const item: BankFileItem = { id, skill, level, kind, instruction, prompt };
	const gloss = classed('mp-gloss');
	if (gloss !== undefined) item.promptGloss = gloss.normalize('NFC');
	const passage = classed('mp-passage');
	if (passage !== undefined) item.passage = passage.normalize('NFC');
	const script = first(metadata, 'audio-script');
	if (script) item.audioScript = text(script).normalize('NFC');
	if (metadata?.attrs.dialogue === 'true') item.dialogue = true;
	if (metadata?.attrs['passage-id'] !== undefined) item.passageId = metadata.attrs['passage-id'];
	if (metadata?.attrs['awaiting-recording'] === 'true') item.awaitingRecording = true;
	const time = /^(\d{1,3})-(\d{1,3})$/.exec(metadata?.attrs['speaking-time'] ?? '');
	if (time && kind === 'speaking')
		item.speakingTime = { fromSeconds: Number(time[1]), toSeconds: Number(time[2]) };

	const declaration = elements(root, 'responseDeclaration').find(
		(node) => node.attrs.identifier === interaction.attrs.responseIdentifier
	);
	const correct = first(declaration, 'correctResponse');
	const correctValues = correct
		? elements(correct, 'value').map((value) => text(value).trim())
		: [];
	if (kind === 'choice') {
		const choices = descendants(interaction).filter((node) => node.tag === 'simpleChoice');
		if (choices.length < 3 || choices.length > 4)
			return refuse('options_count', interaction, String(choices.length));
		if (Number(interaction.attrs.maxChoices ?? '1') !== 1) return refuse('one_key', interaction);
		if (correctValues.length === 0) return refuse('no_key', declaration ?? interaction);
		const keys = choices.filter((choice) => correctValues.includes(choice.attrs.identifier));
		if (correctValues.length !== 1 || keys.length !== 1)
			return refuse('one_key', declaration ?? interaction);
		const options = choices.map((choice) =>
			(ours ? render(choice) : folded(render(choice))).normalize('NFC')
		);
		if (options.some((option) => !option.trim())) return refuse('empty_prompt', interaction);
		item.options = options;
		item.answer = choices.indexOf(keys[0]);
	} else if (kind === 'short_answer') {
		const mapping = first(declaration, 'mapping');
		const mapped = mapping
			? elements(mapping, 'mapEntry').filter((entry) => Number(entry.attrs.mappedValue ?? 0) >= 1)
			: [];
		if (
			mapping &&
			elements(mapping, 'mapEntry').some((entry) => {
				const value = Number(entry.attrs.mappedValue ?? 0);
				return value > 0 && value < 1;
			})
		)
			return refuse('partial_credit', mapping);
		const accepted = (
			mapped.length ? mapped.map((entry) => entry.attrs.mapKey ?? '') : correctValues
		)
			.filter((value) => value.trim())
			.map((value) => value.normalize('NFC'));
		if (accepted.length === 0) return refuse('no_key', declaration ?? interaction);
		item.accepted = accepted;
	} else {
		const rubric = first(metadata, 'rubric');
		if (rubric) {
			const criteria: RubricCriterion[] = elements(rubric, 'criterion').map((criterion) => ({
				name: readLocalized(first(criterion, 'name')),
				bands: elements(criterion, 'band').map((band) => readLocalized(band))
			}));
			item.rubric = { criteria, maxScorePerCriterion: Number(rubric.attrs['max-score'] ?? 0) };
		} else item.rubric = ASSUMED_RUBRIC;
	}
	if (files.length > 0) item.files = files;
	const note = first(metadata, 'note');
	if (note) item.note = text(note).normalize('NFC');
	const irt = first(metadata, 'irt');
	if (irt) {
		const parameters = readParameters((field) => irt.attrs[field]);
		if (parameters && 'bad' in parameters)
			return refuse('bad_parameters', undefined, parameters.bad);
		if (parameters) item.parameters = parameters;
	}
	return { item, warnings };
}

/** The outcome of reading several items, with duplicate ids refused. */
function collect(reads: Read[]): ImportOutcome {
	const outcome: ImportOutcome = { items: [], refused: [], warnings: [] };
	const seen = new Set<string>();
	for (const read of reads) {
		if ('problem' in read) {
			outcome.refused.push(read.problem);
		} else if (seen.has(read.item.id)) {
			outcome.refused.push({ code: 'duplicate_id', item: read.item.id, detail: read.item.id });
		} else {
			seen.add(read.item.id);
			outcome.items.push(read.item);
			outcome.warnings.push(...read.warnings);
		}
	}
	return outcome;
}

const refusedWhole = (problem: ExchangeProblem): ImportOutcome => ({
	items: [],
	refused: [problem],
	warnings: []
});

function decode(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return null;
	}
}

/** One QTI item file (2.1 or 3.0) without a package: no metadata, no files. */
export function fromQtiItemXml(xml: string): ImportOutcome {
	return collect([readItem(xml, undefined, undefined, {}, 0)]);
}

/** Whether these bytes are a zip archive (local file header or an empty archive's end record). */
export const isZip = (bytes: Uint8Array) =>
	bytes.length >= 4 &&
	bytes[0] === 0x50 &&
	bytes[1] === 0x4b &&
	((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

/** The most a package may hold once unpacked: guards against a small zip that unpacks to gigabytes. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * Reads an IMS content package of QTI 2.1 or 3.0 items. A zip that cannot be opened, a package without
 * `imsmanifest.xml` or with a malformed one is refused whole; otherwise each item resource is read or
 * refused on its own, with its file and line.
 */
export function fromQtiPackage(bytes: Uint8Array): ImportOutcome & { version: QtiVersion | null } {
	let files: Record<string, Uint8Array>;
	let unpacked = 0;
	try {
		files = unzipSync(bytes, {
			filter: (file) => {
				unpacked += file.originalSize;
				if (unpacked > MAX_UNPACKED_BYTES) throw new Error('too large');
				return !file.name.endsWith('/');
			}
		});
	} catch (thrown) {
		const tooLarge = thrown instanceof Error && thrown.message === 'too large';
		return {
			...refusedWhole(tooLarge ? { code: 'too_large' } : { code: 'bad_zip' }),
			version: null
		};
	}
	const manifestBytes = files['imsmanifest.xml'];
	if (!manifestBytes) return { ...refusedWhole({ code: 'no_manifest' }), version: null };
	const manifestXml = decode(manifestBytes);
	if (manifestXml === null)
		return {
			...refusedWhole({ code: 'malformed', file: 'imsmanifest.xml', detail: 'not UTF-8' }),
			version: null
		};
	const broken = malformed(manifestXml);
	if (broken) return { ...refusedWhole({ ...broken, file: 'imsmanifest.xml' }), version: null };
	const manifest = parseXml(manifestXml).find((node) => node.tag === 'manifest');
	const resources = manifest
		? descendants(manifest).filter(
				(node) =>
					node.tag === 'resource' && /^imsqti_item_xmlv(2p[0-2]|3p0)$/.test(node.attrs.type ?? '')
			)
		: [];
	if (!manifest || resources.length === 0)
		return {
			...refusedWhole({ code: 'not_exchange_file', file: 'imsmanifest.xml' }),
			version: null
		};
	if (resources.length > MAX_EXCHANGE_ITEMS)
		return {
			...refusedWhole({ code: 'too_many', detail: String(MAX_EXCHANGE_ITEMS) }),
			version: null
		};
	const version: QtiVersion = (resources[0].attrs.type ?? '').endsWith('3p0') ? '3.0' : '2.1';
	const reads = resources.map((resource, index): Read => {
		const href = resource.attrs.href ?? first(resource, 'file')?.attrs.href ?? '';
		const metadata = descendants(resource).find((node) => node.tag === 'mittaphap-item');
		const itemBytes = files[href];
		const line = resource.start === undefined ? undefined : lineAt(manifestXml, resource.start);
		if (!itemBytes)
			return {
				problem: {
					code: 'missing_file',
					file: 'imsmanifest.xml',
					line,
					...(metadata?.attrs.id ? { item: metadata.attrs.id } : {}),
					detail: href
				}
			};
		const xml = decode(itemBytes);
		if (xml === null) return { problem: { code: 'malformed', file: href, detail: 'not UTF-8' } };
		return readItem(xml, href, metadata, files, index);
	});
	return { ...collect(reads), version };
}
