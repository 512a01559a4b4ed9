import type { Gloss, InterfaceLanguage } from './types';

/**
 * The gloss in the learner's interface language; otherwise the course's own interface language
 * (always written), then English, then whatever there is. Course glosses are written in the learners'
 * language first, so a learner who switched to English may see the course language where English is missing.
 */
export function glossText(
	gloss: Gloss | undefined,
	locale: InterfaceLanguage,
	courseLanguage: 'vi' | 'lo'
): string {
	if (!gloss) return '';
	return gloss[locale] ?? gloss[courseLanguage] ?? gloss.en ?? Object.values(gloss)[0] ?? '';
}
