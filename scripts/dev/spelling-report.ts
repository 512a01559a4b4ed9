import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import viDictionary from 'dictionary-vi';
import {
	contentSamples,
	romanizationSyllables,
	createSpellChecker,
	hunspellWords,
	messageSamples
} from '../../src/lib/language/spelling';
const root = process.argv[2] ?? '.';
function jsonFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		if (statSync(p).isDirectory()) return jsonFiles(p);
		return n.endsWith('.json') && n !== 'spelling-allow.json' ? [p] : [];
	});
}
const allowPath = join(root, 'content/spelling-allow.json');
const allowFile = JSON.parse(readFileSync(allowPath, 'utf8'));
const allow = {
	vi: Object.values(allowFile.vi).flat() as string[],
	lo: Object.values(allowFile.lo).flat() as string[]
};
const c = createSpellChecker({
	vietnamese: [
		...hunspellWords(new TextDecoder().decode(viDictionary.dic)),
		...jsonFiles(join(root, 'content')).flatMap((f) =>
			romanizationSyllables(JSON.parse(readFileSync(f, 'utf8')))
		)
	],
	lao: hunspellWords(readFileSync('/usr/share/hunspell/lo_LA.dic', 'utf8')),
	allow
});
const samples = [
	...jsonFiles(join(root, 'content')).flatMap((f) =>
		contentSamples(JSON.parse(readFileSync(f, 'utf8')), f)
	),
	...['messages/vi.json', 'messages/lo.json']
		.map((f) => join(root, f))
		.flatMap((f) => messageSamples(JSON.parse(readFileSync(f, 'utf8')), f))
];
const counts = new Map<string, { n: number; where: string }>();
for (const m of c.misspellings(samples)) {
	const k = `${m.language} ${m.word}`;
	const e = counts.get(k) ?? { n: 0, where: m.where };
	e.n++;
	counts.set(k, e);
}
for (const [k, v] of [...counts].sort((a, b) => b[1].n - a[1].n)) console.log(v.n, k, v.where);
