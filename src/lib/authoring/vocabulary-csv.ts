/**
 * Vocabulary from a spreadsheet: a CSV with a header row naming the columns `term`, `meaning` (in
 * the course's interface language), and optionally `meaning_en` and `romanization`. Parsed with
 * papaparse (quotes, commas inside quotes, a byte-order mark, `;` separators from spreadsheets set to
 * Vietnamese or Lao number formats). Pure.
 */
import Papa from 'papaparse';
import type { Gloss } from '$lib/course/types';
import type { VocabularyInput } from './edit';

export type VocabularyCsvError = { line: number; code: 'no_term' | 'no_meaning' | 'no_header' };

export function parseVocabularyCsv(
	text: string,
	lang: 'vi' | 'lo'
): { entries: VocabularyInput[]; errors: VocabularyCsvError[] } {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const fields = parsed.meta.fields ?? [];
	if (!fields.includes('term') || !fields.includes('meaning'))
		return { entries: [], errors: [{ line: 1, code: 'no_header' }] };
	const entries: VocabularyInput[] = [];
	const errors: VocabularyCsvError[] = [];
	parsed.data.forEach((row, i) => {
		const line = i + 2;
		const term = (row.term ?? '').trim().normalize('NFC');
		const meaning = (row.meaning ?? '').trim().normalize('NFC');
		if (!term) return errors.push({ line, code: 'no_term' });
		if (!meaning) return errors.push({ line, code: 'no_meaning' });
		const gloss: Gloss = { [lang]: meaning };
		const en = (row.meaning_en ?? '').trim().normalize('NFC');
		if (en) gloss.en = en;
		const romanization = (row.romanization ?? '').trim();
		entries.push({ term, meaning: gloss, ...(romanization ? { romanization } : {}) });
	});
	return { entries, errors };
}
