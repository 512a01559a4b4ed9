/**
 * XML and HTML helpers shared by the converters, all on fast-xml-parser (no hand-written parser):
 * well-formedness with the line of the first error, element start lines, and the small HTML of question
 * texts turned into plain text and back.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ItemFile } from '../bank-file';
import type { ExchangeProblem } from './types';

/** HTML elements without a closing tag, as Moodle's editors write them (`<br>`, `<img …>`). */
const UNPAIRED = ['br', 'img', 'hr', 'source', 'input', 'meta', 'link', 'wbr', 'col', 'track'];
const BLOCKS = new Set([
	'p',
	'div',
	'blockquote',
	'li',
	'ul',
	'ol',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'table',
	'tr',
	'pre'
]);

/** Null when `xml` is well-formed; otherwise the 'malformed' problem with the parser's line. */
export function malformed(xml: string): ExchangeProblem | null {
	const result = XMLValidator.validate(xml, { allowBooleanAttributes: true });
	if (result === true) return null;
	return { code: 'malformed', line: result.err.line, detail: result.err.msg };
}

/** 1-based line of character `index`. */
export function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/** A parser keeping attributes (`@_name`), text as `#text`, tag order, and each node's start index. */
export function orderedParser(): XMLParser {
	return new XMLParser({
		preserveOrder: true,
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		parseTagValue: false,
		parseAttributeValue: false,
		trimValues: false,
		processEntities: true,
		htmlEntities: true,
		captureMetaData: true,
		cdataPropName: false
	});
}

/** An ordered node: `{ tag: children, ':@'?: attributes }` or `{ '#text': value }`. */
export type OrderedNode = Record<string, unknown>;

export function tagOf(node: OrderedNode): string | null {
	for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key;
	return null;
}

export function childrenOf(node: OrderedNode): OrderedNode[] {
	const tag = tagOf(node);
	const value = tag ? node[tag] : undefined;
	return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

export function attribute(node: OrderedNode, name: string): string | undefined {
	const attributes = node[':@'] as Record<string, unknown> | undefined;
	const value = attributes?.[`@_${name}`];
	return value === undefined ? undefined : String(value);
}

/** Start index of a node in the source (fast-xml-parser's captureMetaData), if recorded. */
export function startIndex(node: OrderedNode): number | undefined {
	const symbol = XMLParser.getMetaDataSymbol() as unknown as string;
	const meta = node[symbol] as { startIndex?: number } | undefined;
	return meta?.startIndex;
}

/** Direct children with this tag. */
export function childrenNamed(node: OrderedNode, tag: string): OrderedNode[] {
	return childrenOf(node).filter((child) => tagOf(child) === tag);
}

export function firstNamed(node: OrderedNode, tag: string): OrderedNode | undefined {
	return childrenNamed(node, tag)[0];
}

/** All text inside a node, exactly (no trimming). */
export function textContent(node: OrderedNode): string {
	if ('#text' in node) return String(node['#text']);
	return childrenOf(node).map(textContent).join('');
}

/** The text of `<tag><text>…</text></tag>` (Moodle's wrapper), or ''. */
export function wrappedText(node: OrderedNode | undefined): string {
	if (!node) return '';
	const text = firstNamed(node, 'text');
	return text ? textContent(text) : '';
}

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** Plain text as HTML: escaped, line breaks as `<br/>` (reversed exactly by `htmlToText`). */
export function textToHtml(text: string): string {
	return escapeXml(text).replace(/\r?\n/g, '<br/>');
}

export type HtmlPart = { className?: string; text: string };

/**
 * HTML of a question text as plain text: `<br>` and block ends become line breaks, entities are decoded,
 * `src` of `<img>`, `<audio>`, `<source>` and `<object data>` are collected. Top-level blocks are also
 * returned with their class, so a text written by `textToHtml` inside classed blocks comes back exactly.
 * Null when the HTML cannot be read even with HTML's unpaired tags allowed.
 */
export function htmlToText(
	html: string
): { text: string; parts: HtmlPart[]; sources: string[] } | null {
	// Browsers accept a bare "&" in HTML (Moodle's editors leave them in answers); XML does not.
	const wrapped = `<root>${html.replace(/&(?![a-zA-Z][a-zA-Z0-9]*;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;')}</root>`;
	if (
		XMLValidator.validate(wrapped, { unpairedTags: UNPAIRED, allowBooleanAttributes: true }) !==
		true
	)
		return null;
	const parser = new XMLParser({
		preserveOrder: true,
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		parseTagValue: false,
		trimValues: false,
		htmlEntities: true,
		unpairedTags: UNPAIRED,
		allowBooleanAttributes: true
	});
	const tree = parser.parse(wrapped) as OrderedNode[];
	const root = tree.find((node) => tagOf(node) === 'root');
	if (!root) return null;
	const sources: string[] = [];
	const render = (node: OrderedNode): string => {
		if ('#text' in node) return String(node['#text']);
		const tag = tagOf(node)?.toLowerCase() ?? '';
		if (tag === 'br') return '\n';
		for (const name of ['src', 'data']) {
			const value = attribute(node, name);
			if (value && ['img', 'audio', 'source', 'object', 'video'].includes(tag)) sources.push(value);
		}
		if (tag === 'script' || tag === 'style') return '';
		return childrenOf(node).map(render).join('');
	};
	const parts: HtmlPart[] = [];
	let loose = '';
	const flush = () => {
		if (loose.trim()) parts.push({ text: loose });
		loose = '';
	};
	for (const node of childrenOf(root)) {
		const tag = tagOf(node)?.toLowerCase();
		if (tag && BLOCKS.has(tag)) {
			flush();
			parts.push({ className: attribute(node, 'class'), text: render(node) });
		} else loose += render(node);
	}
	flush();
	const text = parts
		.map((part) => part.text)
		.filter((value) => value.trim() !== '')
		.join('\n')
		.trim();
	return { text, parts, sources };
}

const AUDIO_TYPES: Record<string, string> = {
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/ogg',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	wav: 'audio/wav',
	webm: 'audio/webm'
};
const IMAGE_TYPES: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp'
};

/** The kind and type of a file from its name's extension; null for anything but audio and pictures. */
export function fileType(name: string): Pick<ItemFile, 'kind' | 'mimeType'> | null {
	const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase() ?? '';
	if (AUDIO_TYPES[extension]) return { kind: 'audio', mimeType: AUDIO_TYPES[extension] };
	if (IMAGE_TYPES[extension]) return { kind: 'image', mimeType: IMAGE_TYPES[extension] };
	return null;
}

/**
 * A file name for a stored file of this MIME type (`fileType` reads the type back from it), or null for
 * a type no exchange file carries.
 */
export function exchangeFileName(base: string, mimeType: string): string | null {
	const type = mimeType.split(';')[0].trim().toLowerCase();
	const extension = Object.entries({ ...AUDIO_TYPES, ...IMAGE_TYPES }).find(
		([, t]) => t === type
	)?.[0];
	return extension ? `${base}.${extension}` : null;
}

/** A file name safe to use as a path in a zip or a Moodle file area: letters, digits, `.-_`. */
export function safeFileName(name: string): boolean {
	return /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/.test(name) && !name.includes('..');
}

/** Base64 without line breaks, and nothing else (RFC 4648 §4). */
export function cleanBase64(value: string): string | null {
	const compact = value.replace(/\s+/g, '');
	return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact) &&
		compact.length > 0
		? compact
		: null;
}
