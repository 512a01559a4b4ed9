import type { ParamMatcher } from '@sveltejs/kit';

/** An interface language of the app (project.inlang/settings.json). */
export const match = ((param) =>
	param === 'vi' || param === 'lo' || param === 'en') satisfies ParamMatcher;
