import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { programForOfficer } from '$lib/server/admissions/programs';
import { candidatesWithResults } from '$lib/server/admissions/candidates';
import { programCsvRows } from '$lib/server/admissions/exports';
import { csvResponse, fileSlug } from '$lib/server/csv';

/** The whole intake with results, for the school's own spreadsheets, in the reader's language. */
export const GET: RequestHandler = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId } = event.params;
		const program = await programForOfficer(db, actor, programId);
		const rows = programCsvRows(await candidatesWithResults(db, actor, programId));
		return csvResponse(`${fileSlug(`${program.name} ${program.intake}`)}.csv`, rows);
	});
