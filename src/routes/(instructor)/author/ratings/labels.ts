import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Localized } from '$lib/screening/rubric';

export function sourceLabel(source: string): string {
	return source === 'lesson' ? m.rate_source_lesson() : m.rate_source_screening();
}

/** A rubric text in the interface language (rubrics carry vi, lo and en). */
export function localized(text: Localized): string {
	return text[getLocale()] ?? text.vi;
}
