import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guards';
import { candidaciesOfUser } from '$lib/server/screening/delivery';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'learner');
	return { candidacies: await candidaciesOfUser(db, user.id) };
};
