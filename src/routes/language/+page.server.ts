import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { setLocale } from '$lib/server/accounts/service';
import { rememberLocale, safeRedirectTarget } from '$lib/server/auth/navigation';
import { isLocale } from '$lib/paraglide/runtime';
import { routes } from '$lib/routes';
import { optionalText, parseForm } from '$lib/validation';

const LanguageForm = v.object({ locale: optionalText(10), returnTo: optionalText(2000) });

export const load: PageServerLoad = () => redirect(303, routes.home());

export const actions: Actions = {
	/** Remembered in the browser (cookie) and, when signed in, on the account. */
	default: async ({ request, locals, cookies }) => {
		const parsed = await parseForm(LanguageForm, request);
		// Nothing to tell on a form of one select: a bad post changes nothing and goes home.
		if (!parsed.ok) redirect(303, routes.home());
		const { locale, returnTo } = parsed.data;
		if (isLocale(locale)) {
			rememberLocale(cookies, locale);
			if (locals.user) await setLocale(db, locals.user.id, locale);
		}
		redirect(303, safeRedirectTarget(returnTo, routes.home()));
	}
};
