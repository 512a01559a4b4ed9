import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { homeFor, registerAccount, rolesOf } from '$lib/server/accounts/service';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { minutesUntil } from '$lib/server/auth/throttle';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, homeFor(locals.memberships, locals.user.isPlatformAdmin));
	// Invitation links carry the code: /register?code=ABCD-EFGH
	return { code: url.searchParams.get('code') ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? ''),
			phone: String(form.get('phone') ?? ''),
			invitationCode: String(form.get('invitationCode') ?? '')
		};
		const result = await registerAccount(db, {
			...values,
			password: String(form.get('password') ?? ''),
			locale: getLocale(),
			clientAddress: event.getClientAddress()
		});
		// Everything but the password goes back, so nothing typed is lost.
		if (!result.ok) {
			const minutes = result.retryAt ? minutesUntil(result.retryAt) : 0;
			return fail(result.retryAt ? 429 : 400, { values, errors: result.errors, minutes });
		}

		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId);
		setSessionTokenCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, homeFor(await rolesOf(db, result.userId)));
	}
};
