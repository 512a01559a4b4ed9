import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { requireAuditReader } from './audit/audit-access';

// Second layer: the hook already refused form posts; this refuses page loads with a translated 403.
// The audit log is also open to administrators (its own load checks again, per organization).
export const load: LayoutServerLoad = (event) => {
	if (event.route.id?.startsWith('/(admissions)/admissions/audit')) requireAuditReader(event);
	else requireRole(event, 'admissions');
};
