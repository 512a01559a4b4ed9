import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { listPrograms } from '$lib/server/screening/admissions';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admissions');
	return { programs: await listPrograms(db, actorOf(event.locals)) };
};
