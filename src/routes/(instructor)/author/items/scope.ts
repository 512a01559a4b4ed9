import { organizationsWithRole } from '$lib/server/accounts/home';

/**
 * The organization and bank language a calibration or health page is about: from the query, else
 * the instructor's first organization and Vietnamese. `query`: the URL's search parameters, or a
 * posted form (whose action URL has no query). The services check the organization again.
 */
export function itemScope(locals: App.Locals, query: { get(name: string): unknown }) {
	const organizations = organizationsWithRole(locals, 'instructor');
	const asked = query.get('organization');
	const organizationId =
		organizations.find((o) => o.organizationId === asked)?.organizationId ??
		organizations[0]?.organizationId ??
		'';
	const language: 'vi' | 'lo' = query.get('language') === 'lo' ? 'lo' : 'vi';
	return { organizations, organizationId, language };
}
