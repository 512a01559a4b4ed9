// Git merge driver for messages/*.json: the union of both sides' keys (theirs wins on a clash),
// so two branches that each added messages merge without a conflict. Enable once per clone:
//   git config merge.messages.driver "node scripts/dev/merge-messages.mjs %O %A %B"
import { readFileSync, writeFileSync } from 'node:fs';

const [base, ours, theirs] = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, 'utf8')));
const merged = { ...ours };
for (const [key, value] of Object.entries(theirs)) {
	if (!(key in base) || base[key] !== value) merged[key] = value;
}
for (const key of Object.keys(base)) {
	if (!(key in theirs)) delete merged[key];
}
writeFileSync(process.argv[3], JSON.stringify(merged, null, '\t') + '\n');
