import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { normalizeCode } from '$lib/server/auth/codes';

/**
 * The form is a GET: a typed code goes to /verify/<code> as printed (with its dash, in capitals), which
 * works without JavaScript. What cannot be a code at all — `.`, `..`, a slash, a wrong length — is
 * not found, like a code nobody was given (+error.svelte shows the form again).
 */
export const load: PageServerLoad = ({ url }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { error: null, code: '' };
	if (!typed.trim()) return { error: 'code_required' as const, code: '' };
	const code = normalizeCode(typed);
	if (!code) error(404, m.adm_verify_not_found());
	redirect(303, routes.verify.certificate(code));
};
