// The content gate: every Vietnamese and Lao string of the courses, the placement banks and the interface
// messages is spelled as the hunspell dictionaries know it, or is on the reviewed allow-list
// (`content/spelling-allow.json`: names, abbreviations, single letters of the script lessons).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import viDictionary from 'dictionary-vi';
import {
	contentSamples,
	createSpellChecker,
	hunspellWords,
	messageSamples,
	romanizationSyllables,
	type TextSample
} from '../../src/lib/language/spelling';

/** Written by scripts/find-dictionaries.js (run by `npm run test:unit`). */
function laoDictionaryPath(): string {
	const found = 'node_modules/.cache/lao-dictionary-path';
	const path =
		process.env.LAO_DICTIONARY ??
		(existsSync(found) ? readFileSync(found, 'utf8').trim() : '/usr/share/hunspell/lo_LA.dic');
	if (!existsSync(path))
		throw new Error(`No Lao dictionary at ${path}: run \`node scripts/find-dictionaries.js\``);
	return path;
}

function jsonFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return jsonFiles(path);
		return name.endsWith('.json') && name !== 'spelling-allow.json' ? [path] : [];
	});
}

/** The allow-list groups its words by why they are allowed; the checker needs only the words. */
const allowFile = JSON.parse(readFileSync('content/spelling-allow.json', 'utf8')) as Record<
	'vi' | 'lo',
	Record<string, string[]>
>;
const allow = {
	vi: Object.values(allowFile.vi).flat(),
	lo: Object.values(allowFile.lo).flat()
};
const contentFiles = jsonFiles('content');
const checker = createSpellChecker({
	vietnamese: [
		...hunspellWords(new TextDecoder().decode(viDictionary.dic)),
		// The Lao course's own romanization, quoted in its Vietnamese glosses.
		...contentFiles.flatMap((file) => romanizationSyllables(JSON.parse(readFileSync(file, 'utf8'))))
	],
	lao: hunspellWords(readFileSync(laoDictionaryPath(), 'utf8')),
	allow
});

function report(samples: TextSample[]): string[] {
	return checker.misspellings(samples).map((m) => `${m.where}: ${m.language} "${m.word}"`);
}

describe('content gate: spelling', () => {
	it.each(contentFiles)('%s', (file) => {
		const samples = contentSamples(JSON.parse(readFileSync(file, 'utf8')), file);
		expect(samples.length).toBeGreaterThan(0);
		expect(report(samples)).toEqual([]);
	});

	it.each(['messages/vi.json', 'messages/lo.json'])('%s', (file) => {
		const samples = messageSamples(JSON.parse(readFileSync(file, 'utf8')), file);
		expect(samples.length).toBeGreaterThan(100);
		expect(report(samples)).toEqual([]);
	});
});
