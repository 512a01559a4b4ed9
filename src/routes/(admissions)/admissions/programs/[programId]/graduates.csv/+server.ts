import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import { programForOfficer } from '$lib/server/screening/admissions';
import { graduatesOfProgram } from '$lib/server/screening/graduates';
import { graduatesCsvRows } from '$lib/server/screening/exports';
import { csvResponse, fileSlug } from '../../../csv';

/** Graduates of the intake and their follow-ups, for the partner province's evaluation. */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId } = event.params;
	return withForbidden(async () => {
		const program = await programForOfficer(db, actor, programId);
		const rows = graduatesCsvRows(await graduatesOfProgram(db, actor, programId));
		return csvResponse(`${fileSlug(`${program.name} ${program.intake}`)}-graduates.csv`, rows);
	});
};
