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
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { optionalText, parseForm } from '$lib/validation';

/** The shape of the form; what a username, password or code must be is `registerAccount`'s rule. */
const RegisterForm = v.object({
	username: optionalText(200),
	displayName: optionalText(200),
	phone: optionalText(40),
	invitationCode: optionalText(40),
	// Taken as typed, spaces included; far longer than any password is not one.
	password: v.pipe(
		v.optional(v.string(), ''),
		v.maxLength(1024, () => m.validation_too_long({ max: 1024 }))
	)
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, homeFor(locals.memberships, locals.user.isPlatformAdmin));
	// Invitation links carry the code: /register?code=ABCD-EFGH
	return { code: url.searchParams.get('code') ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = await parseForm(RegisterForm, event.request);
		if (!parsed.ok) {
			// Everything typed but the password goes back.
			const { password: _password, ...values } = parsed.values;
			return fail(400, { values, errors: parsed.errors, minutes: 0 });
		}
		const { password, ...values } = parsed.data;
		const result = await registerAccount(db, {
			...values,
			password,
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
