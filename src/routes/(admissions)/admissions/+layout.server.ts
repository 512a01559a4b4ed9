import type { LayoutServerLoad } from './$types';
import { requireAdmitted } from '$lib/server/auth/act-as';
import { AUDIT_READERS } from './audit/audit-access';

// Second layer: the hook already refused form posts; this refuses page loads with a translated 403.
// The audit log is also open to administrators (its own load checks again, per organization).
export const load: LayoutServerLoad = (event) => {
	requireAdmitted(
		event,
		event.route.id?.startsWith('/(admissions)/admissions/audit') ? AUDIT_READERS : 'admissions'
	);
};
