import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { auditLogForOfficer } from '$lib/server/screening/officer-queries';
import { requireAuditReader } from './audit-access';

export const load: PageServerLoad = async (event) => {
	const actor = requireAuditReader(event);
	return { entries: await auditLogForOfficer(db, actor) };
};
