// Prints what a phone downloads to open a lesson (gzip -9 sizes): the client entry (start + app), the
// lesson route's nodes (root layout, learner layouts, the lesson page) and everything they import
// statically, recursively; JS and CSS separately, fonts separately. Run after `npm run build`:
//   npm run bench:bundle
// The target is ≤ 90 kB of JS + CSS; this prints the figure and asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const CLIENT = '.svelte-kit/output/client';
const MANIFEST = join(CLIENT, '.vite/manifest.json');
const SERVER_MANIFEST = '.svelte-kit/output/server/manifest.js';
const ROUTE = '/(learner)/learn/lessons/[lessonId=lesson]';

if (!existsSync(MANIFEST) || !existsSync(SERVER_MANIFEST)) {
	console.error('No build output: run `npm run build` first.');
	process.exit(1);
}

type Chunk = {
	file: string;
	isEntry?: boolean;
	imports?: string[];
	css?: string[];
	assets?: string[];
};
const client = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
const { manifest } = (await import(pathToFileURL(SERVER_MANIFEST).href)) as {
	manifest: {
		_: {
			routes: { id: string; page: { layouts: (number | undefined)[]; leaf: number } | null }[];
		};
	};
};
const route = manifest._.routes.find((r) => r.id === ROUTE);
if (!route?.page) throw new Error(`route ${ROUTE} not in the build`);
const nodes = [...route.page.layouts.filter((n): n is number => n !== undefined), route.page.leaf];

const roots = [
	...Object.keys(client).filter((k) => client[k].isEntry && !k.includes('/nodes/')),
	...nodes.map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`)
];
const js = new Set<string>();
const css = new Set<string>();
const fonts = new Set<string>();
const visit = (key: string) => {
	const chunk = client[key];
	if (!chunk || js.has(chunk.file)) return;
	js.add(chunk.file);
	for (const c of chunk.css ?? []) css.add(c);
	for (const a of chunk.assets ?? []) if (/\.(woff2?|ttf|otf)$/.test(a)) fonts.add(a);
	for (const i of chunk.imports ?? []) visit(i);
};
for (const r of roots) {
	if (!client[r]) throw new Error(`${r} not in the client manifest`);
	visit(r);
}
// Fonts referenced from the CSS (url(...)), as the browser would find them.
for (const file of css) {
	for (const match of readFileSync(join(CLIENT, file), 'utf8').matchAll(/url\(([^)]+\.woff2?)\)/g))
		fonts.add(
			join(
				'_app/immutable/assets',
				match[1]
					.replace(/^["']?\.?\/?/, '')
					.split('/')
					.pop()!
			)
		);
}

const gz = (file: string) => gzipSync(readFileSync(join(CLIENT, file)), { level: 9 }).byteLength;
const raw = (file: string) => readFileSync(join(CLIENT, file)).byteLength;
const sum = (files: Iterable<string>, size: (f: string) => number) =>
	[...files].reduce((t, f) => t + size(f), 0);
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

const jsGz = sum(js, gz);
const cssGz = sum(css, gz);
console.log(`Lesson page (${ROUTE}), nodes ${nodes.join(', ')}:`);
console.log(`  JS : ${js.size} files, ${kB(sum(js, raw))} raw, ${kB(jsGz)} gzip`);
console.log(`  CSS: ${css.size} files, ${kB(sum(css, raw))} raw, ${kB(cssGz)} gzip`);
console.log(`  JS + CSS gzip: ${kB(jsGz + cssGz)}`);
const fontFiles = [...fonts].filter((f) => existsSync(join(CLIENT, f)));
console.log(
	`  Fonts (separately; woff2 is compressed already, the browser fetches only the unicode ranges a page uses): ${fontFiles.length} files, ${kB(sum(fontFiles, raw))}`
);
