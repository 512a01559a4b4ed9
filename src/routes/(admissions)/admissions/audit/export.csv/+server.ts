import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { auditFilterChoices, auditLogForOfficer } from '$lib/server/admissions/audit-log';
import { auditCsvRows } from '$lib/server/admissions/exports';
import { csvResponse } from '$lib/server/csv';
import { AUDIT_READERS } from '../audit-access';
import { readAuditFilter } from '../audit-filter';

/** The audit log, newest first, for the school's records: filtered as the page was (its query). */
export const GET: RequestHandler = (event) =>
	actAs(event, AUDIT_READERS, async (actor) => {
		const { people } = await auditFilterChoices(db, actor);
		const { filter } = readAuditFilter(event.url.searchParams, people);
		return csvResponse(
			'admissions-audit-log.csv',
			auditCsvRows(await auditLogForOfficer(db, actor, filter))
		);
	});
