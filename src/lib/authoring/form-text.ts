import type { Gloss } from '$lib/course/types';

/** A form field's text, trimmed and NFC (course text is compared and graded in NFC). */
export function field(form: FormData, name: string): string {
	return String(form.get(name) ?? '')
		.trim()
		.normalize('NFC');
}

/** A gloss from `<name>` (the course's interface language) and `<name>En` (English, optional). */
export function glossField(form: FormData, name: string, lang: 'vi' | 'lo'): Gloss {
	const gloss: Gloss = { [lang]: field(form, name) };
	const en = field(form, `${name}En`);
	if (en) gloss.en = en;
	return gloss;
}
