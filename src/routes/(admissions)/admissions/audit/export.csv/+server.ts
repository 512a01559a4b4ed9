import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { auditLogForOfficer } from '$lib/server/screening/officer-queries';
import { auditCsvRows } from '$lib/server/screening/exports';
import { csvResponse } from '../../csv';
import { requireAuditReader } from '../audit-access';

/** The audit log, newest first, for the school's records. */
export const GET: RequestHandler = async (event) => {
	const actor = requireAuditReader(event);
	return csvResponse('admissions-audit-log.csv', auditCsvRows(await auditLogForOfficer(db, actor)));
};
