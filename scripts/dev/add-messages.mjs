// Adds or replaces UI messages in all three languages at once, NFC-normalized:
//   node scripts/dev/add-messages.mjs new-messages.json   (file: { "key": { "vi": …, "lo": …, "en": … } })
import { readFileSync, writeFileSync } from 'node:fs';

const additions = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const locale of ['vi', 'lo', 'en']) {
	const path = `messages/${locale}.json`;
	const messages = JSON.parse(readFileSync(path, 'utf8'));
	for (const [key, texts] of Object.entries(additions)) {
		if (!texts[locale]) throw new Error(`${key}: no ${locale} text`);
		messages[key] = texts[locale].normalize('NFC');
	}
	writeFileSync(path, JSON.stringify(messages, null, '\t') + '\n');
}
console.log(`added ${Object.keys(additions).length} messages`);
