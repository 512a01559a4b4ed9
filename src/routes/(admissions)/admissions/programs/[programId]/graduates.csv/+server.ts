import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { programForOfficer } from '$lib/server/admissions/programs';
import { graduatesOfProgram } from '$lib/server/admissions/graduates';
import { graduatesCsvRows } from '$lib/server/admissions/exports';
import { csvResponse, fileSlug } from '$lib/server/csv';

/** Graduates of the intake and their follow-ups, for the partner province's evaluation. */
export const GET: RequestHandler = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId } = event.params;
		const program = await programForOfficer(db, actor, programId);
		const rows = graduatesCsvRows(await graduatesOfProgram(db, actor, programId));
		return csvResponse(`${fileSlug(`${program.name} ${program.intake}`)}-graduates.csv`, rows);
	});
