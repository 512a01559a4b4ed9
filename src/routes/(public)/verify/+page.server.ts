import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { routes } from '$lib/routes';

/** The form is a GET: a typed code goes to /verify/<code>, which works without JavaScript. */
export const load: PageServerLoad = ({ url }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { error: null, code: '' };
	const code = typed.trim().toUpperCase();
	if (!code) return { error: 'code_required' as const, code: '' };
	redirect(303, routes.verify.certificate(code));
};
