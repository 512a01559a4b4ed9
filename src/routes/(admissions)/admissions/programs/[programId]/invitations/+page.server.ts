import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import { candidatesWithResults, programForOfficer } from '$lib/server/screening/admissions';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId } = event.params;
	return withForbidden(async () => {
		const program = await programForOfficer(db, actor, programId);
		const candidates = await candidatesWithResults(db, actor, programId);
		return {
			program: {
				id: program.id,
				name: program.name,
				intake: program.intake,
				bankId: program.bankId,
				windowClosesAt: program.windowClosesAt,
				timeLimitMinutes: program.timeLimitMinutes
			},
			origin: event.url.origin,
			// Who has not registered yet still needs the paper invitation.
			invitations: candidates.map((c) => ({
				id: c.id,
				fullName: c.fullName,
				sendingOrganization: c.sendingOrganization,
				code: c.invitationCode,
				registered: c.status !== 'invited'
			}))
		};
	});
};
