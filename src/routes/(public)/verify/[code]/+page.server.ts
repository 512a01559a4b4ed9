import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { verifyFromAddress } from '$lib/server/admissions/verification';
import { minutesUntil } from '$lib/server/auth/throttle';

/**
 * Anyone may check a certificate, without logging in. Only the name, the levels, the test date, the
 * validity and who issued it for which program leave the server: nothing of the estimate, the
 * candidate's details or other candidates. A code typed another way (no dash, lower case) lands on
 * the address the certificate's QR code carries.
 */
export const load: PageServerLoad = async ({ params, setHeaders, getClientAddress }) => {
	// Validity changes with time, and a shared computer must not keep someone's result.
	setHeaders({ 'cache-control': 'no-store' });
	const found = await verifyFromAddress(db, params.code, getClientAddress());
	if (!found.ok && found.reason === 'throttled')
		error(429, m.error_codes_throttled({ minutes: minutesUntil(found.retryAt) }));
	if (!found.ok) error(404, m.adm_verify_not_found());
	const result = found.value;
	if (result.code !== params.code) redirect(308, routes.verify.certificate(result.code));
	return { code: result.code, result };
};
