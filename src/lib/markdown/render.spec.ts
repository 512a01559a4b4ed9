// @vitest-environment jsdom
// The rendered HTML is parsed as a browser parses it (jsdom's DOMParser), then searched.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, MARKDOWN_MAX_LENGTH } from './render';

/** Every element and attribute of the rendered HTML, parsed as a browser would. */
function parsed(html: string) {
	const document = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
	const elements = [...document.body.querySelectorAll('*')];
	return {
		document,
		tags: elements.map((e) => e.nodeName.toLowerCase()),
		attributes: elements.flatMap((e) => [...e.attributes].map((a) => [a.name, a.value] as const))
	};
}

const MEDIA = '/media/0b7c4a38-2c1e-4d0e-9f3a-1b2c3d4e5f60';

/** Nothing that runs or loads from elsewhere: the properties every hostile input must keep. */
function expectInert(html: string) {
	const { tags, attributes } = parsed(html);
	for (const tag of [
		'script',
		'iframe',
		'object',
		'embed',
		'svg',
		'math',
		'style',
		'form',
		'input'
	])
		expect(tags).not.toContain(tag);
	for (const [name, value] of attributes) {
		expect(name).not.toMatch(/^on/i);
		expect(name).not.toBe('style');
		if (name === 'href' || name === 'src') {
			expect(value).not.toMatch(/^\s*(javascript|vbscript|data):/i);
			expect(value).not.toMatch(/^\/\//);
		}
		if (name === 'src') expect(value).toMatch(/^\/media\//);
	}
}

describe('renderMarkdown', () => {
	it('renders the Markdown an author writes: emphasis, lists, links, headings, tables, media pictures', () => {
		const html = renderMarkdown(
			[
				'# Thanh điệu',
				'',
				'Tiếng Việt có **sáu** thanh: *ngang*, huyền…',
				'',
				'- ສະບາຍດີ',
				'- xin chào',
				'',
				'[Từ điển](https://example.org/tu-dien) · [bài 2](/learn)',
				'',
				`![Chợ Đồng Xuân](${MEDIA})`,
				'',
				'| từ | nghĩa |',
				'| --- | --- |',
				'| cơm | ເຂົ້າ |'
			].join('\n')
		);
		const { document, tags } = parsed(html);
		expect(document.querySelector('h3')?.textContent).toBe('Thanh điệu');
		expect(document.querySelector('strong')?.textContent).toBe('sáu');
		expect(document.querySelector('em')?.textContent).toBe('ngang');
		expect([...document.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
			'ສະບາຍດີ',
			'xin chào'
		]);
		const links = [...document.querySelectorAll('a')];
		expect(links.map((a) => a.getAttribute('href'))).toEqual([
			'https://example.org/tu-dien',
			'/learn'
		]);
		expect(links[0].getAttribute('rel')).toContain('noopener');
		const img = document.querySelector('img');
		expect(img?.getAttribute('src')).toBe(MEDIA);
		expect(img?.getAttribute('alt')).toBe('Chợ Đồng Xuân');
		expect(img?.getAttribute('loading')).toBe('lazy');
		expect(tags).toContain('table');
		expect(document.querySelector('td:last-child')?.textContent).toBe('ເຂົ້າ');
	});

	it('is empty for empty text', () => {
		expect(renderMarkdown('')).toBe('');
		expect(renderMarkdown('   \n ')).toBe('');
		expect(renderMarkdown(undefined)).toBe('');
	});

	it('shows raw HTML as text instead of running it', () => {
		const html = renderMarkdown('<script>alert(1)</script> and <b onclick="x()">bold</b>');
		expectInert(html);
		const { document, tags } = parsed(html);
		expect(tags).not.toContain('b');
		expect(document.body.textContent).toContain('<script>alert(1)</script>');
	});

	const HOSTILE: [string, string][] = [
		['script tag', '<script>window.pwned = 1</script>'],
		['script split over lines', '<scr\nipt>alert(1)</scr\nipt>'],
		['img onerror', '<img src=x onerror="alert(1)">'],
		['on* in a Markdown link title', '[x](https://a.example "t\\" onmouseover=\\"alert(1))'],
		['javascript: link', '[click](javascript:alert(1))'],
		['javascript: link, encoded', '[click](jav&#x09;ascript:alert(1))'],
		['javascript: link, upper case with spaces', '[click]( JAVASCRIPT:alert(1) )'],
		['vbscript: link', '[click](vbscript:msgbox(1))'],
		['data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
		['data: picture', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
		['picture from another site', '![pixel](https://tracker.example/p.gif)'],
		['protocol-relative picture', '![pixel](//tracker.example/p.gif)'],
		['protocol-relative link', '[x](//evil.example/)'],
		['autolink javascript', '<javascript:alert(1)>'],
		['iframe', '<iframe src="https://evil.example"></iframe>'],
		['svg onload', '<svg onload=alert(1)><circle r=1 /></svg>'],
		['svg with script', '<svg><script>alert(1)</script></svg>'],
		[
			'math namespace confusion',
			'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>'
		],
		['form', '<form action="https://evil.example"><input name=p></form>'],
		['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
		['style tag', '<style>body{display:none}</style>'],
		['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
		['html comment trick', '<!--><img src=x onerror=alert(1)>-->'],
		['reference-style javascript link', '[x][1]\n\n[1]: javascript:alert(1)'],
		['link inside a heading', '# [x](javascript:alert(1))'],
		['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">']
	];

	it.each(HOSTILE)('makes hostile Markdown inert: %s', (_name, markdown) => {
		expectInert(renderMarkdown(markdown));
	});

	it('keeps the text of a hostile link but not its target', () => {
		const { document } = parsed(renderMarkdown('[click](javascript:alert(1))'));
		expect(document.body.textContent).toContain('click');
		for (const a of document.querySelectorAll('a'))
			expect(a.getAttribute('href') ?? '').not.toMatch(/javascript/i);
	});

	it('cuts text longer than the limit', () => {
		const html = renderMarkdown('a'.repeat(MARKDOWN_MAX_LENGTH + 500));
		expect(parsed(html).document.body.textContent!.trim().length).toBe(MARKDOWN_MAX_LENGTH);
	});
});
