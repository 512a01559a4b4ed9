import type { Gloss } from '$lib/course/types';

/** A form's text fields as its schema read them (`$lib/validation`); a field not sent is absent. */
export type FormText = Readonly<Record<string, string | undefined>>;

/** A form field's text, trimmed and NFC (course text is compared and graded in NFC). */
export function field(fields: FormText, name: string): string {
	return (fields[name] ?? '').trim().normalize('NFC');
}

/** A gloss from `<name>` (the course's interface language) and `<name>En` (English, optional). */
export function glossField(fields: FormText, name: string, lang: 'vi' | 'lo'): Gloss {
	const gloss: Gloss = { [lang]: field(fields, name) };
	const en = field(fields, `${name}En`);
	if (en) gloss.en = en;
	return gloss;
}
