import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { auditLogForOfficer } from '$lib/server/admissions/audit-log';
import { auditCsvRows } from '$lib/server/admissions/exports';
import { csvResponse } from '$lib/server/csv';
import { AUDIT_READERS } from '../audit-access';

/** The audit log, newest first, for the school's records. */
export const GET: RequestHandler = (event) =>
	actAs(event, AUDIT_READERS, async (actor) =>
		csvResponse('admissions-audit-log.csv', auditCsvRows(await auditLogForOfficer(db, actor)))
	);
