import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { authenticate, homeFor, rolesOf, setLocale } from '$lib/server/accounts/service';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { rememberLocale, safeRedirectTarget } from '$lib/server/auth/navigation';
import { minutesUntil } from '$lib/server/auth/throttle';
import { getLocale } from '$lib/paraglide/runtime';
import { optionalText, parseForm } from '$lib/validation';

/** Only the shape: which username and password are right is `authenticate`'s to say. */
const LoginForm = v.object({
	username: optionalText(200),
	// Passwords are taken as typed, spaces included; longer than any allowed one fails as wrong.
	password: v.pipe(v.optional(v.string(), ''), v.maxLength(1024))
});

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.memberships, locals.user.isPlatformAdmin));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = await parseForm(LoginForm, event.request);
		if (!parsed.ok) {
			const typed = parsed.values.username;
			const username = typeof typed === 'string' ? typed.slice(0, 200) : '';
			return fail(400, { username, error: 'invalid_credentials', minutes: 0 });
		}
		const { username, password } = parsed.data;

		const result = await authenticate(db, {
			username,
			password,
			clientAddress: event.getClientAddress()
		});
		if (!result.ok) {
			if (result.reason === 'throttled') {
				return fail(429, { username, error: 'throttled', minutes: minutesUntil(result.retryAt) });
			}
			return fail(400, { username, error: 'invalid_credentials', minutes: 0 });
		}

		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId);
		setSessionTokenCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		// The account's language wins over the browser's; an account without one adopts the browser's.
		if (result.locale) rememberLocale(event.cookies, result.locale);
		else await setLocale(db, result.userId, getLocale());

		const memberships = await rolesOf(db, result.userId);
		redirect(
			303,
			safeRedirectTarget(event.url.searchParams.get('redirectTo'), homeFor(memberships))
		);
	}
};
