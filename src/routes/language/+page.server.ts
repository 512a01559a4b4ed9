import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { setLocale } from '$lib/server/accounts/service';
import { rememberLocale, safeRedirectTarget } from '$lib/server/auth/navigation';
import { isLocale } from '$lib/paraglide/runtime';
import { routes } from '$lib/routes';

export const load: PageServerLoad = () => redirect(303, routes.home());

export const actions: Actions = {
	/** Remembered in the browser (cookie) and, when signed in, on the account. */
	default: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const locale = String(form.get('locale') ?? '');
		if (isLocale(locale)) {
			rememberLocale(cookies, locale);
			if (locals.user) await setLocale(db, locals.user.id, locale);
		}
		redirect(303, safeRedirectTarget(form.get('returnTo'), routes.home()));
	}
};
