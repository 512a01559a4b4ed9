import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import { programForOfficer } from '$lib/server/screening/admissions';
import { graduatesOfProgram } from '$lib/server/screening/graduates';
import { csvResponse, fileSlug } from '../../../csv';

/**
 * Graduates and their follow-ups, one line per follow-up (a graduate without one gets a single line),
 * so the partner province can evaluate how the intake's graduates are used. Column names stay English.
 */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId } = event.params;
	return withForbidden(async () => {
		const program = await programForOfficer(db, actor, programId);
		const graduates = await graduatesOfProgram(db, actor, programId);
		const rows = graduates.flatMap((g) => {
			const person = [
				g.fullName,
				g.position,
				g.sendingOrganization,
				g.record?.outcome,
				g.record?.completedOn,
				g.record?.notes
			];
			if (g.followUps.length === 0) return [[...person, '', '', '', '']];
			return g.followUps.map((f) => [
				...person,
				f.observedOn,
				f.positionHeld,
				f.vietnameseUse,
				f.notes
			]);
		});
		return csvResponse(`${fileSlug(`${program.name} ${program.intake}`)}-graduates.csv`, [
			[
				'name',
				'position at admission',
				'sending organization',
				'completion',
				'completed on',
				'completion notes',
				'follow-up date',
				'position held',
				'use of Vietnamese at work',
				'follow-up notes'
			],
			...rows
		]);
	});
};
