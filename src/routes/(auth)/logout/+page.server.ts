import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session';
import { routes } from '$lib/routes';

// Logging out is a POST (a link could be followed by a prefetch or an image tag).
export const load: PageServerLoad = () => redirect(303, routes.home());

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) await invalidateSession(db, locals.session.id);
		deleteSessionTokenCookie(cookies);
		redirect(303, routes.login());
	}
};
