import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue 9: every form action and endpoint reads its body through `$lib/validation` (valibot schemas,
 * translated messages, values kept on failure), never by hand. This spec keeps the habit: it reads
 * the server files of the route groups converted so far and fails on a hand-read field.
 */

const ROUTES_DIR = fileURLToPath(new URL('../../routes', import.meta.url));

/** Route groups held to the rule: every one that reads a body. */
const CHECKED = [
	'(admissions)',
	'(admin)',
	'(auth)',
	'(public)',
	'(learner)/learn',
	'(instructor)',
	'(learner)/learn/screening',
	'api',
	'language',
	'media'
];

/** Server modules of a directory tree: `+page.server.ts`, `+server.ts` and their route-private helpers. */
function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(path);
		const isServer = /^\+(page\.server|server|layout\.server)\.ts$/.test(entry.name);
		const isHelper = /\.ts$/.test(entry.name) && !/^\+|\.spec\.ts$|\.svelte\.ts$/.test(entry.name);
		return isServer || isHelper ? [path] : [];
	});
}

/** A field read by hand: `form.get('x')`, `formData.getAll(…)`, `(await request.formData()).get(…)`, `request.json()`. */
const HAND_READS = [
	/\b(form|formData|data|body)\s*\.\s*(get|getAll)\s*\(/,
	/formData\(\)\s*\)\s*\.\s*(get|getAll)\s*\(/,
	/\brequest\s*\.\s*json\s*\(\s*\)/
];

/** What is wrong with a server module's reading of bodies (empty: nothing). */
export function handReadProblems(source: string): string[] {
	const problems: string[] = [];
	for (const pattern of HAND_READS) {
		const found = pattern.exec(source);
		if (found) problems.push(`reads a field by hand: ${found[0]}`);
	}
	const readsBody = /\.formData\s*\(\s*\)/.test(source);
	const usesSchema = /\b(parseForm|parse|parseJson)\s*\(/.test(source);
	const formFieldsOnly = /\bformFields\s*\(/.test(source) && !usesSchema;
	if (readsBody && !usesSchema && !/\bformFields\s*\(/.test(source))
		problems.push('reads a form without formFields/parseForm');
	if (formFieldsOnly)
		problems.push('takes formFields without validating them with a schema (parse)');
	return problems;
}

describe('form actions and endpoints validate through $lib/validation', () => {
	it('the check catches a hand-read field and accepts the schema helper', () => {
		expect(handReadProblems(`const name = String(form.get('name') ?? '');`)).not.toEqual([]);
		expect(handReadProblems(`const body = await event.request.json();`)).not.toEqual([]);
		expect(
			handReadProblems(`const id = String((await event.request.formData()).get('id') ?? '');`)
		).not.toEqual([]);
		expect(handReadProblems(`const f = formFields(await request.formData());`)).not.toEqual([]);
		expect(
			handReadProblems(`const parsed = await parseForm(Schema, event.request); if (!parsed.ok) {}`)
		).toEqual([]);
		expect(
			handReadProblems(`const parsed = parse(Schema, formFields(await request.formData()));`)
		).toEqual([]);
		// Query strings of a GET are not bodies.
		expect(handReadProblems(`const code = url.searchParams.get('code');`)).toEqual([]);
	});

	// A group inside another ('(learner)/learn/screening') is named for itself, checked once.
	const files = [...new Set(CHECKED.flatMap((group) => serverFiles(join(ROUTES_DIR, group))))];

	it('finds the route files it checks', () => {
		expect(files.length).toBeGreaterThan(20);
	});

	it.each(files.map((file) => [relative(ROUTES_DIR, file), file]))('%s', (_name, file) => {
		expect(handReadProblems(readFileSync(file, 'utf8'))).toEqual([]);
	});
});
