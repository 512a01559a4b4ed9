/**
 * The one Markdown renderer for lesson text an author writes (a lesson's notes: its introduction,
 * explanations and grammar points). `marked` turns Markdown into HTML, then DOMPurify keeps only a
 * short list of tags and attributes, on the server (jsdom, through isomorphic-dompurify) and in the
 * browser (the editor's live preview) alike. Two layers, so no author can run script in a learner's
 * page: raw HTML an author types is shown as text, never parsed; and whatever HTML comes out of
 * Markdown is sanitized with an allow-list (no script, style, iframe, svg, math, form, no `on*` or
 * `style` attributes, links only to http(s), mailto and this site's paths, pictures only from this
 * site's media store `/media/<id>` — no data: URLs, no tracking pixels from elsewhere).
 */
import { Marked, type Tokens } from 'marked';
import DOMPurify from 'isomorphic-dompurify';

import { MARKDOWN_MAX_LENGTH } from './limits';

export { MARKDOWN_MAX_LENGTH };

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A picture of the media store: `/media/<uuid>` (versioned, immutable URLs). */
export const MEDIA_PATH = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const marked = new Marked({
	gfm: true,
	breaks: true,
	async: false,
	renderer: {
		// Raw HTML is text: authors write Markdown, and HTML is where script would come in.
		html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
		// The page's own headings are h1/h2: a note's "#" is an h3.
		heading(token: Tokens.Heading) {
			const level = Math.min(token.depth + 2, 6);
			return `<h${level}>${this.parser.parseInline(token.tokens)}</h${level}>\n`;
		},
		image(token: Tokens.Image) {
			if (!MEDIA_PATH.test(token.href)) return escapeHtml(token.text);
			return `<img src="${token.href}" alt="${escapeHtml(token.text)}">`;
		}
	}
});

const ALLOWED_TAGS = [
	'p',
	'br',
	'strong',
	'em',
	'del',
	'code',
	'pre',
	'blockquote',
	'ul',
	'ol',
	'li',
	'h3',
	'h4',
	'h5',
	'h6',
	'hr',
	'a',
	'img',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td'
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'start'];
/** http(s), mailto, a path of this site (one slash: `//host` is another site) or an anchor. */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|\/(?![/\\])|#)/i;

let hooked = false;
function addHooks() {
	if (hooked) return;
	hooked = true;
	DOMPurify.addHook('afterSanitizeAttributes', (node) => {
		if (node.nodeName === 'A' && node.hasAttribute('href')) {
			node.setAttribute('rel', 'noopener noreferrer nofollow');
			node.setAttribute('target', '_blank');
		}
		if (node.nodeName === 'IMG') {
			if (!MEDIA_PATH.test(node.getAttribute('src') ?? '')) node.parentNode?.removeChild(node);
			else {
				node.setAttribute('loading', 'lazy');
				node.setAttribute('decoding', 'async');
			}
		}
	});
}

/** Sanitized HTML for an author's Markdown (empty for empty text). */
export function renderMarkdown(markdown: string | undefined | null): string {
	const text = (markdown ?? '').slice(0, MARKDOWN_MAX_LENGTH);
	if (!text.trim()) return '';
	addHooks();
	const html = marked.parse(text) as string;
	return DOMPurify.sanitize(html, {
		ALLOWED_TAGS,
		ALLOWED_ATTR,
		ALLOWED_URI_REGEXP,
		ALLOW_DATA_ATTR: false,
		ALLOW_ARIA_ATTR: false
	});
}

/** Each language of a Markdown gloss rendered (a lesson's notes); null when none has text. */
export function renderMarkdownGloss<G extends Partial<Record<string, string>>>(
	notes: G | null | undefined
): G | null {
	const html = Object.fromEntries(
		Object.entries(notes ?? {})
			.map(([language, text]) => [language, renderMarkdown(text)] as const)
			.filter(([, rendered]) => rendered !== '')
	);
	return Object.keys(html).length ? (html as G) : null;
}
