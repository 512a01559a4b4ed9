import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { auditLogForOfficer } from '$lib/server/screening/officer-queries';
import { csvResponse } from '../../csv';
import { requireAuditReader } from '../audit-access';

/** The audit log, newest first, for the school's records. Column names and actions stay English. */
export const GET: RequestHandler = async (event) => {
	const actor = requireAuditReader(event);
	const entries = await auditLogForOfficer(db, actor);
	return csvResponse('admissions-audit-log.csv', [
		['when (UTC)', 'who', 'action', 'candidate', 'program', 'intake', 'reason'],
		...entries.map((e) => [
			e.at.toISOString(),
			e.actorName,
			e.action,
			e.candidate,
			e.program,
			e.intake,
			e.reason
		])
	]);
};
