import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { programForOfficer } from '$lib/server/admissions/programs';
import { candidatesWithResults } from '$lib/server/admissions/candidates';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId } = event.params;
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
