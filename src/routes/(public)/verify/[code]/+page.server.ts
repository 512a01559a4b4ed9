import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { verifyFromAddress } from '$lib/server/admissions/verification';
import { minutesUntil } from '$lib/server/auth/throttle';

/**
 * Anyone may check a certificate, without logging in. Only the name, the levels, the test date and
 * the validity leave the server: nothing of the program, the estimate or other candidates.
 */
export const load: PageServerLoad = async ({ params, setHeaders, getClientAddress }) => {
	// Validity changes with time, and a shared computer must not keep someone's result.
	setHeaders({ 'cache-control': 'no-store' });
	const found = await verifyFromAddress(db, params.code, getClientAddress());
	if (!found.ok && found.reason === 'throttled')
		error(429, m.error_codes_throttled({ minutes: minutesUntil(found.retryAt) }));
	if (!found.ok) error(404, m.adm_verify_not_found());
	return { code: params.code.trim().toUpperCase(), result: found.value };
};
