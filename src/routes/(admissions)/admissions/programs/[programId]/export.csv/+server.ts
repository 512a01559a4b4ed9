import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import { candidatesWithResults, programForOfficer } from '$lib/server/screening/admissions';
import { SCORED_SKILLS } from '$lib/screening/requirement';
import { csvResponse, fileSlug } from '../../../csv';

/** The whole intake with results, for the school's own spreadsheets. Column names stay English. */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId } = event.params;
	return withForbidden(async () => {
		const program = await programForOfficer(db, actor, programId);
		const candidates = await candidatesWithResults(db, actor, programId);
		const date = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '');
		const rows = [
			[
				'name',
				'position',
				'sending organization',
				'date of birth',
				'phone',
				'invitation code',
				'status',
				'attempts',
				'overall level',
				...SCORED_SKILLS,
				'theta',
				'standard error',
				'passed',
				'test date',
				'valid until',
				'verification code',
				'decision',
				'decision reason',
				'decided at'
			],
			...candidates.map((c) => [
				c.fullName,
				c.position,
				c.sendingOrganization,
				c.dateOfBirth,
				c.phone,
				c.invitationCode,
				c.status,
				c.attempts,
				c.latest?.overallLevel,
				...SCORED_SKILLS.map((s) => c.latest?.skillLevels[s]),
				c.latest?.theta?.toFixed(2),
				c.latest?.standardError?.toFixed(2),
				c.latest ? (c.latest.passed ? 'yes' : 'no') : '',
				date(c.latest?.finishedAt),
				date(c.latest?.validUntil),
				c.latest?.verificationCode,
				c.decision?.decision,
				c.decision?.reason,
				date(c.decision?.decidedAt)
			])
		];
		return csvResponse(`${fileSlug(`${program.name} ${program.intake}`)}.csv`, rows);
	});
};
