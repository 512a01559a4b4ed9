import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { holdsRole } from '$lib/server/auth/guards';
import { auditLogForOfficer } from '$lib/server/admissions/audit-log';
import { AUDIT_READERS } from './audit-access';

export const load: PageServerLoad = (event) =>
	actAs(event, AUDIT_READERS, async (actor) => ({
		entries: await auditLogForOfficer(db, actor),
		// Administrators who run no admissions came from their own area: the way back leads there.
		cameFromAdmin: !holdsRole(event.locals, 'admissions')
	}));
